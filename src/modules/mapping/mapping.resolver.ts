import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { idArg } from '../../common/validation';
import type { RequestContext } from '../../context';
import type { MappingSetupService } from './mapping-setup.service';
import type { MappingService } from './mapping.service';
import { toAccount, toBankAccount, toSupplier } from '../books/books.mappers';
import { toOperation } from '../writeback/writeback.mappers';
import type { LedgerAccount as ProviderAccount, BankAccount as ProviderBankAccount, Supplier as ProviderSupplier } from '../../providers/accounting-provider';
import { ConfigureMappingInput, CreateExpenseAccountInput, CreateInternalTransferAccountInput, CreateLenderBankAccountInput, EnsureLenderSupplierInput } from './mapping.inputs';
import {
  AccountMapping,
  CreateBankAccountPayload,
  CreateExpenseAccountPayload,
  CreateInternalTransferAccountPayload,
  EnsureLenderSupplierPayload,
  SetWritebackEnabledPayload,
  SetupStatusEnum,
  SupplierOutcomeEnum,
} from './mapping.types';

@Resolver()
export class MappingResolver {
  constructor(
    private readonly mapping: MappingService,
    private readonly setup: MappingSetupService,
  ) {}

  @Query(() => AccountMapping)
  accountMapping(@Ctx() ctx: RequestContext, @Arg('companyId', () => ID, idArg('companyId')) companyId: string): Promise<AccountMapping> {
    return this.mapping.view(ctx, companyId);
  }

  @Mutation(() => AccountMapping, { description: 'Sets any of the references after checking them against the books; every change is kept in `history`.' })
  configureMapping(
    @Ctx() ctx: RequestContext,
    @Arg('companyId', () => ID, idArg('companyId')) companyId: string,
    @Arg('input', () => ConfigureMappingInput) input: ConfigureMappingInput,
  ): Promise<AccountMapping> {
    return this.mapping.configure(ctx, companyId, input);
  }

  @Mutation(() => SetWritebackEnabledPayload, { description: 'Switches write-back on (needs a complete mapping) or off. With releaseHeld, events recorded while it was off are delivered, in order.' })
  async setWritebackEnabled(
    @Ctx() ctx: RequestContext,
    @Arg('companyId', () => ID, idArg('companyId')) companyId: string,
    @Arg('enabled') enabled: boolean,
    @Arg('releaseHeld', () => Boolean, { nullable: true, defaultValue: false }) releaseHeld: boolean | null,
  ): Promise<SetWritebackEnabledPayload> {
    const releasedOperations = await this.mapping.setWritebackEnabled(ctx, companyId, enabled, releaseHeld ?? false);
    return { writebackEnabled: enabled, releasedOperations, mapping: await this.mapping.view(ctx, companyId) };
  }

  @Mutation(() => CreateBankAccountPayload, { description: "Creates the lender's bank account in the borrower's books." })
  async createLenderBankAccount(
    @Ctx() ctx: RequestContext,
    @Arg('companyId', () => ID, idArg('companyId')) companyId: string,
    @Arg('input', () => CreateLenderBankAccountInput) input: CreateLenderBankAccountInput,
  ): Promise<CreateBankAccountPayload> {
    const r = await this.setup.createLenderBankAccount(ctx, companyId, input);
    return { status: r.status as SetupStatusEnum, bankAccount: r.record ? toBankAccount(r.record as ProviderBankAccount) : null, operation: toOperation(r.operation) };
  }

  @Mutation(() => CreateExpenseAccountPayload, { description: 'Creates an expense account for the lender\'s fees.' })
  async createExpenseAccount(
    @Ctx() ctx: RequestContext,
    @Arg('companyId', () => ID, idArg('companyId')) companyId: string,
    @Arg('input', () => CreateExpenseAccountInput) input: CreateExpenseAccountInput,
  ): Promise<CreateExpenseAccountPayload> {
    const r = await this.setup.createExpenseAccount(ctx, companyId, input);
    return { status: r.status as SetupStatusEnum, account: r.record ? toAccount(r.record as ProviderAccount) : null, operation: toOperation(r.operation) };
  }

  @Mutation(() => CreateInternalTransferAccountPayload, {
    description: "Creates, in the borrower's chart of accounts, the account in which advances and repayments are categorised as moves between the borrower's own accounts, for providers whose mapping requires one (`accountMapping.required` lists `internalTransferAccountId`); `UNSUPPORTED` elsewhere. Pick it with configureMapping once CREATED.",
  })
  async createInternalTransferAccount(
    @Ctx() ctx: RequestContext,
    @Arg('companyId', () => ID, idArg('companyId')) companyId: string,
    @Arg('input', () => CreateInternalTransferAccountInput) input: CreateInternalTransferAccountInput,
  ): Promise<CreateInternalTransferAccountPayload> {
    const r = await this.setup.createInternalTransferAccount(ctx, companyId, input);
    return { status: r.status as SetupStatusEnum, account: r.record ? toAccount(r.record as ProviderAccount) : null, operation: toOperation(r.operation) };
  }

  @Mutation(() => EnsureLenderSupplierPayload, { description: 'Finds the lender among the suppliers by fuzzy name match, or creates it. Close candidates are returned, never guessed.' })
  async ensureLenderSupplier(
    @Ctx() ctx: RequestContext,
    @Arg('companyId', () => ID, idArg('companyId')) companyId: string,
    @Arg('input', () => EnsureLenderSupplierInput, { nullable: true }) input: EnsureLenderSupplierInput | null,
  ): Promise<EnsureLenderSupplierPayload> {
    const r = await this.setup.ensureLenderSupplier(ctx, companyId, input ?? {});
    const none = { created: false, supplier: null, matchScore: null, candidates: [], operation: null };
    if (r.kind === 'MATCHED') return { ...none, outcome: SupplierOutcomeEnum.MATCHED, supplier: toSupplier(r.supplier, r.score), matchScore: r.score };
    if (r.kind === 'AMBIGUOUS') return { ...none, outcome: SupplierOutcomeEnum.AMBIGUOUS, candidates: r.candidates.map((c) => toSupplier(c.supplier, c.score)) };
    const { outcome } = r;
    return {
      ...none,
      outcome: outcome.status === 'CREATED' ? SupplierOutcomeEnum.CREATED : SupplierOutcomeEnum.PENDING,
      created: outcome.status === 'CREATED',
      supplier: outcome.record ? toSupplier(outcome.record as ProviderSupplier) : null,
      operation: toOperation(outcome.operation),
    };
  }
}
