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
import { clearFaults, codatPush, eventually, injectFault, newBorrower } from '../helpers/fixtures';
import { errorCode, ok, useTestGateway } from '../helpers/test-gateway';

describe('mapping rules, provider outcomes and history', () => {
  const t = useTestGateway({ skipDemo: true, env: { PROVIDER_WRITE_WAIT_MS: '400' } });
  let b: Awaited<ReturnType<typeof newBorrower>>;
  let gbp: { id: string; name: string }[];
  let eur: { id: string };
  let expense: { id: string };
  let archivedExpense: { id: string };
  let income: { id: string };
  let supplier: { id: string };
  let archivedSupplier: { id: string };

  beforeAll(async () => {
    b = await newBorrower(t, 'Rules Ltd');
    const banks = ok(await t.gql(BankAccountsDocument, { companyId: b.id, first: 100 })).bankAccounts.nodes;
    gbp = banks.filter((a) => a.currency === 'GBP' && a.status !== 'ARCHIVED');
    eur = banks.find((a) => a.currency === 'EUR')!;
    const accounts = ok(await t.gql(AccountsDocument, { companyId: b.id, type: null, first: 500 })).accounts.nodes;
    expense = accounts.find((a) => a.type === 'EXPENSE' && a.status === 'ACTIVE')!;
    archivedExpense = accounts.find((a) => a.type === 'EXPENSE' && a.status === 'ARCHIVED')!;
    income = accounts.find((a) => a.type === 'INCOME')!;
    const suppliers = ok(await t.gql(SuppliersDocument, { companyId: b.id, search: null, first: 500 })).suppliers.nodes;
    supplier = suppliers.find((s) => s.status === 'ACTIVE')!;
    archivedSupplier = suppliers.find((s) => s.status === 'ARCHIVED')!;
    expect([gbp.length >= 2, eur, expense, archivedExpense, income, supplier, archivedSupplier].every(Boolean)).toBe(true);
  });
  afterEach(() => clearFaults(t));

  const configure = (input: Record<string, string | null>) => t.gql(ConfigureMappingDocument, { companyId: b.id, input }, b.token);
  const mapping = async () => ok(await t.gql(AccountMappingDocument, { companyId: b.id }, b.token)).accountMapping;

  it.each([
    ['the same account twice', () => ({ lenderBankAccountId: gbp[0].id, designatedBankAccountId: gbp[0].id }), 'designatedBankAccountId', /different/],
    ['a non-bank account as a bank account', () => ({ lenderBankAccountId: expense.id }), 'lenderBankAccountId', /not a bank account/],
    ['an unknown bank account', () => ({ designatedBankAccountId: 'no-such-account' }), 'designatedBankAccountId', /no bank account/],
    ['bank accounts in different currencies', () => ({ lenderBankAccountId: gbp[0].id, designatedBankAccountId: eur.id }), 'designatedBankAccountId', /currency/],
    ['an income account as the expense account', () => ({ expenseAccountId: income.id }), 'expenseAccountId', /not an expense account/],
    ['an archived expense account', () => ({ expenseAccountId: archivedExpense.id }), 'expenseAccountId', /not active/],
    ['an unknown supplier', () => ({ lenderSupplierId: 'no-such-supplier' }), 'lenderSupplierId', /no supplier/],
    ['an archived supplier', () => ({ lenderSupplierId: archivedSupplier.id }), 'lenderSupplierId', /not active/],
  ])('refuses %s with BAD_USER_INPUT naming the field, changing nothing', async (_label, input, field, why) => {
    const before = await mapping();
    const res = await configure(input());
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions!.field).toBe(field);
    expect(res.errors![0].message).toMatch(why);
    expect(await mapping()).toEqual(before);
  });

  it('keeps each change in the history: who, when, before and after', async () => {
    ok(await configure({ lenderBankAccountId: gbp[0].id }));
    ok(await t.gql(ConfigureMappingDocument, { companyId: b.id, input: { designatedBankAccountId: gbp[1].id } }));
    const { history } = await mapping();
    expect(history.slice(0, 2).map((h) => h.actor)).toEqual([expect.stringMatching(/^admin-key:/), `company-token:${b.id}`]);
    expect(history[1].before.lenderBankAccountId).toBeNull();
    expect(history[1].after.lenderBankAccountId).toBe(gbp[0].id);
    expect(history[0].before).toMatchObject({ lenderBankAccountId: gbp[0].id, designatedBankAccountId: null });
    expect(history[0].after).toMatchObject({ lenderBankAccountId: gbp[0].id, designatedBankAccountId: gbp[1].id });
    expect(new Date(history[0].changedAt).getTime()).toBeGreaterThanOrEqual(new Date(history[1].changedAt).getTime());
  });

  it('refuses to switch write-back on while the mapping is incomplete, saying what is missing', async () => {
    const res = await t.gql(SetWritebackEnabledDocument, { companyId: b.id, enabled: true, releaseHeld: null }, b.token);
    expect(errorCode(res)).toBe('MAPPING_INCOMPLETE');
    expect(res.errors![0].extensions!.missing).toEqual(expect.arrayContaining(['expenseAccountId', 'lenderSupplierId']));
    expect((await mapping()).writebackEnabled).toBe(false);
  });

  it('answers PENDING when the provider is slow, and the operation completes in the background', async () => {
    await injectFault(t, { fault: 'STAY_PENDING', match: { pathIncludes: '/push/accounts' } });
    const res = ok(await t.gql(CreateExpenseAccountDocument, { companyId: b.id, input: { name: 'Slow fees', nominalCode: '4791' } }, b.token)).createExpenseAccount;
    expect(res.status).toBe('PENDING');
    expect(res.account).toBeNull();
    // The operation itself may be in the worker's hands at that moment.
    expect(res.operation.status).toMatch(/^(PENDING|IN_PROGRESS)$/);
    expect(res.operation.providerOperationId).toBeTruthy();
    await clearFaults(t);
    const done = await eventually(async () => {
      const op = ok(await t.gql(WritebackOperationDocument, { id: res.operation.id }, b.token)).writebackOperation;
      return op.status === 'SUCCEEDED' && op;
    });
    const accounts = ok(await t.gql(AccountsDocument, { companyId: b.id, type: 'EXPENSE', first: 500 })).accounts.nodes;
    expect(accounts.find((a) => a.id === done.providerRecordIds[0])).toMatchObject({ name: 'Slow fees', nominalCode: '4791' });
  });

  it("returns the provider's validation messages as PROVIDER_REJECTED", async () => {
    await injectFault(t, { fault: 'FAIL', match: { pathIncludes: '/push/bankAccounts' }, message: 'Bank account number is not valid for this sort code' });
    const res = await t.gql(CreateLenderBankAccountDocument, { companyId: b.id, input: { name: 'Rejected Lender', currency: 'GBP', sortCode: '404784', accountNumber: '70872490' } }, b.token);
    expect(errorCode(res)).toBe('PROVIDER_REJECTED');
    expect(res.errors![0].message).toMatch(/not valid for this sort code/);
    const op = ok(await t.gql(WritebackOperationDocument, { id: res.errors![0].extensions!.operationId as string }, b.token)).writebackOperation;
    expect(op.status).toBe('FAILED');
  });

  it('rejects duplicate names and codes before calling the provider', async () => {
    const code = await codatPush(t, b, 'accounts', { nominalCode: '4795', name: 'Factoring charges', fullyQualifiedCategory: 'Expense.Expense' });
    const res = await t.gql(CreateExpenseAccountDocument, { companyId: b.id, input: { name: 'Another name', nominalCode: '4795' } }, b.token);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions).toMatchObject({ field: 'nominalCode', existingId: code });
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
