import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/config';
import type { CodatProviderSandbox } from '../src/providers/codat/codat.sandbox';
import type { CodatEnv } from '../src/providers/codat/codat.settings';
import { startGateway, type Gateway } from '../src/gateway';
import type { BenchDatabase } from './bench-database';
import type { BenchSettings } from './bench-settings';
import { embeddedSandbox, type SandboxControl } from './sandbox-control';
import { startSandboxProcess, type SandboxProcess } from './sandbox-process';

/**
 * A full garbage collection where the process allows it (`node --expose-gc`, as `npm run bench`
 * runs): between phases, so that one phase's garbage is not collected during the next one's timings.
 */
export const collectGarbage = (): void => (globalThis as { gc?: () => void }).gc?.();

export type Gql = <T>(query: string, variables: Record<string, unknown>) => Promise<T>;

export interface BenchGateway {
  gw: Gateway;
  sandbox: SandboxControl;
  /** The Codat emulator's process when it has one of its own; absent when it is embedded in the gateway. */
  sandboxPid?: number;
  /** The Codat emulator, by loopback address. */
  codatUrl: string;
  codatAuth: string;
  graphqlUrl: string;
  adminKey: string;
  gql: Gql;
  /** Closes the gateway, then stops the emulator's process if it has one. */
  close(): Promise<void>;
}

/** A mapped borrower: its ids in the gateway and in the emulator, and the accounts its writes go to. */
export interface BenchCompany {
  id: string;
  codatCompanyId: string;
  codatConnectionId: string;
  lenderBankAccountId: string;
  designatedBankAccountId: string;
  expenseAccountId: string;
  lenderSupplierId: string;
}

/**
 * The gateway as `npm start` runs it, in this process, with the worker not started (each phase
 * decides when delivery begins), against a Codat emulator whose push operations complete at once,
 * so that the emulator's own timing does not hide the gateway's. The emulator is the gateway's
 * own sandbox (`SANDBOX=true`), or, with `sandboxProcess`, one in a process of its own which the
 * gateway reaches as it would reach Codat (`CODAT_BASE_URL`).
 */
export async function startBenchGateway(db: BenchDatabase, settings: BenchSettings, opts: { sandboxProcess?: boolean } = {}): Promise<BenchGateway> {
  const adminKey = `wgk_bench_${randomBytes(18).toString('hex')}`;
  const hosted: SandboxProcess | null = opts.sandboxProcess ? await startSandboxProcess() : null;
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    ...(hosted ? { SANDBOX: 'false', CODAT_BASE_URL: hosted.url, CODAT_API_KEY: hosted.apiKey } : { SANDBOX: 'true' }),
    DATABASE_URL: db.url,
    ...settings.databaseEnv,
    DATA_DIR: db.dataDir,
    GATEWAY_ADMIN_API_KEY: adminKey,
    GATEWAY_SECRET_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'silent',
    WORKER_ENABLED: 'false',
    WORKER_CONCURRENCY: String(settings.worker.concurrency),
    WORKER_POLL_MS: String(settings.worker.pollMs),
  });
  let gw: Gateway;
  try {
    gw = await startGateway(config, { skipDemo: true });
  } catch (err) {
    await hosted?.stop();
    throw err;
  }
  // gw.url names localhost, which may resolve to ::1 first; the benchmark talks to 127.0.0.1 only.
  const origin = `http://127.0.0.1:${gw.port}`;
  let sandbox: SandboxControl;
  if (hosted) sandbox = hosted.control;
  else {
    const store = (gw.sandboxes.get('CODAT') as CodatProviderSandbox).store;
    store.settings.pushDelayMs = 0;
    sandbox = embeddedSandbox(store);
  }
  return {
    gw,
    sandbox,
    sandboxPid: hosted?.pid,
    codatUrl: hosted ? hosted.url : `${origin}/sandbox/codat`,
    codatAuth: `Basic ${Buffer.from((config.providers.CODAT as CodatEnv).apiKey, 'utf8').toString('base64')}`,
    graphqlUrl: `${origin}/graphql`,
    adminKey,
    gql: graphqlClient(`${origin}/graphql`, adminKey),
    async close() {
      try {
        await gw.close();
      } finally {
        await hosted?.stop();
      }
    },
  };
}

function graphqlClient(url: string, token: string): Gql {
  return async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    if (body.errors?.length || !body.data) {
      const why = body.errors?.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; ') ?? 'no data';
      throw new Error(`GraphQL request answered ${res.status}: ${why}`);
    }
    return body.data;
  };
}

const REGISTER = `mutation ($input: RegisterCompanyInput!) { registerCompany(input: $input) { id } }`;
const BOOKS = `query ($companyId: ID!) {
  bankAccounts(companyId: $companyId, first: 100) { nodes { id currency status } }
  accounts(companyId: $companyId, type: EXPENSE, first: 100) { nodes { id status } }
  suppliers(companyId: $companyId, first: 100) { nodes { id status } }
}`;
const CONFIGURE = `mutation ($companyId: ID!, $input: ConfigureMappingInput!) { configureMapping(companyId: $companyId, input: $input) { isComplete missing } }`;
const ENABLE = `mutation ($companyId: ID!) { setWritebackEnabled(companyId: $companyId, enabled: true) { writebackEnabled } }`;

type Nodes<T> = { nodes: T[] };
interface Books {
  bankAccounts: Nodes<{ id: string; currency: string; status: string }>;
  accounts: Nodes<{ id: string; status: string }>;
  suppliers: Nodes<{ id: string; status: string }>;
}

/**
 * A borrower set up the way the lender's frontend does it: the company and its Xero connection in
 * Codat, registered with the gateway, mapped onto accounts already in its books, write-back on.
 */
export async function setUpCompany(b: BenchGateway, n: number): Promise<BenchCompany> {
  return setUpBorrower(b.gql, n, (name) => b.sandbox.createBorrower(name));
}

/** As setUpCompany, with the company and its connection created in Codat by `inCodat` (an emulator in another process, say). */
export async function setUpBorrower(
  gql: Gql,
  n: number,
  inCodat: (name: string) => Promise<{ company: { id: string }; connection: { id: string } }>,
): Promise<BenchCompany> {
  const b = { gql };
  const name = `Bench Borrower ${n} Ltd`;
  const { company, connection } = await inCodat(name);
  const { registerCompany } = await b.gql<{ registerCompany: { id: string } }>(REGISTER, {
    input: { name, externalRef: `bench-${company.id}`, connection: { codat: { companyId: company.id, connectionId: connection.id, apiKey: null } } },
  });
  const id = registerCompany.id;
  const books = await b.gql<Books>(BOOKS, { companyId: id });
  const banks = books.bankAccounts.nodes.filter((a) => a.currency === 'GBP' && a.status !== 'ARCHIVED');
  const expense = books.accounts.nodes.find((a) => a.status === 'ACTIVE');
  const supplier = books.suppliers.nodes.find((s) => s.status === 'ACTIVE');
  if (banks.length < 2 || !expense || !supplier) throw new Error(`The seeded books of ${name} lack two GBP bank accounts, an expense account or a supplier`);
  const mapping = { lenderBankAccountId: banks[1].id, designatedBankAccountId: banks[0].id, expenseAccountId: expense.id, lenderSupplierId: supplier.id };
  const { configureMapping } = await b.gql<{ configureMapping: { isComplete: boolean; missing: string[] } }>(CONFIGURE, { companyId: id, input: mapping });
  if (!configureMapping.isComplete) throw new Error(`The mapping of ${name} is incomplete: ${configureMapping.missing.join(', ')}`);
  await b.gql(ENABLE, { companyId: id });
  return { id, codatCompanyId: company.id, codatConnectionId: connection.id, ...mapping };
}
