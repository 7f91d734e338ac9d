import {
  AccountsDocument,
  AutoReconcileSettingDocument,
  ConfigureMappingDocument,
  CreateInternalTransferAccountDocument,
  RecordDisbursementDocument,
  RecordFinalPaymentDocument,
  RegisterCompanyDocument,
  SetAutoReconcileBankLinesDocument,
  WritebackOperationsDocument,
} from '../generated/graphql';
import { daysAgo, injectSinaoFault, mappedSinaoBorrower, newSinaoBorrower, settled, sinaoBooks } from '../helpers/fixtures';
import { errorCode, ok, startTestGateway, type TestGateway } from '../helpers/test-gateway';

type Rule = { id: number; on_event: string; parameter: string; value: string; conditions: string[][] };

/** The internal-transfer account created through the API, and the automatic rule for the borrower's bank lines, on Sinao. */
describe('Sinao mapping: the internal-transfer account and the bank-line rule', () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ skipDemo: true });
  }, 60_000);
  afterAll(async () => {
    expect(t.sinaoContract.violations).toEqual([]);
    expect([...t.sinaoContract.operations]).toEqual(expect.arrayContaining(['app.accounting.accounts.create', 'app.rules.list', 'app.payments.reconciliation.reconcile']));
    await t.close();
  });

  const unique = (prefix: string) => `${prefix} ${Math.random().toString(36).slice(2, 8)} SARL`;
  const chart = async (companyId: string) => ok(await t.gql(AccountsDocument, { companyId, type: null, first: 500 })).accounts.nodes;
  const operations = async (companyId: string) => ok(await t.gql(WritebackOperationsDocument, { companyId, status: null, first: 500, after: null })).writebackOperations.nodes;
  const create = (companyId: string, input: { name: string; nominalCode: string; description?: string }) => t.gql(CreateInternalTransferAccountDocument, { companyId, input });

  it('lists as usable for internal transfers only the accounts of class 58', async () => {
    const b = await newSinaoBorrower(t, unique('Tonnellerie'));
    const query = 'query($id: ID!, $usable: Boolean) { accounts(companyId: $id, usableForInternalTransfers: $usable, first: 500) { nodes { nominalCode usableForInternalTransfers } } }';
    type Nodes = { accounts: { nodes: { nominalCode: string; usableForInternalTransfers: boolean }[] } };
    const usable = ok(await t.gql<Nodes, object>(query, { id: b.id, usable: true })).accounts.nodes;
    const others = ok(await t.gql<Nodes, object>(query, { id: b.id, usable: false })).accounts.nodes;
    expect(usable.length).toBeGreaterThan(0);
    expect(usable.every((a) => a.nominalCode.startsWith('58') && a.usableForInternalTransfers)).toBe(true);
    expect(others.some((a) => a.nominalCode.startsWith('58'))).toBe(false);
    expect(usable.length + others.length).toBe((await chart(b.id)).length);
  });

  it('creates a class 58 account in the borrower\'s chart, which the mapping can then use', async () => {
    const b = await newSinaoBorrower(t, unique('Scierie'));
    const made = ok(await create(b.id, { name: 'Virements internes - financement', nominalCode: '581000', description: 'Avances et remboursements du financeur' })).createInternalTransferAccount;
    expect(made).toMatchObject({ status: 'CREATED', account: { name: 'Virements internes - financement', nominalCode: '581000', type: 'ASSET', status: 'ACTIVE' }, operation: { kind: 'CREATE_INTERNAL_TRANSFER_ACCOUNT', status: 'SUCCEEDED' } });
    const books = await sinaoBooks(t, b.appId);
    expect(books.accounts.filter((a: { accounting_number: string }) => a.accounting_number === '581000')).toEqual([expect.objectContaining({ id: Number(made.account!.id), name: 'Virements internes - financement' })]);
    ok(await t.gql(ConfigureMappingDocument, { companyId: b.id, input: { internalTransferAccountId: made.account!.id } }));
    const mapping = ok(await t.gql(AutoReconcileSettingDocument, { companyId: b.id })).accountMapping;
    expect(mapping.internalTransferAccount).toEqual({ id: made.account!.id, name: 'Virements internes - financement', found: true });
  });

  it('refuses to create a second account with the same number or name, naming the existing one', async () => {
    const b = await newSinaoBorrower(t, unique('Forge'));
    const seeded = (await chart(b.id)).find((a) => a.nominalCode === '580000')!;
    const sameNumber = await create(b.id, { name: 'Autre nom', nominalCode: '580000' });
    expect(errorCode(sameNumber)).toBe('BAD_USER_INPUT');
    expect(sameNumber.errors![0].extensions).toMatchObject({ field: 'nominalCode', existingId: seeded.id });
    const sameName = await create(b.id, { name: seeded.name.toUpperCase(), nominalCode: '582000' });
    expect(sameName.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name', existingId: seeded.id });
    expect((await operations(b.id)).filter((o) => o.kind === 'CREATE_INTERNAL_TRANSFER_ACCOUNT')).toEqual([]);
  });

  it.each([
    ['a number outside class 58', { name: 'Frais de financement', nominalCode: '627500' }, 'nominalCode'],
    ['a number that is not an account number', { name: 'Virements', nominalCode: '58 00' }, 'nominalCode'],
    ['a blank name', { name: '   ', nominalCode: '583000' }, 'name'],
  ])('refuses %s with BAD_USER_INPUT and stores nothing', async (_why, input, field) => {
    const b = await newSinaoBorrower(t, unique('Tonnellerie'));
    const before = (await sinaoBooks(t, b.appId)).accounts.length;
    const res = await create(b.id, input);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions).toMatchObject({ field });
    expect(await operations(b.id)).toEqual([]);
    expect((await sinaoBooks(t, b.appId)).accounts).toHaveLength(before);
  });

  it('creates the account once when Sinao\'s answer is lost: found again by its number', async () => {
    const b = await newSinaoBorrower(t, unique('Verrerie'));
    await injectSinaoFault(t, { fault: 'LOSE_RESPONSE', count: 1, match: { method: 'POST', pathIncludes: '/accounts/', companyId: String(b.appId) } });
    const res = await create(b.id, { name: 'Virements internes - financeur', nominalCode: '584000' });
    expect(res.errors).toBeUndefined();
    const ops = await settled(t, b.id, 60_000);
    expect(ops.map((o) => `${o.kind}:${o.status}`)).toEqual(['CREATE_INTERNAL_TRANSFER_ACCOUNT:SUCCEEDED']);
    const made = (await sinaoBooks(t, b.appId)).accounts.filter((a: { accounting_number: string }) => a.accounting_number === '584000');
    expect(made).toHaveLength(1);
    expect(ops[0].providerRecordIds).toEqual([String(made[0].id)]);
  });

  it('answers UNSUPPORTED, naming the provider, for a borrower on Codat', async () => {
    const company = t.sandbox.store.createCompany('Brick Lane Bakery Ltd');
    const connection = t.sandbox.store.addAccountingConnection(company.id, {});
    const { registerCompany } = ok(await t.gql(RegisterCompanyDocument, {
      input: { name: 'Brick Lane Bakery Ltd', externalRef: `codat-${company.id}`, connection: { codat: { companyId: company.id, connectionId: connection.id, apiKey: null } } },
    }));
    const res = await create(registerCompany.id, { name: 'Internal transfers', nominalCode: '5800' });
    expect(errorCode(res)).toBe('UNSUPPORTED');
    expect(res.errors![0].message).toMatch(/^Codat /);
    expect(await operations(registerCompany.id)).toEqual([]);

    // Codat has no automatic rules for bank lines: the setting reads false, and asking for it is refused.
    expect(ok(await t.gql(AutoReconcileSettingDocument, { companyId: registerCompany.id })).accountMapping.autoReconcileBankLines).toBe(false);
    const on = await t.gql(SetAutoReconcileBankLinesDocument, { companyId: registerCompany.id, enabled: true });
    expect(errorCode(on)).toBe('UNSUPPORTED');
    expect(on.errors![0].message).toMatch(/Codat/);
    expect(ok(await t.gql(SetAutoReconcileBankLinesDocument, { companyId: registerCompany.id, enabled: false })).configureMapping.autoReconcileBankLines).toBe(false);
  });

  async function transfers(b: { id: string }, prefix: string) {
    ok(await t.gql(RecordDisbursementDocument, { companyId: b.id, input: { externalId: `${prefix}-adv`, amount: '800.00', currency: 'EUR', date: daysAgo(2), reference: `${prefix}-ADV`, invoiceId: null, description: null } }));
    ok(await t.gql(RecordFinalPaymentDocument, { companyId: b.id, input: { externalId: `${prefix}-fin`, amount: '850.00', currency: 'EUR', date: daysAgo(1), reference: `${prefix}-FIN`, description: null } }));
    const ops = await settled(t, b.id, 60_000);
    expect(ops.filter((o) => o.eventId).map((o) => `${o.kind}:${o.status}`)).toEqual(['TRANSFER:SUCCEEDED', 'TRANSFER:SUCCEEDED']);
  }

  it('creates one rule, with the first advance, for the borrower\'s bank account, the lender and the transfer account', async () => {
    const b = await mappedSinaoBorrower(t, { name: unique('Fromagerie') });
    expect(ok(await t.gql(AutoReconcileSettingDocument, { companyId: b.id })).accountMapping).toMatchObject({ autoReconcileBankLines: true, isComplete: true });
    await transfers(b, 'r1');
    const rules: Rule[] = (await sinaoBooks(t, b.appId)).rules;
    expect(rules).toEqual([expect.objectContaining({
      on_event: 'transaction.created',
      parameter: 'account',
      value: b.transferId,
      conditions: [['cashflow_source.id', '=', b.designatedId], ['label', 'LIKE', '%Acme Invoice Finance%']],
    })]);
  });

  it.each([
    ['its answer is lost', { fault: 'LOSE_RESPONSE' }],
    ['it is written, then answered 500', { fault: 'SERVER_ERROR', applied: true }],
    ['it fails before being written', { fault: 'SERVER_ERROR', applied: false }],
  ])('creates the rule once when the reconciliation that carries it: %s', async (_why, fault) => {
    const b = await mappedSinaoBorrower(t, { name: unique('Brasserie') });
    await injectSinaoFault(t, { ...fault, count: 1, match: { method: 'POST', pathIncludes: '/reconcile', companyId: String(b.appId) } });
    await transfers(b, 'r2');
    const books = await sinaoBooks(t, b.appId);
    expect(books.rules).toHaveLength(1);
    const lender = books.cashflowSources.find((s: { id: number }) => String(s.id) === b.lenderId);
    expect(lender.transactions.map((x: { amount: number; reconciliations: unknown[] }) => [x.amount, x.reconciliations.length])).toEqual([[-80000, 1], [85000, 1]]);
  });

  it('creates no rule when the setting is off, and keeps the change in the history', async () => {
    const b = await mappedSinaoBorrower(t, { name: unique('Cidrerie') });
    const off = ok(await t.gql(SetAutoReconcileBankLinesDocument, { companyId: b.id, enabled: false })).configureMapping;
    expect(off.autoReconcileBankLines).toBe(false);
    expect(off.history[0]).toMatchObject({ before: { autoReconcileBankLines: true, internalTransferAccountId: b.transferId }, after: { autoReconcileBankLines: false, internalTransferAccountId: b.transferId } });
    // Sending the same value again changes nothing.
    expect(ok(await t.gql(SetAutoReconcileBankLinesDocument, { companyId: b.id, enabled: false })).configureMapping.history).toHaveLength(off.history.length);
    await transfers(b, 'r3');
    expect((await sinaoBooks(t, b.appId)).rules).toEqual([]);
    // null puts the default back.
    expect(ok(await t.gql(SetAutoReconcileBankLinesDocument, { companyId: b.id, enabled: null })).configureMapping.autoReconcileBankLines).toBe(true);
  });
});
