import type {
  InvoicePaymentInput,
  NewBankAccount,
  NewExpenseAccount,
  NewSupplier,
  SpendMoneyInput,
  StatementLinesInput,
  TransferInput,
} from '../accounting-provider';
import { ProviderError } from '../provider-error';
import { toDecimal, toExactDecimal } from './codat.money';
import type {
  CodatAccountBody,
  CodatBankAccountBody,
  CodatBankTransactionsBody,
  CodatDirectCostBody,
  CodatPaymentBody,
  CodatSupplierBody,
  CodatTransferBody,
} from './codat.types';

/**
 * Domain inputs → Codat push bodies (P1–P7 of the Codat contract), shaped for Xero's option rules.
 * Pure functions. Optional inputs that are absent are left out of the body, not sent as null.
 */

/** Xero's bank-feed limit per request (Bank Feeds `BankTransactions.maxItems`). */
export const MAX_STATEMENT_LINES = 1000;
/** Xero's limit on a direct cost's reference. */
const MAX_REFERENCE_LENGTH = 255;

/** Drops undefined and empty-string properties so the body only carries what the caller gave. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as T;
}

/**
 * Appends the write's marker as " [marker]" to a text the platform keeps and reads back, trimming
 * the text (never the marker) to fit `maxLength`. With no text the marker stands alone.
 */
export function withMarker(value: string | undefined, marker: string, maxLength = Infinity): string {
  if (!value) return marker;
  const tag = ` [${marker}]`;
  const room = maxLength - tag.length;
  const head = value.length > room ? `${value.slice(0, Math.max(0, room - 1))}…` : value;
  return `${head}${tag}`;
}

/** Whether a text read back from the books carries the marker written by {@link withMarker}. */
export function carriesMarker(value: string | null | undefined, marker: string): boolean {
  return !!value && (value === marker || value.includes(`[${marker}]`));
}

/** The marker a text read back from the books carries, if any: the last "[…]" of it, or the whole text when it has no other words. */
export function markerIn(value: string | null | undefined): string | null {
  if (!value) return null;
  const tagged = /\[([^\[\]\s]+)\]$/.exec(value);
  if (tagged) return tagged[1];
  return /^[A-Za-z0-9-]+$/.test(value) ? value : null;
}

export function bankAccountBody(input: NewBankAccount): CodatBankAccountBody {
  return compact({
    accountName: input.name,
    accountType: 'Debit' as const,
    currency: input.currency,
    sortCode: input.sortCode,
    accountNumber: input.accountNumber,
    iBan: input.iban,
    institution: input.institution,
    status: 'Active' as const,
  });
}

/**
 * Only the properties of Xero's chart-of-accounts model (nominalCode, name, description,
 * fullyQualifiedCategory), plus currency when asked for: type and status follow from the category.
 */
export function accountBody(input: NewExpenseAccount): CodatAccountBody {
  return compact({
    nominalCode: input.nominalCode,
    name: input.name,
    fullyQualifiedCategory: 'Expense.Expense',
    description: input.description,
    currency: input.currency,
  });
}

export function supplierBody(input: NewSupplier): CodatSupplierBody {
  const address = input.address ? compact({ type: 'Billing' as const, ...input.address }) : undefined;
  return compact({
    supplierName: input.name,
    status: 'Active' as const,
    contactName: input.contactName,
    emailAddress: input.emailAddress,
    phone: input.phone,
    registrationNumber: input.registrationNumber,
    defaultCurrency: input.defaultCurrency,
    addresses: address && Object.keys(address).length > 1 ? [address] : undefined,
  });
}

export function transferBody(input: TransferInput): CodatTransferBody {
  const amount = toDecimal(input.amountMinor, input.currency);
  return {
    date: input.date,
    description: withMarker(input.description, input.marker),
    from: { accountRef: { id: input.fromAccountId }, amount, currency: input.currency },
    to: { accountRef: { id: input.toAccountId }, amount, currency: input.currency },
  };
}

/** One expense line, no tax, paid in full from the bank account (Xero "spend money"). */
export function directCostBody(input: SpendMoneyInput): CodatDirectCostBody {
  const amount = toDecimal(input.amountMinor, input.currency);
  return {
    issueDate: input.date,
    reference: withMarker(input.reference, input.marker, MAX_REFERENCE_LENGTH),
    currency: input.currency,
    contactRef: { id: input.supplierId, dataType: 'suppliers' },
    lineItems: [
      {
        description: input.description,
        quantity: 1,
        unitAmount: amount,
        subTotal: amount,
        taxAmount: 0,
        totalAmount: amount,
        accountRef: { id: input.expenseAccountId },
      },
    ],
    paymentAllocations: [{ payment: { accountRef: { id: input.bankAccountId }, currency: input.currency }, allocation: { totalAmount: amount } }],
    subTotal: amount,
    taxAmount: 0,
    totalAmount: amount,
  };
}

/** Pays one sales invoice: the line is positive, its invoice link negative, so they sum to zero. */
export function paymentBody(input: InvoicePaymentInput): CodatPaymentBody {
  // Codat's payment names its customer; an invoice without one cannot be paid through it.
  if (input.customerId === null) throw new ProviderError('REJECTED', `Invoice ${input.invoiceId} has no customer in the books; Codat needs one to record its payment`);
  const amount = toDecimal(input.amountMinor, input.currency);
  return {
    customerRef: { id: input.customerId },
    accountRef: { id: input.bankAccountId },
    totalAmount: amount,
    currency: input.currency,
    date: input.date,
    reference: withMarker(input.reference, input.marker),
    lines: [{ amount, links: [{ type: 'Invoice', id: input.invoiceId, amount: -amount }] }],
  };
}

/** Bank-feed statement lines. Each line's own id is its marker. */
export function bankTransactionsBody(input: StatementLinesInput): CodatBankTransactionsBody {
  if (input.lines.length === 0) throw new ProviderError('REJECTED', 'No statement lines to send');
  if (input.lines.length > MAX_STATEMENT_LINES) {
    throw new ProviderError('REJECTED', `${input.lines.length} statement lines in one call; Codat takes at most ${MAX_STATEMENT_LINES}: split them`);
  }
  return {
    accountId: input.bankAccountId,
    transactions: input.lines.map((line) =>
      compact({
        id: line.id,
        // Bank feeds take a local date-time without offset; the offset would be ignored anyway.
        date: `${line.date.slice(0, 10)}T00:00:00`,
        description: line.description,
        counterparty: line.counterparty,
        reference: line.reference,
        amount: toDecimal(line.amountMinor, input.currency),
        balance: toExactDecimal(line.balanceMinor, input.currency),
        transactionType: line.amountMinor < 0 ? ('Debit' as const) : ('Credit' as const),
      }),
    ),
  };
}
