import type { Invoice, StatementLine } from '../../providers/accounting-provider';
import type { ProviderCapabilities } from '../../providers/provider';
import type { MappingValues } from '../mapping/mapping-change.entity';
import type { NewOperation } from '../writeback/operation-payload';
import type { LedgerEventKind } from './ledger-event.entity';

interface EventBase {
  eventId: string;
  externalId: string;
  amountMinor: number;
  currency: string;
  date: string;
  description: string | null;
  reference: string | null;
  /** A complete mapping: the four references every provider needs, and the extras of some. */
  mapping: { [K in Exclude<keyof MappingValues, 'internalTransferAccountId'>]: string } & Pick<MappingValues, 'internalTransferAccountId'>;
  /** The mapping's setting: one-sided transfers ask the provider for the rule that categorises the borrower's bank lines with the lender. */
  autoReconcileBankLines?: boolean;
}

/** An event to plan: an invoice reconciliation carries its invoice, the others may name one. */
export type PlannedEvent =
  | (EventBase & { kind: 'INVOICE_RECONCILIATION'; invoice: Invoice })
  | (EventBase & { kind: Exclude<LedgerEventKind, 'INVOICE_RECONCILIATION'>; invoice: Invoice | null });

const LABEL: Record<LedgerEventKind, string> = {
  DISBURSEMENT: 'Advance',
  FINAL_PAYMENT: 'Final payment',
  FEE: 'Fees',
  INVOICE_RECONCILIATION: 'Invoice payment',
};

/** Money into the lender account is positive on its statement; money out is negative. */
export const STATEMENT_SIGN: Record<LedgerEventKind, 1 | -1> = { DISBURSEMENT: -1, FINAL_PAYMENT: 1, FEE: -1, INVOICE_RECONCILIATION: 1 };

/**
 * The writes one event becomes: an advance or a final payment is a transfer between the lender
 * account and the designated account, a fee is money spent from the lender account to the lender
 * supplier, a reconciliation pays the invoice from the lender account. Where the provider takes
 * statement lines as a bank feed, each write is followed by its line on the lender account, carrying
 * the running balance; elsewhere the write itself is the line, or there is none. Pure: the ids are
 * decided by the caller.
 *
 * @example
 * planOperations(event, { main: randomUUID(), line: randomUUID() }, 80000n, 'Acme Invoice Finance Ltd', { statements: 'bank-feed' });
 * // → [{ kind: 'TRANSFER', stream: 'LEDGER', … }, { kind: 'STATEMENT_LINE', stream: 'FEED', … }]
 */
export function planOperations(
  e: PlannedEvent,
  ids: { main: string; line: string },
  balanceAfterMinor: bigint,
  lenderName: string,
  capabilities: Pick<ProviderCapabilities, 'statements'>,
): NewOperation[] {
  const m = e.mapping;
  const about = [e.reference, e.invoice?.number ? `invoice ${e.invoice.number}` : null].filter(Boolean).join(', ');
  const text = e.description ?? `${LABEL[e.kind]}${about ? ` ${about}` : ''} – ${lenderName}`;
  const base = { date: e.date, amountMinor: e.amountMinor, currency: e.currency, marker: ids.main };
  const event = { id: ids.main, eventId: e.eventId, stream: 'LEDGER' as const };
  const transit = m.internalTransferAccountId;
  const bankLineRule = e.autoReconcileBankLines ? { counterpartyName: lenderName } : null;
  let main: NewOperation;
  switch (e.kind) {
    case 'DISBURSEMENT':
      main = { ...event, kind: 'TRANSFER', payload: { ...base, fromAccountId: m.lenderBankAccountId, toAccountId: m.designatedBankAccountId, description: text, lenderSide: 'from', ...(transit ? { oneSided: { side: 'from', transitAccountId: transit, bankLineRule } } : {}) } };
      break;
    case 'FINAL_PAYMENT':
      main = { ...event, kind: 'TRANSFER', payload: { ...base, fromAccountId: m.designatedBankAccountId, toAccountId: m.lenderBankAccountId, description: text, lenderSide: 'to', ...(transit ? { oneSided: { side: 'to', transitAccountId: transit, bankLineRule } } : {}) } };
      break;
    case 'FEE':
      main = {
        ...event,
        kind: 'SPEND_MONEY',
        payload: { ...base, bankAccountId: m.lenderBankAccountId, supplierId: m.lenderSupplierId, expenseAccountId: m.expenseAccountId, description: text, reference: e.reference ?? undefined },
      };
      break;
    case 'INVOICE_RECONCILIATION':
      main = {
        ...event,
        kind: 'INVOICE_PAYMENT',
        payload: { ...base, invoiceId: e.invoice.id, customerId: e.invoice.customerId, bankAccountId: m.lenderBankAccountId, reference: e.reference ?? e.externalId },
      };
      break;
  }
  if (capabilities.statements !== 'bank-feed') return [main];
  const line: StatementLine = {
    id: ids.line,
    date: e.date,
    amountMinor: STATEMENT_SIGN[e.kind] * e.amountMinor,
    balanceMinor: balanceAfterMinor.toString(),
    description: text,
    counterparty: lenderName,
    reference: e.reference ?? e.externalId,
  };
  return [main, { id: ids.line, eventId: e.eventId, kind: 'STATEMENT_LINE', stream: 'FEED', payload: { bankAccountId: m.lenderBankAccountId, currency: e.currency, line } }];
}
