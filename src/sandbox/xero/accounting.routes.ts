import { Router, type Request } from 'express';
import { newUuid, principalOf, slice, type Edge, type Reply } from '../kit';
import {
  createAccount, createBankTransaction, createBankTransfer, createContact, createPayment, msDateTime,
  type Json, type OrganisationBooks, type Outcome,
} from '../xero-books';
import { showAccount, showBankTransaction, showBankTransfer, showContact, showInvoice, showPayment } from './accounting-json';
import { XeroNotFound, XeroValidationFailure } from './accounting-dialect';
import { flag, list, listed } from './accounting-query';
import type { XeroBooksStore, XeroCaller } from './xero-books.store';

type Shown = Record<string, unknown>;

/**
 * The Accounting API (api.xero.com/api.xro/2.0) at Xero's paths: Organisation, Accounts,
 * Contacts, Invoices, BankTransfers, BankTransactions and Payments, read and created as Xero does
 * (writes by PUT answer 200 with the collection envelope; refusals are 400 ValidationException).
 * Lists take `where`, `order` and `If-Modified-Since`; Contacts, Invoices, BankTransactions and
 * Payments are paged when `page` is given.
 */
export function accountingRoutes(store: XeroBooksStore, edge: Edge): Router {
  const router = Router();
  const caller = (req: Request) => principalOf<XeroCaller>(req)!;
  const booksOf = (req: Request) => store.books(caller(req).tenantId);
  const envelope = (req: Request, collection: string, items: Shown[], extra: Shown = {}): Reply => ({
    status: 200,
    body: { Id: newUuid(), Status: 'OK', ProviderName: caller(req).appName, DateTimeUTC: msDateTime(store.now()), ...extra, [collection]: items },
  });
  const one = <T>(found: T | undefined, what: string): T => {
    if (!found) throw new XeroNotFound(`No ${what} with that id was found.`);
    return found;
  };

  router.get('/Organisation', edge.route((req) => {
    const { profile } = booksOf(req);
    return envelope(req, 'Organisations', [{
      OrganisationID: profile.tenantId, Name: profile.name, LegalName: profile.name, BaseCurrency: profile.baseCurrency, CountryCode: profile.countryCode,
      OrganisationType: 'COMPANY', Version: profile.countryCode === 'GB' ? 'UK' : 'GLOBAL', IsDemoCompany: true, OrganisationStatus: 'ACTIVE', ShortCode: '!sandbox',
    }]);
  }));

  router.get('/Accounts', edge.route((req) => {
    const books = booksOf(req);
    return envelope(req, 'Accounts', listed(req, books.accounts.map(showAccount), 'Name'));
  }));
  router.get('/Accounts/:AccountID', edge.route((req) => envelope(req, 'Accounts', [showAccount(one(booksOf(req).accountById(req.params.AccountID), 'account'))])));
  router.put('/Accounts', edge.route((req) => {
    const books = booksOf(req);
    const refused = refusal(req);
    const outcome = refused ?? createAccount(books, body(req));
    if (!outcome.ok) throw new XeroValidationFailure([{ ...body(req), ValidationErrors: messages(outcome.messages) }]);
    return envelope(req, 'Accounts', [showAccount(outcome.record)]);
  }));

  router.get('/Contacts', edge.route((req) => {
    const books = booksOf(req);
    let contacts = books.contacts.filter((c) => c.status === 'ACTIVE' || flag(req.query.includeArchived));
    const ids = list(req.query.IDs);
    if (ids) contacts = contacts.filter((c) => ids.includes(c.contactId.toLowerCase()));
    const term = typeof req.query.searchTerm === 'string' ? req.query.searchTerm.toLowerCase() : undefined;
    if (term) contacts = contacts.filter((c) => [c.name, c.firstName, c.lastName, c.contactNumber, c.emailAddress].some((f) => f?.toLowerCase().includes(term)));
    return paged(req, 'Contacts', listed(req, contacts.map((c) => showContact(books, c)), 'Name'));
  }));
  router.get('/Contacts/:ContactID', edge.route((req) => {
    const books = booksOf(req);
    const contact = books.contactById(req.params.ContactID) ?? books.contacts.find((c) => c.contactNumber === req.params.ContactID);
    return envelope(req, 'Contacts', [showContact(books, one(contact, 'contact'))]);
  }));
  router.put('/Contacts', edge.route((req) => batch(req, 'Contacts', createContact, (books, c) => showContact(books, c))));

  router.get('/Invoices', edge.route((req) => {
    const books = booksOf(req);
    let invoices = books.invoices.filter((i) => i.status !== 'DELETED' || flag(req.query.includeArchived));
    const ids = list(req.query.IDs);
    const numbers = list(req.query.InvoiceNumbers, false);
    const contacts = list(req.query.ContactIDs);
    const statuses = list(req.query.Statuses, false);
    if (ids) invoices = invoices.filter((i) => ids.includes(i.invoiceId.toLowerCase()));
    if (numbers) invoices = invoices.filter((i) => numbers.includes(i.invoiceNumber));
    if (contacts) invoices = invoices.filter((i) => contacts.includes(i.contactId.toLowerCase()));
    if (statuses) invoices = invoices.filter((i) => statuses.includes(i.status));
    const term = typeof req.query.searchTerm === 'string' ? req.query.searchTerm.toLowerCase() : undefined;
    if (term) invoices = invoices.filter((i) => [i.invoiceNumber, i.reference].some((f) => f?.toLowerCase().includes(term)));
    return paged(req, 'Invoices', listed(req, invoices.map((i) => showInvoice(books, i)), 'InvoiceNumber'));
  }));
  router.get('/Invoices/:InvoiceID', edge.route((req) => {
    const books = booksOf(req);
    const invoice = books.invoiceById(req.params.InvoiceID) ?? books.invoiceByNumber(req.params.InvoiceID);
    return envelope(req, 'Invoices', [showInvoice(books, one(invoice, 'invoice'))]);
  }));

  router.get('/BankTransfers', edge.route((req) => {
    const books = booksOf(req);
    const transfers = books.bankTransfers.filter((t) => t.status !== 'DELETED' || flag(req.query.includeDeleted));
    return envelope(req, 'BankTransfers', listed(req, transfers.map((t) => showBankTransfer(books, t)), 'CreatedDateUTC'));
  }));
  router.get('/BankTransfers/:BankTransferID', edge.route((req) => {
    const books = booksOf(req);
    return envelope(req, 'BankTransfers', [showBankTransfer(books, one(books.bankTransferById(req.params.BankTransferID), 'bank transfer'))]);
  }));
  // No summarizeErrors here: one bad transfer fails the request and nothing is written.
  router.put('/BankTransfers', edge.route((req) => batch(req, 'BankTransfers', createBankTransfer, (books, t) => showBankTransfer(books, t), true)));

  router.get('/BankTransactions', edge.route((req) => {
    const books = booksOf(req);
    return paged(req, 'BankTransactions', listed(req, books.bankTransactions.map((t) => showBankTransaction(books, t)), 'Date'));
  }));
  router.get('/BankTransactions/:BankTransactionID', edge.route((req) => {
    const books = booksOf(req);
    return envelope(req, 'BankTransactions', [showBankTransaction(books, one(books.bankTransactionById(req.params.BankTransactionID), 'bank transaction'))]);
  }));
  router.put('/BankTransactions', edge.route((req) => batch(req, 'BankTransactions', createBankTransaction, (books, t) => showBankTransaction(books, t))));

  router.get('/Payments', edge.route((req) => {
    const books = booksOf(req);
    return paged(req, 'Payments', listed(req, books.payments.map((p) => showPayment(books, p)), 'Date'));
  }));
  router.get('/Payments/:PaymentID', edge.route((req) => {
    const books = booksOf(req);
    return envelope(req, 'Payments', [showPayment(books, one(books.paymentById(req.params.PaymentID), 'payment'))]);
  }));
  router.put('/Payments', edge.route((req) => {
    const dropped = store.faults.take(['PAYMENT_WITHOUT_ID'], { method: req.method, path: req.path, companyId: caller(req).tenantId });
    if (!dropped) return batch(req, 'Payments', createPayment, (books, p) => showPayment(books, p));
    const raw = body(req).Payments;
    const elements = (Array.isArray(raw) ? raw : []).map((p) => ({ ...(p as Json), Status: 'AUTHORISED', HasValidationErrors: false, StatusAttributeString: 'OK' }));
    return envelope(req, 'Payments', elements);
  }));

  /**
   * A batch create. With `summarizeErrors=false` every element is answered (failed ones carry
   * `StatusAttributeString: "ERROR"` and their ValidationErrors) and the valid ones are written;
   * otherwise one failed element fails the request with 400 and nothing is written.
   */
  function batch<T>(req: Request, collection: string, create: (books: OrganisationBooks, input: Json) => Outcome<T>, show: (books: OrganisationBooks, record: T) => Shown, whole = false): Reply {
    const books = booksOf(req);
    const raw = body(req)[collection];
    if (!Array.isArray(raw) || raw.length === 0) throw new XeroValidationFailure([{ ValidationErrors: messages([`${collection} must contain at least one element.`]) }]);
    const summarise = whole || req.query.summarizeErrors !== 'false';
    const restore = books.checkpoint();
    const refused = refusal(req);
    const results = raw.map((element, i) => {
      const input = (element !== null && typeof element === 'object' ? element : {}) as Json;
      return { input, outcome: (i === 0 && refused) || create(books, input) };
    });
    const failed = results.some(({ outcome }) => !outcome.ok);
    if (failed && summarise) {
      restore();
      throw new XeroValidationFailure(results.map(({ input, outcome }) => ({ ...input, ValidationErrors: outcome.ok ? [] : messages(outcome.messages) })));
    }
    return envelope(req, collection, results.map(({ input, outcome }) => (outcome.ok
      ? { ...show(books, outcome.record), StatusAttributeString: 'OK' }
      : { ...input, StatusAttributeString: 'ERROR', HasValidationErrors: true, ValidationErrors: messages(outcome.messages) })));
  }

  /**
   * A queued VALIDATION_ERROR for this write: the outcome Xero's own checks give an invalid
   * element, so the write answers as any refusal does (400 ValidationException, or with
   * `summarizeErrors=false` 200 with the element's `ValidationErrors`), its message word for word.
   */
  function refusal(req: Request): { ok: false; messages: string[] } | undefined {
    const fault = store.faults.take(['VALIDATION_ERROR'], { method: req.method, path: req.path, companyId: caller(req).tenantId });
    return fault ? { ok: false, messages: [fault.message ?? 'A validation exception occurred'] } : undefined;
  }

  function paged(req: Request, collection: string, items: Shown[]): Reply {
    if (req.query.page === undefined) return envelope(req, collection, items);
    const page = Math.max(1, Number.parseInt(String(req.query.page), 10) || 1);
    const pageSize = Math.min(1000, Math.max(1, Number.parseInt(String(req.query.pageSize ?? '100'), 10) || 100));
    const pagination = { page, pageSize, pageCount: Math.max(1, Math.ceil(items.length / pageSize)), itemCount: items.length };
    return envelope(req, collection, slice(items, (page - 1) * pageSize, pageSize), { pagination });
  }

  return router;
}

function body(req: Request): Json {
  return (req.body !== null && typeof req.body === 'object' && !Array.isArray(req.body) ? req.body : {}) as Json;
}

function messages(list: string[]): Array<{ Message: string }> {
  return list.map((Message) => ({ Message }));
}
