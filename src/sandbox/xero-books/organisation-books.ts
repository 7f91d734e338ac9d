import { round2, sum2 } from './money';
import type { Account, BankTransaction, BankTransfer, Contact, FeedConnection, Invoice, Payment, Statement } from './books.types';

export interface OrganisationProfile {
  tenantId: string;
  name: string;
  baseCurrency: string;
  countryCode: string;
  /** Currencies the organisation may hold accounts and transactions in (its base one first). */
  currencies: string[];
}

/** A reference to an account as Xero's requests write one: by `AccountID` or by `Code`. */
export interface AccountRef {
  AccountID?: unknown;
  Code?: unknown;
}

/**
 * One organisation's books: its records, the lookups Xero's rules need, and the balances they
 * add up to. The rules (account, transaction, payment and bank-feed rules) decide what may be
 * written; this class only keeps it.
 *
 * @example
 * const books = seedDemoOrganisation({ tenantId, name: 'Brick Lane Bakery Ltd', lenderName: 'Acme Invoice Finance Ltd', now: Date.now() });
 * books.accountByRef({ Code: '090' })?.name; // 'Business Current Account'
 * books.accountBalance(lenderAccountId);    // 0 until transfers land
 */
export class OrganisationBooks {
  readonly accounts: Account[] = [];
  readonly contacts: Contact[] = [];
  readonly invoices: Invoice[] = [];
  readonly bankTransactions: BankTransaction[] = [];
  readonly bankTransfers: BankTransfer[] = [];
  readonly payments: Payment[] = [];
  readonly feedConnections: FeedConnection[] = [];
  readonly statements: Statement[] = [];

  constructor(readonly profile: OrganisationProfile, readonly now: () => number = Date.now) {}

  /**
   * A restore point: the returned function puts every record back as it is now (a batch Xero
   * refuses as a whole writes nothing).
   */
  checkpoint(): () => void {
    const lists = [this.accounts, this.contacts, this.invoices, this.bankTransactions, this.bankTransfers, this.payments, this.feedConnections, this.statements] as unknown[][];
    const saved = lists.map((list) => structuredClone(list));
    return () => lists.forEach((list, i) => list.splice(0, list.length, ...saved[i]));
  }

  accountById(id: unknown): Account | undefined {
    return typeof id === 'string' ? this.accounts.find((a) => a.accountId.toLowerCase() === id.toLowerCase()) : undefined;
  }

  accountByCode(code: unknown): Account | undefined {
    return typeof code === 'string' && code.trim() !== '' ? this.accounts.find((a) => a.code?.toLowerCase() === code.trim().toLowerCase()) : undefined;
  }

  /** `AccountID` wins over `Code`, as in Xero. */
  accountByRef(ref: AccountRef | undefined): Account | undefined {
    if (!ref) return undefined;
    if (ref.AccountID !== undefined && ref.AccountID !== null && ref.AccountID !== '') return this.accountById(ref.AccountID);
    return this.accountByCode(ref.Code);
  }

  contactById(id: unknown): Contact | undefined {
    return typeof id === 'string' ? this.contacts.find((c) => c.contactId.toLowerCase() === id.toLowerCase()) : undefined;
  }

  /** Active contacts only: an archived name may be reused. */
  activeContactNamed(name: string): Contact | undefined {
    const wanted = name.trim().toLowerCase();
    return this.contacts.find((c) => c.status === 'ACTIVE' && c.name.trim().toLowerCase() === wanted);
  }

  invoiceById(id: unknown): Invoice | undefined {
    return typeof id === 'string' ? this.invoices.find((i) => i.invoiceId.toLowerCase() === id.toLowerCase()) : undefined;
  }

  invoiceByNumber(number: unknown): Invoice | undefined {
    return typeof number === 'string' ? this.invoices.find((i) => i.invoiceNumber === number) : undefined;
  }

  bankTransactionById(id: unknown): BankTransaction | undefined {
    return typeof id === 'string' ? this.bankTransactions.find((t) => t.bankTransactionId.toLowerCase() === id.toLowerCase()) : undefined;
  }

  bankTransferById(id: unknown): BankTransfer | undefined {
    return typeof id === 'string' ? this.bankTransfers.find((t) => t.bankTransferId.toLowerCase() === id.toLowerCase()) : undefined;
  }

  paymentById(id: unknown): Payment | undefined {
    return typeof id === 'string' ? this.payments.find((p) => p.paymentId.toLowerCase() === id.toLowerCase()) : undefined;
  }

  feedConnectionById(id: unknown): FeedConnection | undefined {
    return typeof id === 'string' ? this.feedConnections.find((f) => f.id.toLowerCase() === id.toLowerCase()) : undefined;
  }

  statementById(id: unknown): Statement | undefined {
    return typeof id === 'string' ? this.statements.find((s) => s.id.toLowerCase() === id.toLowerCase()) : undefined;
  }

  /**
   * What an account holds, from the side Xero's balance sheet shows it: money in a bank account,
   * spending on an expense account, what customers owe on the debtors account.
   */
  accountBalance(accountId: string): number {
    const account = this.accountById(accountId);
    if (!account) return 0;
    const live = this.bankTransactions.filter((t) => t.status === 'AUTHORISED');
    if (account.type === 'BANK') {
      const moves = live.filter((t) => t.bankAccountId === account.accountId).map((t) => (t.type.startsWith('RECEIVE') ? t.total : -t.total));
      const paid = this.payments.filter((p) => p.status === 'AUTHORISED' && p.accountId === account.accountId)
        .map((p) => (p.paymentType === 'ACCRECPAYMENT' ? p.amount : -p.amount));
      return sum2([account.openingBalance, ...moves, ...paid]);
    }
    if (account.systemAccount === 'DEBTORS') {
      return sum2(this.invoices.filter((i) => i.type === 'ACCREC' && (i.status === 'AUTHORISED' || i.status === 'PAID')).map((i) => i.amountDue));
    }
    const coded = live.flatMap((t) => t.lineItems.filter((l) => l.accountId === account.accountId).map((l) => {
      const net = t.lineAmountTypes === 'Inclusive' ? round2(l.lineAmount - l.taxAmount) : l.lineAmount;
      const debit = t.type.startsWith('SPEND') ? net : -net;
      return isDebitNormal(account) ? debit : -debit;
    }));
    return sum2([account.openingBalance, ...coded]);
  }

  /** The bank's own balance for an account fed by Bank Feeds: the last delivered statement's end balance. */
  statementBalance(accountId: string): number | undefined {
    const feeds = new Set(this.feedConnections.filter((f) => f.accountId === accountId).map((f) => f.id));
    const delivered = this.statements.filter((s) => feeds.has(s.feedConnectionId) && s.status === 'DELIVERED');
    const last = delivered.sort((a, b) => a.endDate.localeCompare(b.endDate))[delivered.length - 1];
    if (!last) return undefined;
    return last.endBalance.creditDebitIndicator === 'CREDIT' ? last.endBalance.amount : -last.endBalance.amount;
  }
}

function isDebitNormal(account: Account): boolean {
  return ['EXPENSE', 'DIRECTCOSTS', 'OVERHEADS', 'DEPRECIATN', 'CURRENT', 'FIXED', 'INVENTORY', 'NONCURRENT', 'PREPAYMENT'].includes(account.type);
}
