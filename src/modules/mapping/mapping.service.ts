import { randomUUID } from 'node:crypto';
import type { RequestContext, Services } from '../../context';
import { transact } from '../../common/transaction';
import { AppError } from '../../errors';
import { describePrincipal } from '../auth/principal';
import { CompanyEntity } from '../companies/company.entity';
import { AccountMappingEntity } from './account-mapping.entity';
import { MappingChangeEntity, type MappingValues } from './mapping-change.entity';
import type { ConfigureMappingInput } from './mapping.inputs';
import { checkMapping } from './mapping.rules';
import type { AccountMapping, MappedRecord, MappingFieldEnum } from './mapping.types';

export const MAPPING_FIELDS = ['lenderBankAccountId', 'designatedBankAccountId', 'expenseAccountId', 'lenderSupplierId'] as const;

const valuesOf = (m: AccountMappingEntity | null): MappingValues => ({
  lenderBankAccountId: m?.lenderBankAccountId ?? null,
  designatedBankAccountId: m?.designatedBankAccountId ?? null,
  expenseAccountId: m?.expenseAccountId ?? null,
  lenderSupplierId: m?.lenderSupplierId ?? null,
});

export const missingFields = (v: MappingValues) => MAPPING_FIELDS.filter((f) => !v[f]);

/** The per-company mapping of seed step 0, its history, and the write-back switch. */
export class MappingService {
  constructor(private readonly services: Services) {}

  /** The stored mapping values (all null when nothing is set yet). */
  async values(companyId: string): Promise<{ values: MappingValues; currency: string | null }> {
    const row = await this.services.db.getRepository(AccountMappingEntity).findOneBy({ companyId });
    return { values: valuesOf(row), currency: row?.currency ?? null };
  }

  async view(ctx: RequestContext, companyId: string): Promise<AccountMapping> {
    const company = await this.services.companies.get(ctx, companyId);
    const row = await this.services.db.getRepository(AccountMappingEntity).findOneBy({ companyId });
    const v = valuesOf(row);
    const history = await this.services.db.getRepository(MappingChangeEntity).find({ where: { companyId }, order: { changedAt: 'DESC' } });
    const [bankAccounts, accounts, suppliers] = await Promise.all([
      v.lenderBankAccountId || v.designatedBankAccountId ? ctx.loaders.load(companyId, 'bankAccounts') : [],
      v.expenseAccountId ? ctx.loaders.load(companyId, 'accounts') : [],
      v.lenderSupplierId ? ctx.loaders.load(companyId, 'suppliers') : [],
    ]);
    const ref = (id: string | null, list: { id: string; name: string }[]): MappedRecord | null => {
      if (!id) return null;
      const hit = list.find((r) => r.id === id);
      return { id, name: hit?.name ?? null, found: !!hit };
    };
    const missing = missingFields(v);
    return {
      companyId,
      lenderBankAccount: ref(v.lenderBankAccountId, bankAccounts),
      designatedBankAccount: ref(v.designatedBankAccountId, bankAccounts),
      expenseAccount: ref(v.expenseAccountId, accounts),
      lenderSupplier: ref(v.lenderSupplierId, suppliers),
      currency: row?.currency ?? null,
      writebackEnabled: company.writebackEnabled,
      isComplete: missing.length === 0,
      missing: missing as MappingFieldEnum[],
      updatedAt: row?.updatedAt ?? null,
      history: history.map((h) => ({ actor: h.actor, changedAt: new Date(h.changedAt), before: h.before, after: h.after })),
    };
  }

  async configure(ctx: RequestContext, companyId: string, input: ConfigureMappingInput): Promise<AccountMapping> {
    await this.services.companies.get(ctx, companyId);
    const { values: before } = await this.values(companyId);
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
    if (MAPPING_FIELDS.every((f) => before[f] === after[f])) return this.view(ctx, companyId);
    await transact(this.services.db, async (m) => {
      await m.save(AccountMappingEntity, { companyId, ...after, currency: check.currency });
      await m.insert(MappingChangeEntity, { id: randomUUID(), companyId, actor: describePrincipal(ctx.principal), changedAt: Date.now(), before, after });
    });
    return this.view(ctx, companyId);
  }

  /** Enabling needs a complete mapping; `releaseHeld` also sends, in order, what was recorded while it was off. */
  async setWritebackEnabled(ctx: RequestContext, companyId: string, enabled: boolean, releaseHeld: boolean): Promise<number> {
    await this.services.companies.get(ctx, companyId);
    if (enabled) {
      const missing = missingFields((await this.values(companyId)).values);
      if (missing.length) {
        throw new AppError('MAPPING_INCOMPLETE', `Write-back needs a complete mapping; still missing: ${missing.join(', ')}`, { missing });
      }
    }
    const released = await transact(this.services.db, async (m) => {
      await m.update(CompanyEntity, { id: companyId }, { writebackEnabled: enabled });
      return enabled && releaseHeld ? this.services.writeback.releaseHeld(m, companyId) : 0;
    });
    if (released) this.services.writeback.kick();
    return released;
  }
}
