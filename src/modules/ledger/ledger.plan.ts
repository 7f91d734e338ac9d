import type { Invoice, StatementLine } from '../../providers/accounting-provider';
import type { MappingValues } from '../mapping/mapping-change.entity';
import type { NewOperation } from '../writeback/writeback.service';
import type { LedgerEventKind } from './ledger-event.entity';

export interface PlannedEvent {
  eventId: string;
  kind: LedgerEventKind;
  externalId: string;
  amountMinor: number;
  currency: string;
  date: string;
  description: string | null;
  reference: string | null;
  invoice: Invoice | null;
  mapping: Required<{ [K in keyof MappingValues]: string }>;
}

const LABEL: Record<LedgerEventKind, string> = {
  DISBURSEMENT: 'Advance',
  FINAL_PAYMENT: 'Final payment',
  FEE: 'Fees',
  INVOICE_RECONCILIATION: 'Invoice payment',
};

/** Money into the lender account is positive on its statement; money out is negative. */
export const STATEMENT_SIGN: Record<LedgerEventKind, 1 | -1> = { DISBURSEMENT: -1, FINAL_PAYMENT: 1, FEE: -1, INVOICE_RECONCILIATION: 1 };

/**
 * The writes one event becomes (seed 000 steps 1–4), each followed by its statement line on the
 * lender account carrying the running balance. Pure: the ids are decided by the caller.
 */
export function planOperations(e: PlannedEvent, ids: { main: string; line: string }, balanceAfterMinor: bigint, lenderName: string): NewOperation[] {
  const m = e.mapping;
  const about = [e.reference, e.invoice?.number ? `invoice ${e.invoice.number}` : null].filter(Boolean).join(', ');
  const text = e.description ?? `${LABEL[e.kind]}${about ? ` ${about}` : ''} – ${lenderName}`;
  const base = { date: e.date, amountMinor: e.amountMinor, currency: e.currency, marker: ids.main };
  let main: NewOperation;
  switch (e.kind) {
    case 'DISBURSEMENT':
      main = { kind: 'TRANSFER', stream: 'LEDGER', payload: { ...base, fromAccountId: m.lenderBankAccountId, toAccountId: m.designatedBankAccountId, description: text } };
      break;
    case 'FINAL_PAYMENT':
      main = { kind: 'TRANSFER', stream: 'LEDGER', payload: { ...base, fromAccountId: m.designatedBankAccountId, toAccountId: m.lenderBankAccountId, description: text } };
      break;
    case 'FEE':
      main = {
        kind: 'SPEND_MONEY',
        stream: 'LEDGER',
        payload: { ...base, bankAccountId: m.lenderBankAccountId, supplierId: m.lenderSupplierId, expenseAccountId: m.expenseAccountId, description: text, reference: e.reference ?? undefined },
      };
      break;
    case 'INVOICE_RECONCILIATION':
      main = {
        kind: 'INVOICE_PAYMENT',
        stream: 'LEDGER',
        payload: { ...base, invoiceId: e.invoice!.id, customerId: e.invoice!.customerId, bankAccountId: m.lenderBankAccountId, reference: e.reference ?? e.externalId },
      };
      break;
  }
  const line: StatementLine = {
    id: ids.line,
    date: e.date,
    amountMinor: STATEMENT_SIGN[e.kind] * e.amountMinor,
    balanceMinor: balanceAfterMinor.toString(),
    description: text,
    counterparty: lenderName,
    reference: e.reference ?? e.externalId,
  };
  return [
    { ...main, id: ids.main, eventId: e.eventId },
    { id: ids.line, eventId: e.eventId, kind: 'STATEMENT_LINE', stream: 'FEED', payload: { bankAccountId: m.lenderBankAccountId, currency: e.currency, line } },
  ];
}
