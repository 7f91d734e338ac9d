import {
  AccountMappingDocument,
  AccountsDocument,
  BankAccountsDocument,
  ConfigureMappingDocument,
  CreateExpenseAccountDocument,
  CreateLenderBankAccountDocument,
  SetWritebackEnabledDocument,
  SuppliersDocument,
  WritebackOperationDocument,
} from '../generated/graphql';
import { BORROWER_FIXTURES, type NeutralFault } from '../helpers/borrowers';
import { eventually, newBorrower } from '../helpers/fixtures';
import { errorCode, ok, useTestGateway } from '../helpers/test-gateway';

describe.each(BORROWER_FIXTURES)('mapping rules, provider outcomes and history, on $provider', (fixture) => {
  const t = useTestGateway({ skipDemo: true, env: { PROVIDER_WRITE_WAIT_MS: '400' } });
  const can = (...kinds: NeutralFault[]) => (kinds.every((k) => fixture.faultKinds.includes(k)) ? it : it.skip);
  let b: Awaited<ReturnType<typeof newBorrower<object>>>;
  /** Two bank accounts in the books' currency: a created lender account and the borrower's own. */
  let banks: { id: string }[];
  let otherCurrency: { id: string } | undefined;
  let expense: { id: string };
  let archivedExpense: { id: string } | undefined;
  let income: { id: string };
  let supplier: { id: string };
  let archivedSupplier: { id: string } | undefined;

  beforeAll(async () => {
    b = await newBorrower(t, 'Rules Ltd', fixture);
    // What a complete mapping would take, created or picked but not configured.
    const m = await fixture.mapping(t, b.id);
    banks = [{ id: m.lenderBankAccountId }, { id: m.designatedBankAccountId }];
    otherCurrency = ok(await t.gql(BankAccountsDocument, { companyId: b.id, first: 100 })).bankAccounts.nodes.find((a) => a.currency !== fixture.currency);
    const accounts = ok(await t.gql(AccountsDocument, { companyId: b.id, type: null, first: 500 })).accounts.nodes;
    expense = { id: m.expenseAccountId };
    archivedExpense = accounts.find((a) => a.type === 'EXPENSE' && a.status === 'ARCHIVED');
    income = accounts.find((a) => a.type === 'INCOME')!;
    const suppliers = ok(await t.gql(SuppliersDocument, { companyId: b.id, search: null, first: 500 })).suppliers.nodes;
    supplier = { id: m.lenderSupplierId };
    archivedSupplier = suppliers.find((s) => s.status === 'ARCHIVED');
    expect([income, !!otherCurrency === fixture.seeded.bankAccountInOtherCurrency]).toEqual([expect.anything(), true]);
    expect([!!archivedExpense, !!archivedSupplier]).toEqual([fixture.seeded.archivedAccounts, fixture.seeded.archivedSuppliers]);
  });
  afterEach(() => fixture.clearFaults(t));

  const configure = (input: Record<string, string | null>) => t.gql(ConfigureMappingDocument, { companyId: b.id, input }, b.token);
  const mapping = async () => ok(await t.gql(AccountMappingDocument, { companyId: b.id }, b.token)).accountMapping;

  type Case = [string, () => Record<string, string>, string, RegExp];
  const cases: Case[] = [
    ['the same account twice', () => ({ lenderBankAccountId: banks[0].id, designatedBankAccountId: banks[0].id }), 'designatedBankAccountId', /different/],
    ['a non-bank account as a bank account', () => ({ lenderBankAccountId: expense.id }), 'lenderBankAccountId', /not a bank account/],
    ['an unknown bank account', () => ({ designatedBankAccountId: 'no-such-account' }), 'designatedBankAccountId', /no bank account/],
    ['an income account as the expense account', () => ({ expenseAccountId: income.id }), 'expenseAccountId', /not an expense account/],
    ['an unknown supplier', () => ({ lenderSupplierId: 'no-such-supplier' }), 'lenderSupplierId', /no supplier/],
  ];
  if (fixture.seeded.bankAccountInOtherCurrency) {
    cases.push(['bank accounts in different currencies', () => ({ lenderBankAccountId: banks[0].id, designatedBankAccountId: otherCurrency!.id }), 'designatedBankAccountId', /currency/]);
  }
  if (fixture.seeded.archivedAccounts) cases.push(['an archived expense account', () => ({ expenseAccountId: archivedExpense!.id }), 'expenseAccountId', /not active/]);
  if (fixture.seeded.archivedSuppliers) cases.push(['an archived supplier', () => ({ lenderSupplierId: archivedSupplier!.id }), 'lenderSupplierId', /not active/]);

  it.each(cases)('refuses %s with BAD_USER_INPUT naming the field, changing nothing', async (_label, input, field, why) => {
    const before = await mapping();
    const res = await configure(input());
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions!.field).toBe(field);
    expect(res.errors![0].message).toMatch(why);
    expect(await mapping()).toEqual(before);
  });

  it('keeps each change in the history: who, when, before and after', async () => {
    ok(await configure({ lenderBankAccountId: banks[0].id }));
    ok(await t.gql(ConfigureMappingDocument, { companyId: b.id, input: { designatedBankAccountId: banks[1].id } }));
    const { history } = await mapping();
    expect(history.slice(0, 2).map((h) => h.actor)).toEqual([expect.stringMatching(/^admin-key:/), `company-token:${b.id}`]);
    expect(history[1].before.lenderBankAccountId).toBeNull();
    expect(history[1].after.lenderBankAccountId).toBe(banks[0].id);
    expect(history[0].before).toMatchObject({ lenderBankAccountId: banks[0].id, designatedBankAccountId: null });
    expect(history[0].after).toMatchObject({ lenderBankAccountId: banks[0].id, designatedBankAccountId: banks[1].id });
    expect(new Date(history[0].changedAt).getTime()).toBeGreaterThanOrEqual(new Date(history[1].changedAt).getTime());
  });

  it('refuses to switch write-back on while the mapping is incomplete, saying what is missing', async () => {
    const res = await t.gql(SetWritebackEnabledDocument, { companyId: b.id, enabled: true, releaseHeld: null }, b.token);
    expect(errorCode(res)).toBe('MAPPING_INCOMPLETE');
    const stillMissing = fixture.capabilities.mappingFields.filter((f) => f !== 'lenderBankAccountId' && f !== 'designatedBankAccountId');
    expect([...(res.errors![0].extensions!.missing as string[])].sort()).toEqual([...stillMissing].sort());
    expect((await mapping()).writebackEnabled).toBe(false);
  });

  (fixture.capabilities.writes === 'async' && fixture.faultKinds.includes('STAY_PENDING') ? it : it.skip)(
    'answers PENDING when the provider is slow, and the operation completes in the background',
    async () => {
      await fixture.injectFault(t, b.ref, { fault: 'STAY_PENDING', on: 'expense-account' });
      const res = ok(await t.gql(CreateExpenseAccountDocument, { companyId: b.id, input: { name: 'Slow fees', nominalCode: fixture.expenseCode(1) } }, b.token)).createExpenseAccount;
      expect(res.status).toBe('PENDING');
      expect(res.account).toBeNull();
      // The operation itself may be in the worker's hands at that moment.
      expect(res.operation.status).toMatch(/^(PENDING|IN_PROGRESS)$/);
      expect(res.operation.providerOperationId).toBeTruthy();
      await fixture.clearFaults(t);
      const done = await eventually(async () => {
        const op = ok(await t.gql(WritebackOperationDocument, { id: res.operation.id }, b.token)).writebackOperation;
        return op.status === 'SUCCEEDED' && op;
      });
      const accounts = ok(await t.gql(AccountsDocument, { companyId: b.id, type: 'EXPENSE', first: 500 })).accounts.nodes;
      expect(accounts.find((a) => a.id === done.providerRecordIds[0])).toMatchObject({ name: 'Slow fees', nominalCode: fixture.expenseCode(1) });
    },
  );

  it('creates an expense account at once when the provider answers at once', async () => {
    const res = ok(await t.gql(CreateExpenseAccountDocument, { companyId: b.id, input: { name: 'Factoring interest', nominalCode: fixture.expenseCode(2) } }, b.token)).createExpenseAccount;
    if (fixture.capabilities.writes === 'sync') expect(res.status).not.toBe('PENDING');
    const id = res.account?.id ?? (await eventually(async () => {
      const op = ok(await t.gql(WritebackOperationDocument, { id: res.operation.id }, b.token)).writebackOperation;
      return op.status === 'SUCCEEDED' && op;
    })).providerRecordIds[0];
    const again = ok(await t.gql(AccountsDocument, { companyId: b.id, type: 'EXPENSE', first: 500 })).accounts.nodes;
    expect(again.find((a) => a.id === id)).toMatchObject({ name: 'Factoring interest', nominalCode: fixture.expenseCode(2) });
  });

  can('REJECTED')("returns the provider's validation messages as PROVIDER_REJECTED", async () => {
    await fixture.injectFault(t, b.ref, { fault: 'REJECTED', on: 'lender-account', message: 'Bank account number is not valid for this sort code' });
    const res = await t.gql(CreateLenderBankAccountDocument, { companyId: b.id, input: { name: 'Rejected Lender', currency: fixture.currency, sortCode: '404784', accountNumber: '70872490' } }, b.token);
    expect(errorCode(res)).toBe('PROVIDER_REJECTED');
    expect(res.errors![0].message).toMatch(/not valid for this sort code/);
    const op = ok(await t.gql(WritebackOperationDocument, { id: res.errors![0].extensions!.operationId as string }, b.token)).writebackOperation;
    expect(op.status).toBe('FAILED');
  });

  it('rejects duplicate names and codes before calling the provider', async () => {
    const code = fixture.expenseCode(5);
    const id = await fixture.addExpenseAccount(t, b.created, { name: 'Factoring charges', code });
    const res = await t.gql(CreateExpenseAccountDocument, { companyId: b.id, input: { name: 'Another name', nominalCode: code } }, b.token);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions).toMatchObject({ field: 'nominalCode', existingId: id });
  });
});

describe('input validation of mapping mutations', () => {
  const t = useTestGateway({ skipDemo: true });

  it('names the nested field that is wrong', async () => {
    const b = await newBorrower(t, 'Nested Ltd');
    const res = await t.gql(
      'mutation($id: ID!) { ensureLenderSupplier(companyId: $id, input: { name: "New Lender", address: { postalCode: "SW1A 1AA!" } }) { outcome } }',
      { id: b.id },
    );
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions!.field).toBe('address.postalCode');
    expect(res.errors![0].message).toMatch(/postalCode/);
  });
});
