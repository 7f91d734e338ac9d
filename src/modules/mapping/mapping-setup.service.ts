import { sameName } from '../../common/same-name';
import type { DataSource } from 'typeorm';
import type { RequestContext } from '../../context';
import { transact } from '../../common/transaction';
import { AppError } from '../../errors';
import type { NewBankAccount, NewExpenseAccount, NewInternalTransferAccount, NewSupplier } from '../../providers/accounting-provider';
import type { Dataset } from '../books/books.loaders';
import type { CompanyService } from '../companies/company.service';
import type { ProviderConnections } from '../companies/provider-connections';
import type { TypedOperation } from '../writeback/operation-payload';
import type { WritebackService } from '../writeback/writeback.service';
import type { CreateExpenseAccountInput, CreateInternalTransferAccountInput, CreateLenderBankAccountInput, EnsureLenderSupplierInput } from './mapping.inputs';
import { matchSupplier } from './supplier-matcher';

export interface MappingSetupDeps {
  db: DataSource;
  companies: Pick<CompanyService, 'get'>;
  connections: Pick<ProviderConnections, 'resolve'>;
  writeback: Pick<WritebackService, 'enqueue' | 'deliverAndWait'>;
  lenderName: string;
  /** How long a mutation waits for the provider before answering PENDING. */
  providerWriteWaitMs: number;
}

/**
 * Creates what the mapping needs in the borrower's books: the lender account, an expense account,
 * an internal-transfer account or the lender supplier. Each write goes through the outbox like any other, and the mutation
 * waits for it up to PROVIDER_WRITE_WAIT_MS before answering PENDING with the operation.
 */
export class MappingSetupService {
  constructor(private readonly deps: MappingSetupDeps) {}

  async createLenderBankAccount(ctx: RequestContext, companyId: string, input: CreateLenderBankAccountInput) {
    await this.deps.companies.get(ctx, companyId);
    const { adapter: provider, conn, definition } = await this.deps.connections.resolve(companyId);
    const sortCode = input.sortCode?.replace(/-/g, '');
    const account: NewBankAccount = { name: input.name.trim(), currency: input.currency, accountNumber: input.accountNumber, sortCode, iban: input.iban, institution: input.institution };
    const required = await provider.bankAccountRequirements(conn);
    for (const field of required.filter((f) => f !== 'name' && f !== 'currency')) {
      if (!account[field as keyof NewBankAccount]) {
        throw new AppError('BAD_USER_INPUT', `${definition.displayName} needs ${field} to create a bank account in these books`, { field });
      }
    }
    const existing = (await ctx.loaders.load(companyId, 'bankAccounts')).find((b) => sameName(b.name, account.name));
    if (existing) {
      throw new AppError('BAD_USER_INPUT', `A bank account named "${existing.name}" already exists (id ${existing.id}); pick it with configureMapping instead`, { field: 'name', existingId: existing.id });
    }
    return this.run(ctx, companyId, { kind: 'CREATE_BANK_ACCOUNT', payload: account }, 'bankAccounts');
  }

  async createExpenseAccount(ctx: RequestContext, companyId: string, input: CreateExpenseAccountInput) {
    await this.deps.companies.get(ctx, companyId);
    const account: NewExpenseAccount = { name: input.name.trim(), nominalCode: input.nominalCode, description: input.description };
    await this.refuseClash(ctx, companyId, account);
    return this.run(ctx, companyId, { kind: 'CREATE_EXPENSE_ACCOUNT', payload: account }, 'accounts');
  }

  /** An account is created once: a number or a name the chart already has names the existing account instead. */
  private async refuseClash(ctx: RequestContext, companyId: string, account: { name: string; nominalCode: string }) {
    const accounts = await ctx.loaders.load(companyId, 'accounts');
    const clash = accounts.find((a) => a.nominalCode === account.nominalCode) ?? accounts.find((a) => sameName(a.name, account.name));
    if (clash) {
      const field = clash.nominalCode === account.nominalCode ? 'nominalCode' : 'name';
      throw new AppError('BAD_USER_INPUT', `The chart of accounts already has ${clash.nominalCode ?? ''} "${clash.name}" (id ${clash.id}); choose another ${field} or pick that account`, { field, existingId: clash.id });
    }
  }

  /**
   * Creates the account moves between the borrower's own accounts are categorised in, for providers
   * whose mapping requires one; UNSUPPORTED elsewhere. Refused before anything is queued when the
   * provider would refuse it or the chart already has that number or name.
   */
  async createInternalTransferAccount(ctx: RequestContext, companyId: string, input: CreateInternalTransferAccountInput) {
    await this.deps.companies.get(ctx, companyId);
    const { adapter, definition } = await this.deps.connections.resolve(companyId);
    if (!definition.capabilities.mappingFields.includes('internalTransferAccountId') || !adapter.createInternalTransferAccount) {
      throw new AppError('UNSUPPORTED', `${definition.displayName} books need no internal-transfer account: advances and repayments are written as transfers between the two bank accounts`);
    }
    const account: NewInternalTransferAccount = { name: input.name.trim(), nominalCode: input.nominalCode, description: input.description };
    const problem = adapter.checkInternalTransferAccount?.(account);
    if (problem) throw new AppError('BAD_USER_INPUT', `${definition.displayName}: ${problem.message}`, { field: problem.field ?? 'nominalCode' });
    await this.refuseClash(ctx, companyId, account);
    return this.run(ctx, companyId, { kind: 'CREATE_INTERNAL_TRANSFER_ACCOUNT', payload: account }, 'accounts');
  }

  /** Finds the lender among the suppliers by fuzzy name match, else creates it; never guesses between close candidates. */
  async ensureLenderSupplier(ctx: RequestContext, companyId: string, input: EnsureLenderSupplierInput) {
    await this.deps.companies.get(ctx, companyId);
    const name = (input.name ?? this.deps.lenderName).trim();
    const suppliers = await ctx.loaders.load(companyId, 'suppliers');
    const match = matchSupplier(name, suppliers);
    if (match.kind === 'MATCH') {
      return { kind: 'MATCHED' as const, supplier: suppliers.find((s) => s.id === match.candidate.id)!, score: match.score };
    }
    if (match.kind === 'AMBIGUOUS') {
      return { kind: 'AMBIGUOUS' as const, candidates: match.candidates.map((c) => ({ supplier: suppliers.find((s) => s.id === c.candidate.id)!, score: c.score })) };
    }
    const supplier: NewSupplier = {
      name,
      contactName: input.contactName,
      emailAddress: input.emailAddress,
      phone: input.phone,
      registrationNumber: input.registrationNumber,
      defaultCurrency: input.defaultCurrency,
      address: input.address ? { ...input.address } : undefined,
    };
    return { kind: 'CREATE' as const, outcome: await this.run(ctx, companyId, { kind: 'CREATE_SUPPLIER', payload: supplier }, 'suppliers') };
  }

  private async run<D extends Dataset>(ctx: RequestContext, companyId: string, write: TypedOperation, dataset: D) {
    const { writeback, db, providerWriteWaitMs } = this.deps;
    const [queued] = await transact(db, (m) => writeback.enqueue(m, companyId, [{ ...write, stream: 'SETUP' }]));
    const op = await writeback.deliverAndWait(queued.id, providerWriteWaitMs);
    if (op.status === 'FAILED') {
      const { definition } = await this.deps.connections.resolve(companyId);
      throw new AppError('PROVIDER_REJECTED', `${definition.displayName} refused to create it: ${op.lastError}`, { operationId: op.id });
    }
    if (op.status !== 'SUCCEEDED') return { status: 'PENDING' as const, record: null, operation: op };
    const id = op.providerRecordIds?.[0];
    ctx.loaders.invalidate(companyId, dataset);
    const list = (await ctx.loaders.load(companyId, dataset)) as { id: string }[];
    const record = list.find((r) => r.id === id) ?? null;
    return record ? { status: 'CREATED' as const, record, operation: op } : { status: 'PENDING' as const, record: null, operation: op };
  }
}
