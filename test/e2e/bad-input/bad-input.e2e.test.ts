import { createHash } from 'node:crypto';
import { buildClientSchema, getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import { InvoicesDocument, RecordFeeDocument, RegisterCompanyDocument } from '../../generated/graphql';
import { daysAgo, injectFault, mappedBorrower, newBorrower, newSinaoBorrower, settled, clearFaults, sinaoSandboxOf } from '../../helpers/fixtures';
import { ADMIN_KEY, type GqlResult, ok, useTestGateway } from '../../helpers/test-gateway';
import { SANDBOX_CODAT_KEY } from '../../../src/providers/codat/codat.settings';
import { generateCases, ONE_OF_MEMBERS, type BadCase, type Baselines } from './bad-values';

/**
 * Every argument and input field of every query and mutation, from the live schema, with each bad
 * value that applies to its type, sent over an otherwise valid request: each must be refused with
 * a clear code and the field named, change nothing in the database, and leave the server answering.
 */
describe('bad input, generated from the schema', () => {
  const t = useTestGateway({ skipDemo: true });
  let baselines: Baselines;
  let otherToken: string;

  beforeAll(async () => {
    const b = await mappedBorrower(t, { name: 'Baseline Borrower Ltd' });
    otherToken = (await newBorrower(t, 'Other Borrower Ltd')).token;

    // A FAILED operation, so that retryWritebackOperation has something it may retry.
    await injectFault(t, { fault: 'FAIL', message: 'The contact is archived', match: { pathIncludes: '/push/directCosts', companyId: b.codatCompanyId } });
    const input = { externalId: 'fee-failed', amount: '5.00', currency: 'GBP', date: daysAgo(2), description: null, reference: null };
    const fee = ok(await t.gql(RecordFeeDocument, { companyId: b.id, input })).recordFee;
    await settled(t, b.id);
    await clearFaults(t);
    const failedId = fee.operations.find((o) => o.kind === 'SPEND_MONEY')!.id;

    const invoices = ok(await t.gql(InvoicesDocument, { companyId: b.id, status: null, first: 100 })).invoices.nodes;
    const open = invoices.find((i) => i.status === 'SUBMITTED' && i.currency === 'GBP' && Number(i.amountDue) >= 10)!;
    const store = t.sandbox.store;
    const fresh = store.createCompany('Fresh Borrower Ltd');
    const freshConnection = store.addAccountingConnection(fresh.id, {});

    const companyId = b.id;
    // Only a provider whose mapping takes an internal-transfer account can create one.
    const withTransferAccount = (await newSinaoBorrower(t, 'Atelier Virements SARL')).id;
    const xeroBorrower = ok(await t.gql(RegisterCompanyDocument, { input: { name: 'Pending Xero Borrower Ltd', externalRef: 'pending-xero', connection: { xero: {} } } })).registerCompany.id;
    const event = (kind: string) => ({ externalId: `${kind}-baseline`, amount: '10.00', currency: 'GBP', date: daysAgo(0), description: 'Baseline\tevent\nsecond line', reference: 'REF-1' });
    const page = { first: 10, after: null };
    baselines = {
      accountMapping: { companyId },
      accounts: { companyId, type: 'EXPENSE', ...page },
      bankAccounts: { companyId, ...page },
      companies: page,
      company: { id: companyId },
      invoices: { companyId, status: 'SUBMITTED', ...page },
      suppliers: { companyId, search: 'Acme', ...page },
      writebackOperation: { id: failedId },
      writebackOperations: { companyId, status: 'FAILED', ...page },
      issueCompanyToken: { companyId, ttlSeconds: 3600 },
      setWritebackEnabled: { companyId, enabled: true, releaseHeld: false },
      configureMapping: {
        companyId,
        input: { lenderBankAccountId: b.lenderId, designatedBankAccountId: b.designatedId, expenseAccountId: b.expenseId, lenderSupplierId: b.supplierId },
      },
      createLenderBankAccount: {
        companyId,
        input: { name: 'Northwind Lending', currency: 'GBP', accountNumber: '12345678', sortCode: '20-00-00', iban: 'GB29NWBK60161331926819', institution: 'Northwind Bank' },
      },
      createExpenseAccount: { companyId, input: { name: 'Northwind facility fees', nominalCode: '4795', description: 'Fees for the facility\nbooked monthly' } },
      createInternalTransferAccount: { companyId: withTransferAccount, input: { name: 'Virements internes - financement', nominalCode: '581000', description: 'Avances\net remboursements' } },
      ensureLenderSupplier: {
        companyId,
        input: {
          name: 'Northwind Capital Partners',
          contactName: 'Jo Bloggs',
          emailAddress: 'ops@northwind.example',
          phone: '+44 20 7946 0000',
          registrationNumber: '01234567',
          defaultCurrency: 'GBP',
          address: { line1: '1 High Street', line2: 'Floor 2', city: 'London', region: 'Greater London', country: 'GB', postalCode: 'SW1A 1AA' },
        },
      },
      recordDisbursement: { companyId, input: { ...event('disbursement'), invoiceId: null } },
      recordFinalPayment: { companyId, input: event('final') },
      recordFee: { companyId, input: event('fee') },
      reconcileInvoice: { companyId, input: { ...event('reconcile'), invoiceId: open.id } },
      retryWritebackOperation: { id: failedId },
      startXeroConnection: { companyId: xeroBorrower },
      disconnectCompany: { companyId: xeroBorrower },
      checkConnection: { companyId },
      registerCompany: {
        input: {
          name: 'Fresh Borrower Ltd',
          externalRef: 'fresh-borrower',
          connection: { codat: { companyId: fresh.id, connectionId: freshConnection.id, apiKey: SANDBOX_CODAT_KEY } },
        },
      },
    };
    const sinaoStore = sinaoSandboxOf(t).store;
    const sinaoApp = sinaoStore.createApp('Atelier Frais SARL');
    ONE_OF_MEMBERS.connection = { sinao: { appId: String(sinaoApp.id), apiKey: sinaoStore.createApiKey(sinaoApp.id, 'gateway').key } };
  }, 60_000);

  /** A checksum of every row of every table: any insert, update or delete changes it. */
  async function snapshot(): Promise<Record<string, string>> {
    const db = t.gw.services.db;
    const out: Record<string, string> = {};
    for (const table of db.entityMetadatas.map((m) => m.tableName).sort()) {
      const rows: unknown[] = await db.query(`SELECT * FROM "${table}"`);
      const lines = rows.map((r) => JSON.stringify(r)).sort();
      out[table] = `${rows.length}:${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
    }
    return out;
  }

  function problemWith(c: BadCase, res: GqlResult<unknown>): string | null {
    const err = res.errors?.[0];
    if (!err) return `accepted (HTTP ${res.status})`;
    const code = err.extensions?.code as string | undefined;
    if (code === 'INTERNAL' || !code) return `answered ${code ?? 'no code'}: ${err.message}`;
    if (!c.expect.codes.includes(code)) return `answered ${code} (${err.message}), expected ${c.expect.codes.join(' or ')}`;
    const unnamed = res.errors!.find((e) => e.extensions?.code === 'BAD_USER_INPUT' && typeof e.extensions.field !== 'string');
    if (unnamed) return `BAD_USER_INPUT without extensions.field: ${unnamed.message}`;
    if (code === 'BAD_USER_INPUT' && err.extensions!.field !== c.expect.field) {
      return `named field ${JSON.stringify(err.extensions!.field)}, expected ${c.expect.field} (${err.message.slice(0, 160)})`;
    }
    return null;
  }

  const send = (c: BadCase) => t.gql(c.query, c.variables, c.asOtherCompany ? otherToken : ADMIN_KEY);

  async function alive(): Promise<string | null> {
    const health = await t.http.get('/healthz');
    if (health.status !== 200) return `/healthz answered ${health.status}`;
    const res = await t.gql('{ __typename }', {});
    return res.data ? null : `a trivial query failed: ${JSON.stringify(res.errors)}`;
  }

  it('refuses every generated bad input clearly, stores nothing and stays up', async () => {
    const intro = ok(await t.gql<IntrospectionQuery, Record<string, never>>(getIntrospectionQuery(), {}));
    const cases = generateCases(buildClientSchema(intro), baselines);
    const started = Date.now();
    const problems: string[] = [];
    const BATCH = 48;
    const PARALLEL = 8;
    for (let i = 0; i < cases.length; i += BATCH) {
      const batch = cases.slice(i, i + BATCH);
      const before = await snapshot();
      for (let j = 0; j < batch.length; j += PARALLEL) {
        const group = batch.slice(j, j + PARALLEL);
        const results = await Promise.all(group.map(send));
        group.forEach((c, k) => {
          const problem = problemWith(c, results[k]);
          if (problem) problems.push(`${c.operation} ${c.label}: ${problem}`);
        });
      }
      const after = await snapshot();
      if (JSON.stringify(after) !== JSON.stringify(before)) {
        // Every case of the batch must leave the database as it was; the batch's cases are listed above it in the log.
        problems.push(`rows changed in batch ${batch[0].operation} … ${batch[batch.length - 1].operation}: ${JSON.stringify({ before, after })}`);
      }
      const down = await alive();
      if (down) problems.push(`after batch starting ${batch[0].operation} ${batch[0].label}: ${down}`);
    }
    const seconds = (Date.now() - started) / 1000;
    const byOperation = new Set(cases.map((c) => c.operation)).size;
    console.log(`bad-input: ${cases.length} cases over ${byOperation} operations in ${seconds.toFixed(1)} s, ${problems.length} problems`);
    expect(problems).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(1000);
  }, 300_000);

  it('accepts every baseline as sent, so that each bad value above was the only fault', async () => {
    const intro = ok(await t.gql<IntrospectionQuery, Record<string, never>>(getIntrospectionQuery(), {}));
    const schema = buildClientSchema(intro);
    const order = ['query', 'mutation'] as const;
    for (const kind of order) {
      const root = kind === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
      // The retry goes last: the events recorded before it must not depend on the operation it re-queues.
      const fields = Object.values(root.getFields()).sort((a, b) => Number(a.name === 'retryWritebackOperation') - Number(b.name === 'retryWritebackOperation'));
      for (const field of fields) {
        const defs = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
        const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
        const query = `${kind} Baseline${defs ? `(${defs})` : ''} { ${field.name}${args ? `(${args})` : ''} { __typename } }`;
        const res = await t.gql(query, baselines[field.name]);
        expect({ operation: field.name, errors: res.errors ?? [] }).toEqual({ operation: field.name, errors: [] });
      }
    }
  }, 120_000);
});
