import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { RequestContext } from '../../context';
import { transact } from '../../common/transaction';
import { AppError } from '../../errors';
import { MAPPING_FIELDS, type MappingField, type ProviderCapabilities } from '../../providers/provider';
import { describePrincipal } from '../auth/principal';
import { CompanyEntity } from '../companies/company.entity';
import type { CompanyService } from '../companies/company.service';
import type { ProviderConnections } from '../companies/provider-connections';
import type { WritebackService } from '../writeback/writeback.service';
import { AccountMappingEntity } from './account-mapping.entity';
import { MappingChangeEntity, type MappingValues, type RecordedMapping } from './mapping-change.entity';
import type { ConfigureMappingInput } from './mapping.inputs';
import { checkMapping } from './mapping.rules';
import { BankFeedStatusEnum, type AccountMapping, type LenderAccountFeed, type MappedRecord } from './mapping.types';

const valuesOf = (m: Partial<MappingValues> | null): MappingValues => ({
  lenderBankAccountId: m?.lenderBankAccountId ?? null,
  designatedBankAccountId: m?.designatedBankAccountId ?? null,
  expenseAccountId: m?.expenseAccountId ?? null,
  lenderSupplierId: m?.lenderSupplierId ?? null,
  internalTransferAccountId: m?.internalTransferAccountId ?? null,
});

const recorded = (m: RecordedMapping) => ({ ...valuesOf(m), autoReconcileBankLines: m.autoReconcileBankLines ?? null });

/** The setting as it applies: stored (on by default) and possible with the provider. */
const autoReconcile = (row: Pick<AccountMappingEntity, 'autoReconcileBankLines'> | null, capabilities: ProviderCapabilities) =>
  !!capabilities.bankLineRules && (row?.autoReconcileBankLines ?? true);

/** The required fields not set yet. */
export const missingFields = (v: MappingValues, required: readonly MappingField[]) => required.filter((f) => !v[f]);

export interface MappingServiceDeps {
  db: DataSource;
  companies: Pick<CompanyService, 'get'>;
  connections: Pick<ProviderConnections, 'capabilities' | 'resolve'>;
  writeback: Pick<WritebackService, 'releaseHeld' | 'kick'>;
}

/** The per-company mapping (the references the company's provider requires), its history, and the write-back switch. */
export class MappingService {
  constructor(private readonly deps: MappingServiceDeps) {}

  /** The stored mapping values (all null when nothing is set yet), and the fields the company's provider requires. */
  async values(
    companyId: string,
  ): Promise<{ values: MappingValues; currency: string | null; required: readonly MappingField[]; autoReconcileBankLines: boolean; canAutoReconcileBankLines: boolean }> {
    const [row, capabilities] = await Promise.all([this.deps.db.getRepository(AccountMappingEntity).findOneBy({ companyId }), this.deps.connections.capabilities(companyId)]);
    return {
      values: valuesOf(row),
      currency: row?.currency ?? null,
      required: capabilities.mappingFields,
      autoReconcileBankLines: autoReconcile(row, capabilities),
      canAutoReconcileBankLines: !!capabilities.bankLineRules,
    };
  }

  async view(ctx: RequestContext, companyId: string): Promise<AccountMapping> {
    const company = await this.deps.companies.get(ctx, companyId);
    const { db } = this.deps;
    const row = await db.getRepository(AccountMappingEntity).findOneBy({ companyId });
    const { required, autoReconcileBankLines, canAutoReconcileBankLines } = await this.values(companyId);
    const v = valuesOf(row);
    const history = await db.getRepository(MappingChangeEntity).find({ where: { companyId }, order: { changedAt: 'DESC' } });
    const [bankAccounts, accounts, suppliers] = await Promise.all([
      v.lenderBankAccountId || v.designatedBankAccountId ? ctx.loaders.load(companyId, 'bankAccounts') : [],
      v.expenseAccountId || v.internalTransferAccountId ? ctx.loaders.load(companyId, 'accounts') : [],
      v.lenderSupplierId ? ctx.loaders.load(companyId, 'suppliers') : [],
    ]);
    const ref = (id: string | null, list: { id: string; name: string }[]): MappedRecord | null => {
      if (!id) return null;
      const hit = list.find((r) => r.id === id);
      return { id, name: hit?.name ?? null, found: !!hit };
    };
    const missing = missingFields(v, required);
    const lenderAccountFeed = v.lenderBankAccountId ? await this.feedOf(companyId, v.lenderBankAccountId) : null;
    return {
      companyId,
      lenderBankAccount: ref(v.lenderBankAccountId, bankAccounts),
      designatedBankAccount: ref(v.designatedBankAccountId, bankAccounts),
      expenseAccount: ref(v.expenseAccountId, accounts),
      lenderSupplier: ref(v.lenderSupplierId, suppliers),
      internalTransferAccount: ref(v.internalTransferAccountId, accounts),
      lenderAccountFeed,
      required: [...required],
      currency: row?.currency ?? null,
      writebackEnabled: company.writebackEnabled,
      autoReconcileBankLines,
      canAutoReconcileBankLines,
      isComplete: missing.length === 0,
      missing,
      updatedAt: row?.updatedAt ?? null,
      history: history.map((h) => ({ actor: h.actor, changedAt: new Date(h.changedAt), before: recorded(h.before), after: recorded(h.after) })),
    };
  }

  /** The lender account's bank feed, asked of the provider each time (its status changes there). */
  private async feedOf(companyId: string, bankAccountId: string): Promise<LenderAccountFeed | null> {
    const { adapter, conn } = await this.deps.connections.resolve(companyId);
    if (!adapter.lenderAccountFeed) return null;
    try {
      const feed = await adapter.lenderAccountFeed(conn, bankAccountId);
      return feed ? { status: feed.status as BankFeedStatusEnum, message: feed.message } : null;
    } catch (err) {
      return { status: BankFeedStatusEnum.UNKNOWN, message: err instanceof Error ? err.message : String(err) };
    }
  }

  async configure(ctx: RequestContext, companyId: string, input: ConfigureMappingInput): Promise<AccountMapping> {
    await this.deps.companies.get(ctx, companyId);
    const { values: before, autoReconcileBankLines: settingBefore } = await this.values(companyId);
    const setting = await this.autoReconcileSetting(companyId, input.autoReconcileBankLines);
    const after: MappingValues = { ...before };
    for (const f of MAPPING_FIELDS) if (input[f] !== undefined) after[f] = input[f] ?? null;
    const [bankAccounts, accounts, suppliers] = await Promise.all([
      ctx.loaders.load(companyId, 'bankAccounts'),
      ctx.loaders.load(companyId, 'accounts'),
      ctx.loaders.load(companyId, 'suppliers'),
    ]);
    const check = checkMapping(after, { bankAccounts, accounts, suppliers }, new Set(MAPPING_FIELDS.filter((f) => input[f] !== undefined)));
    if (check.problems.length) {
      const [first] = check.problems;
      throw new AppError('BAD_USER_INPUT', check.problems.map((p) => `${p.field}: ${p.reason}`).join('; '), {
        field: first.field,
        problems: check.problems,
      });
    }
    // Where the provider has no such rules the setting stays off whatever is stored: nothing to record.
    const settingAfter = setting === undefined ? settingBefore : setting && !!(await this.deps.connections.capabilities(companyId)).bankLineRules;
    if (MAPPING_FIELDS.every((f) => before[f] === after[f]) && settingAfter === settingBefore) return this.view(ctx, companyId);
    await transact(this.deps.db, async (m) => {
      await m.save(AccountMappingEntity, { companyId, ...after, currency: check.currency, ...(setting === undefined ? {} : { autoReconcileBankLines: setting }) });
      await m.insert(MappingChangeEntity, {
        id: randomUUID(),
        companyId,
        actor: describePrincipal(ctx.principal),
        changedAt: Date.now(),
        before: { ...before, autoReconcileBankLines: settingBefore },
        after: { ...after, autoReconcileBankLines: settingAfter },
      });
    });
    return this.view(ctx, companyId);
  }

  /**
   * The stored value `autoReconcileBankLines` asks for: undefined to leave it, null back to the
   * default (on). Turning it on where the provider has no such rules is refused rather than
   * stored as a promise nothing would keep.
   */
  private async autoReconcileSetting(companyId: string, asked: boolean | null | undefined): Promise<boolean | undefined> {
    if (asked === undefined) return undefined;
    if (asked === true) {
      const { definition } = await this.deps.connections.resolve(companyId);
      if (!definition.capabilities.bankLineRules) {
        throw new AppError('UNSUPPORTED', `${definition.displayName} has no automatic reconciliation rules for the borrower's bank lines`, { field: 'autoReconcileBankLines' });
      }
    }
    return asked ?? true;
  }

  /** Enabling needs a complete mapping; `releaseHeld` also sends, in order, what was recorded while it was off. */
  async setWritebackEnabled(ctx: RequestContext, companyId: string, enabled: boolean, releaseHeld: boolean): Promise<number> {
    await this.deps.companies.get(ctx, companyId);
    if (enabled) {
      const { values, required } = await this.values(companyId);
      const missing = missingFields(values, required);
      if (missing.length) {
        throw new AppError('MAPPING_INCOMPLETE', `Write-back needs a complete mapping; still missing: ${missing.join(', ')}`, { missing });
      }
    }
    const released = await transact(this.deps.db, async (m) => {
      await m.update(CompanyEntity, { id: companyId }, { writebackEnabled: enabled });
      return enabled && releaseHeld ? this.deps.writeback.releaseHeld(m, companyId) : 0;
    });
    if (released) this.deps.writeback.kick();
    return released;
  }
}
