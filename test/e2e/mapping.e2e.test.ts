import {
  AccountMappingDocument,
  AccountsDocument,
  BankAccountsDocument,
  ConfigureMappingDocument,
  CreateExpenseAccountDocument,
  CreateLenderBankAccountDocument,
  EnsureLenderSupplierDocument,
  SetWritebackEnabledDocument,
  SuppliersDocument,
} from '../generated/graphql';
import { codatPush, newBorrower } from '../helpers/fixtures';
import { errorCode, LENDER_NAME, ok, useTestGateway } from '../helpers/test-gateway';

describe('mapping a borrower end to end with a company token (seed step 0)', () => {
  const t = useTestGateway({ skipDemo: true });

  it('creates the lender account and an expense account, finds the lender supplier, and switches write-back on', async () => {
    const b = await newBorrower(t);

    const empty = ok(await t.gql(AccountMappingDocument, { companyId: b.id }, b.token)).accountMapping;
    expect(empty).toMatchObject({ isComplete: false, writebackEnabled: false });
    expect(empty.missing).toEqual(['lenderBankAccountId', 'designatedBankAccountId', 'expenseAccountId', 'lenderSupplierId']);

    const lender = ok(await t.gql(CreateLenderBankAccountDocument, {
      companyId: b.id,
      input: { name: 'Acme Invoice Finance', currency: 'GBP', sortCode: '40-47-84', accountNumber: '70872490' },
    }, b.token)).createLenderBankAccount;
    expect(lender.status).toBe('CREATED');
    expect(lender.bankAccount).toMatchObject({ name: 'Acme Invoice Finance', currency: 'GBP' });
    expect(lender.operation).toMatchObject({ kind: 'CREATE_BANK_ACCOUNT', status: 'SUCCEEDED' });

    const accounts = ok(await t.gql(BankAccountsDocument, { companyId: b.id, first: 50 }, b.token)).bankAccounts.nodes;
    expect(accounts.map((a: { id: string }) => a.id)).toContain(lender.bankAccount!.id);
    const designated = accounts.find((a: { currency: string; id: string; name: string }) => a.currency === 'GBP' && a.id !== lender.bankAccount!.id && !/savings/i.test(a.name))!;

    const expense = ok(await t.gql(CreateExpenseAccountDocument, { companyId: b.id, input: { name: 'Invoice finance fees', nominalCode: '4790' } }, b.token)).createExpenseAccount;
    expect(expense).toMatchObject({ status: 'CREATED', account: { name: 'Invoice finance fees', nominalCode: '4790', type: 'EXPENSE' } });

    const supplier = ok(await t.gql(EnsureLenderSupplierDocument, { companyId: b.id, input: null }, b.token)).ensureLenderSupplier;
    expect(supplier.outcome).toBe('MATCHED');
    expect(supplier.created).toBe(false);
    expect(supplier.matchScore).toBeGreaterThanOrEqual(0.88);
    expect(supplier.supplier!.name).not.toBe(LENDER_NAME);
    expect(supplier.operation).toBeNull();

    const mapped = ok(await t.gql(ConfigureMappingDocument, {
      companyId: b.id,
      input: {
        lenderBankAccountId: lender.bankAccount!.id,
        designatedBankAccountId: designated.id,
        expenseAccountId: expense.account!.id,
        lenderSupplierId: supplier.supplier!.id,
      },
    }, b.token)).configureMapping;
    expect(mapped).toMatchObject({ isComplete: true, missing: [], currency: 'GBP' });
    expect(mapped.designatedBankAccount).toEqual({ id: designated.id, name: designated.name });

    const on = ok(await t.gql(SetWritebackEnabledDocument, { companyId: b.id, enabled: true, releaseHeld: null }, b.token)).setWritebackEnabled;
    expect(on).toMatchObject({ writebackEnabled: true, mapping: { isComplete: true, writebackEnabled: true } });
  });

  it('picks an existing expense account and creates the lender supplier when none matches', async () => {
    const b = await newBorrower(t, 'Harbour Ropes Ltd');
    const expenses = ok(await t.gql(AccountsDocument, { companyId: b.id, type: 'EXPENSE', first: 100 }, b.token)).accounts.nodes;
    const bankFees = expenses.find((a: { status: string; name: string }) => a.status === 'ACTIVE' && /bank/i.test(a.name)) ?? expenses.find((a: { status: string }) => a.status === 'ACTIVE')!;

    const created = ok(await t.gql(EnsureLenderSupplierDocument, {
      companyId: b.id,
      input: { name: 'Northwind Trade Capital', emailAddress: 'ops@northwind.example', address: { line1: '1 Quay St', city: 'Bristol', postalCode: 'BS1 4DJ', country: 'UK' } },
    }, b.token)).ensureLenderSupplier;
    expect(created).toMatchObject({ outcome: 'CREATED', created: true, supplier: { name: 'Northwind Trade Capital', status: 'ACTIVE' } });
    expect(created.operation).toMatchObject({ kind: 'CREATE_SUPPLIER', status: 'SUCCEEDED' });

    const again = ok(await t.gql(EnsureLenderSupplierDocument, { companyId: b.id, input: { name: 'NORTHWIND TRADE CAPITAL LIMITED' } }, b.token)).ensureLenderSupplier;
    expect(again).toMatchObject({ outcome: 'MATCHED', created: false, supplier: { id: created.supplier!.id } });

    const mapped = ok(await t.gql(ConfigureMappingDocument, { companyId: b.id, input: { expenseAccountId: bankFees.id, lenderSupplierId: created.supplier!.id } }, b.token)).configureMapping;
    expect(mapped.expenseAccount).toEqual({ id: bankFees.id, name: bankFees.name });
    expect(mapped.missing).toEqual(['lenderBankAccountId', 'designatedBankAccountId']);
  });

  it('reports two suppliers too close to call as AMBIGUOUS, creating nothing', async () => {
    const b = await newBorrower(t, 'Twin Suppliers Ltd');
    for (const supplierName of ['Zenith Receivables Ltd', 'Zenith Receivables Limited']) await codatPush(t, b, 'suppliers', { supplierName, status: 'Active' });
    const before = ok(await t.gql(SuppliersDocument, { companyId: b.id, search: null, first: 500 })).suppliers.totalCount;
    const res = ok(await t.gql(EnsureLenderSupplierDocument, { companyId: b.id, input: { name: 'Zenith Receivables' } }, b.token)).ensureLenderSupplier;
    expect(res.outcome).toBe('AMBIGUOUS');
    expect(res.candidates.map((c: { name: string }) => c.name).sort()).toEqual(['Zenith Receivables Limited', 'Zenith Receivables Ltd']);
    expect(res.supplier).toBeNull();
    expect(ok(await t.gql(SuppliersDocument, { companyId: b.id, search: null, first: 500 })).suppliers.totalCount).toBe(before);
  });

  it("refuses another company's token on every mapping operation", async () => {
    const a = await newBorrower(t, 'Company A Ltd');
    const other = await newBorrower(t, 'Company B Ltd');
    const calls = [
      t.gql(AccountMappingDocument, { companyId: a.id }, other.token),
      t.gql(ConfigureMappingDocument, { companyId: a.id, input: { lenderSupplierId: 'x' } }, other.token),
      t.gql(SetWritebackEnabledDocument, { companyId: a.id, enabled: false, releaseHeld: null }, other.token),
      t.gql(CreateExpenseAccountDocument, { companyId: a.id, input: { name: 'Sneaky', nominalCode: '9999' } }, other.token),
      t.gql(CreateLenderBankAccountDocument, { companyId: a.id, input: { name: 'Sneaky', currency: 'GBP', sortCode: '000000', accountNumber: '00000000' } }, other.token),
      t.gql(EnsureLenderSupplierDocument, { companyId: a.id, input: null }, other.token),
    ];
    for (const res of await Promise.all(calls)) expect(errorCode(res)).toBe('FORBIDDEN');
  });
});
