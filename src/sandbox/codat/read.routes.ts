import { Router, type Request } from 'express';
import { bankAccountById } from './books-lookup';
import { CodatError } from './codat-error';
import { pagedList, type PageRequest } from './paged-list';
import { accountingConnection, companyBooks, params } from './route-guards';
import type { Books, JsonObject, StatementLineRecord } from './sandbox.types';
import type { Edge } from '../kit';
import type { CodatSandboxStore } from './codat-sandbox.store';

const DATED = ['metadata', 'modifiedDate', 'sourceModifiedDate'];

/** Top-level properties of each read model in Codat-Lending.yaml: what `query` and `orderBy` may name. */
const FIELDS = {
  bankAccounts: ['id', 'accountName', 'accountType', 'nominalCode', 'sortCode', 'accountNumber', 'iBan', 'currency', 'balance', 'institution', 'availableBalance', 'overdraftLimit', 'status', ...DATED],
  accounts: ['id', 'nominalCode', 'name', 'description', 'fullyQualifiedCategory', 'fullyQualifiedName', 'currency', 'currentBalance', 'type', 'status', 'isBankAccount', 'validDatatypeLinks', ...DATED],
  suppliers: ['id', 'supplierName', 'contactName', 'emailAddress', 'phone', 'addresses', 'registrationNumber', 'taxNumber', 'status', 'defaultCurrency', ...DATED],
  customers: ['id', 'customerName', 'contactName', 'emailAddress', 'defaultCurrency', 'phone', 'addresses', 'contacts', 'registrationNumber', 'taxNumber', 'status', ...DATED],
  invoices: ['id', 'invoiceNumber', 'customerRef', 'salesOrderRefs', 'issueDate', 'dueDate', 'paidOnDate', 'currency', 'currencyRate', 'lineItems', 'paymentAllocations', 'withholdingTax', 'totalDiscount', 'subTotal', 'additionalTaxAmount', 'additionalTaxPercentage', 'totalTaxAmount', 'totalAmount', 'amountDue', 'discountPercentage', 'status', 'note', ...DATED],
  payments: ['id', 'customerRef', 'accountRef', 'paymentMethodRef', 'totalAmount', 'currency', 'currencyRate', 'date', 'note', 'lines', 'reference', ...DATED],
  transfers: ['id', 'description', 'contactRef', 'date', 'from', 'to', 'status', 'trackingCategoryRefs', 'depositedRecordRefs', ...DATED],
  directCosts: ['id', 'reference', 'note', 'contactRef', 'issueDate', 'currency', 'currencyRate', 'lineItems', 'paymentAllocations', 'subTotal', 'taxAmount', 'totalAmount', ...DATED],
  directIncomes: ['id', 'reference', 'note', 'contactRef', 'issueDate', 'currency', 'currencyRate', 'lineItems', 'paymentAllocations', 'subTotal', 'taxAmount', 'totalAmount', ...DATED],
  bankTransactions: ['id', 'accountId', 'clearedOnDate', 'description', 'counterparty', 'reconciled', 'amount', 'balance', 'transactionType', 'modifiedDate', 'sourceModifiedDate'],
} as const;

/** AccountingBankTransaction as Codat's Xero example shows it; the Bank Feeds `reference` is kept only in the books. */
function bankTransactionView(line: StatementLineRecord): JsonObject {
  const { reference: _reference, ...view } = line;
  return view;
}

/** The data type (CONTRACT §2.7) whose sync refreshes each read, where it is not the read's own name. */
const SYNCED_AS: Partial<Record<keyof typeof FIELDS, string>> = { accounts: 'chartOfAccounts' };

type Source = (books: Books, req: Request) => JsonObject[];

/** Codat's read endpoints (R1–R3 and the lists the gateway uses to find its records again). */
export function readRoutes(store: CodatSandboxStore, edge: Edge): Router {
  const router = Router();

  const serve = (path: string, dataType: keyof typeof FIELDS, idParam: string, source: Source) => {
    const scoped = path.includes(':connectionId');
    const booksFor = (req: Request) => store.readableBooks(
      params(req).companyId,
      scoped ? accountingConnection(store, params(req).companyId, params(req).connectionId, dataType).books : companyBooks(store, params(req).companyId),
      SYNCED_AS[dataType] ?? dataType,
    );
    router.get(path, edge.route((req) => {
      const items = source(booksFor(req), req);
      const base = req.path.replace(/\/$/, '');
      return { status: 200, body: pagedList(items, req.query as PageRequest, base, FIELDS[dataType], store.settings.maxPageSize) };
    }));
    router.get(`${path}/:${idParam}`, edge.route((req) => {
      const id = params(req)[idParam];
      const record = source(booksFor(req), req).find((item) => item.id === id);
      if (!record) throw CodatError.recordNotFound(dataType, id);
      return { status: 200, body: record };
    }));
  };

  const connection = '/companies/:companyId/connections/:connectionId/data';
  const company = '/companies/:companyId/data';

  router.get(`${connection}/bankAccounts/:accountId/bankTransactions`, edge.route((req) => {
    const books = store.readableBooks(params(req).companyId, accountingConnection(store, params(req).companyId, params(req).connectionId, 'bankTransactions').books, 'bankTransactions');
    const { accountId } = params(req);
    if (!bankAccountById(books, accountId)) throw CodatError.recordNotFound('bankAccounts', accountId);
    const lines = (books.statements[accountId] ?? []).map(bankTransactionView);
    return { status: 200, body: pagedList(lines, req.query as PageRequest, req.path, FIELDS.bankTransactions, store.settings.maxPageSize) };
  }));
  serve(`${connection}/bankAccounts`, 'bankAccounts', 'accountId', (books) => books.bankAccounts);
  serve(`${connection}/transfers`, 'transfers', 'transferId', (books) => books.transfers);
  serve(`${connection}/directCosts`, 'directCosts', 'directCostId', (books) => books.directCosts);
  serve(`${connection}/directIncomes`, 'directIncomes', 'directIncomeId', (books) => books.directIncomes);
  serve(`${company}/accounts`, 'accounts', 'accountId', (books) => books.accounts);
  serve(`${company}/suppliers`, 'suppliers', 'supplierId', (books) => books.suppliers);
  serve(`${company}/customers`, 'customers', 'customerId', (books) => books.customers);
  serve(`${company}/invoices`, 'invoices', 'invoiceId', (books) => books.invoices);
  serve(`${company}/payments`, 'payments', 'paymentId', (books) => books.payments);

  return router;
}
