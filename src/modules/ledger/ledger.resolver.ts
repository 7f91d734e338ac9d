import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { idArg } from '../../common/validation';
import { formatMinor } from '../../common/money';
import type { RequestContext } from '../../context';
import type { LedgerService } from './ledger.service';
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

@Resolver(() => LedgerEvent)
export class LedgerResolver {
  constructor(private readonly ledger: LedgerService) {}

  private async record(ctx: RequestContext, companyId: string, kind: LedgerEventKind, input: LedgerEventInput): Promise<LedgerEvent> {
    return { ...toEvent(await this.ledger.record(ctx, companyId, kind, input)), operations: [] };
  }
  @Mutation(() => LedgerEvent, { description: "An advance, written back as a transfer lender account → designated account (and the lender account's statement line where the provider keeps a bank feed)." })
  recordDisbursement(@Ctx() ctx: RequestContext, @Arg('companyId', () => ID, idArg('companyId')) companyId: string, @Arg('input', () => RecordDisbursementInput) input: RecordDisbursementInput) {
    return this.record(ctx, companyId, 'DISBURSEMENT', input);
  }

  @Mutation(() => LedgerEvent, { description: "A final payment, written back as a transfer designated account → lender account (and the lender account's statement line where the provider keeps a bank feed)." })
  recordFinalPayment(@Ctx() ctx: RequestContext, @Arg('companyId', () => ID, idArg('companyId')) companyId: string, @Arg('input', () => RecordFinalPaymentInput) input: RecordFinalPaymentInput) {
    return this.record(ctx, companyId, 'FINAL_PAYMENT', input);
  }

  @Mutation(() => LedgerEvent, { description: "A fee, written back as money spent from the lender account to the lender supplier on the expense account (and the lender account's statement line where the provider keeps a bank feed)." })
  recordFee(@Ctx() ctx: RequestContext, @Arg('companyId', () => ID, idArg('companyId')) companyId: string, @Arg('input', () => RecordFeeInput) input: RecordFeeInput) {
    return this.record(ctx, companyId, 'FEE', input);
  }

  @Mutation(() => LedgerEvent, { description: "Marks an invoice paid from the lender account (and writes the lender account's statement line where the provider keeps a bank feed)." })
  reconcileInvoice(@Ctx() ctx: RequestContext, @Arg('companyId', () => ID, idArg('companyId')) companyId: string, @Arg('input', () => ReconcileInvoiceInput) input: ReconcileInvoiceInput) {
    return this.record(ctx, companyId, 'INVOICE_RECONCILIATION', input);
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
    return e ? { ...toEvent(e), operations: [] } : null;
  }
}
