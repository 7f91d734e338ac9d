import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { idArg } from '../../common/validation';
import { formatMinor } from '../../common/money';
import type { RequestContext } from '../../context';
import { toOperation } from '../writeback/writeback.mappers';
import { WritebackOperation } from '../writeback/writeback.types';
import type { LedgerEventEntity, LedgerEventKind } from './ledger-event.entity';
import { ReconcileInvoiceInput, RecordDisbursementInput, RecordFeeInput, RecordFinalPaymentInput, type LedgerEventInput } from './ledger.inputs';
import { LedgerEvent } from './ledger.types';

const toEvent = (e: LedgerEventEntity): Omit<LedgerEvent, 'operations'> => ({
  id: e.id,
  companyId: e.companyId,
  kind: e.kind,
  externalId: e.externalId,
  amount: formatMinor(e.amountMinor, e.currency),
  currency: e.currency,
  date: e.date,
  description: e.description,
  reference: e.reference,
  invoiceId: e.invoiceId,
  mapping: e.mapping,
  createdAt: e.createdAt,
});

const record = async (ctx: RequestContext, companyId: string, kind: LedgerEventKind, input: LedgerEventInput) =>
  toEvent(await ctx.services.ledger.record(ctx, companyId, kind, input)) as LedgerEvent;

@Resolver(() => LedgerEvent)
export class LedgerResolver {
  @Mutation(() => LedgerEvent, { description: 'Seed step 1: an advance, written back as a transfer lender account → designated account and a statement line.' })
  recordDisbursement(@Ctx() ctx: RequestContext, @Arg('companyId', () => ID, idArg('companyId')) companyId: string, @Arg('input', () => RecordDisbursementInput) input: RecordDisbursementInput) {
    return record(ctx, companyId, 'DISBURSEMENT', input);
  }

  @Mutation(() => LedgerEvent, { description: 'Seed step 2: a final payment, written back as a transfer designated account → lender account and a statement line.' })
  recordFinalPayment(@Ctx() ctx: RequestContext, @Arg('companyId', () => ID, idArg('companyId')) companyId: string, @Arg('input', () => RecordFinalPaymentInput) input: RecordFinalPaymentInput) {
    return record(ctx, companyId, 'FINAL_PAYMENT', input);
  }

  @Mutation(() => LedgerEvent, { description: 'Seed step 3: a fee, written back as money spent from the lender account to the lender supplier on the expense account, and a statement line.' })
  recordFee(@Ctx() ctx: RequestContext, @Arg('companyId', () => ID, idArg('companyId')) companyId: string, @Arg('input', () => RecordFeeInput) input: RecordFeeInput) {
    return record(ctx, companyId, 'FEE', input);
  }

  @Mutation(() => LedgerEvent, { description: 'Seed step 4: marks an invoice paid from the lender account, and a statement line.' })
  reconcileInvoice(@Ctx() ctx: RequestContext, @Arg('companyId', () => ID, idArg('companyId')) companyId: string, @Arg('input', () => ReconcileInvoiceInput) input: ReconcileInvoiceInput) {
    return record(ctx, companyId, 'INVOICE_RECONCILIATION', input);
  }

  @FieldResolver(() => [WritebackOperation])
  async operations(@Ctx() ctx: RequestContext, @Root() event: LedgerEvent): Promise<WritebackOperation[]> {
    return (await ctx.ledgerLoaders.operationsByEvent.load(event.id)).map(toOperation);
  }
}

@Resolver(() => WritebackOperation)
export class OperationEventResolver {
  @FieldResolver(() => LedgerEvent, { nullable: true, description: 'The recorded event this write belongs to.' })
  async event(@Ctx() ctx: RequestContext, @Root() op: WritebackOperation): Promise<LedgerEvent | null> {
    if (!op.eventId) return null;
    const e = await ctx.ledgerLoaders.eventById.load(op.eventId);
    return e ? (toEvent(e) as LedgerEvent) : null;
  }
}
