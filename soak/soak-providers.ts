import { FAULT_KINDS } from '../src/sandbox/codat/codat-faults';
import { COMMON_FAULTS } from '../src/sandbox/kit';
import { SANDBOX_USER } from '../src/sandbox/sinao/sinao-sandbox.store';
import type { Borrower, MappingCalls } from './soak-borrowers';
import type { GatewayPool } from './soak-gateways';
import { MAPPING_MUTATIONS } from './soak-borrowers';
import { startSandbox, type SandboxProcess } from './soak-processes';
import { xeroSoak } from './soak-xero';

/** Book records carrying each marker: how many, and their ids. */
export type Marks = Map<string, string[]>;

/** What the books say of the run's writes: the records by marker, and the records whose write is only partly there. */
export interface BooksAudit {
  marks: Marks;
  /** Records of a two-step write whose second step is missing or doubled, by marker. */
  incomplete: Map<string, string>;
}

/** What the provider's identity service saw of the gateways' credentials (OAuth providers only). */
export interface CredentialsAudit {
  /** Refresh tokens presented more than once, other than after a kill took the answer to their exchange: two refreshes raced, or a token was kept after it rotated. */
  refreshTokensUsedTwice: number;
  /** Refresh tokens presented again because a gateway was killed between their exchange and storing its answer (Xero's grace period lets that through). */
  reusedAfterKill: number;
  /** Refresh tokens presented again after the gateway's time-out: its documented retry of a refresh whose answer came too late. */
  reusedAfterTimeout: number;
  /** Refresh requests refused with `invalid_grant`. */
  invalidGrants: number;
  /** Refresh tokens exchanged, for the report. */
  refreshes: number;
}

/**
 * What the soak needs to know of a provider: how its sandbox runs, how a borrower is created there
 * and mapped, which faults it throws, which request a kill is aimed at, and how its books carry the
 * gateway's markers.
 */
export interface SoakProvider {
  name: 'codat' | 'sinao' | 'xero';
  label: string;
  currency: string;
  /** Every fault kind its sandbox throws, the default of SOAK_FAULT_KINDS. */
  faultKinds: readonly string[];
  /** The write request a kill is aimed at, answered slowly so that the gateway dies after the provider applied it. */
  inFlight: { method: string; pathIncludes: string; what: string };
  startSandbox(opts: { pushDelayMs: number; logDir: string }): Promise<SandboxProcess>;
  /** The gateways' environment for this provider's sandbox. */
  gatewayEnv(sandbox: SandboxProcess, timeoutMs: number): Record<string, string>;
  borrowerName(n: number): string;
  /** A borrower's books at the provider, and the connection input that registers it. */
  createBorrower(sandbox: SandboxProcess, name: string): Promise<{ ref: string; connection: object }>;
  /** The `configureMapping` input of a complete mapping, created or picked through the gateway. */
  mapping(calls: MappingCalls, name: string): Promise<{ lenderBankAccountId: string } & Record<string, string>>;
  readBooks(sandbox: SandboxProcess, borrowers: Borrower[]): Promise<BooksAudit>;
  /** For providers the borrower authorises after registration: the borrower connects the registered company (consent flow). */
  connect?(sandbox: SandboxProcess, gw: GatewayPool, companyId: string, ref: string): Promise<void>;
  /** What the provider's identity service knows of the tokens the gateways used. */
  auditCredentials?(sandbox: SandboxProcess, run: { killedAt: number[]; timeoutMs: number }): Promise<CredentialsAudit>;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const WHOLE = new RegExp(`^${UUID}$`, 'i');
const TAGGED = new RegExp(`\\[(${UUID})\\]`, 'gi');
const CODAT_KEY = 'soak-codat-api-key';

function codatMarkers(...texts: unknown[]): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    if (typeof text !== 'string') continue;
    if (WHOLE.test(text)) found.add(text.toLowerCase());
    for (const m of text.matchAll(TAGGED)) found.add(m[1].toLowerCase());
  }
  return [...found];
}

type Row = { id: string; description?: string | null; reference?: string | null; note?: string | null };

const codat: SoakProvider = {
  name: 'codat',
  label: 'Codat',
  currency: 'GBP',
  faultKinds: FAULT_KINDS,
  inFlight: { method: 'POST', pathIncludes: '/push/', what: 'a push' },
  startSandbox: ({ pushDelayMs, logDir }) => startSandbox({
    name: 'codat-sandbox',
    script: 'scripts/codat-sandbox.js',
    env: { CODAT_API_KEY: CODAT_KEY, SANDBOX_PUSH_DELAY_MS: String(pushDelayMs) },
    headers: { authorization: `Basic ${Buffer.from(CODAT_KEY).toString('base64')}` },
    logDir,
  }),
  gatewayEnv: (sandbox, timeoutMs) => ({ CODAT_BASE_URL: sandbox.url, CODAT_API_KEY: CODAT_KEY, CODAT_TIMEOUT_MS: String(timeoutMs) }),
  borrowerName: (n) => `Soak Borrower ${n} Ltd`,
  async createBorrower(sandbox, name) {
    const company = await sandbox.call('POST', '/companies', { name });
    const connection = await sandbox.call('POST', `/companies/${company.id}/connections`, { platformKey: 'gbol' });
    return { ref: company.id, connection: { codat: { companyId: company.id, connectionId: connection.id, apiKey: null } } };
  },
  /** A new lender account, a new fee account, the lender as a supplier, the GBP current account. */
  async mapping(calls, name) {
    const lender = await calls.created(MAPPING_MUTATIONS.LENDER_ACCOUNT, 'createLenderBankAccount', 'bankAccount', { name: 'Acme Invoice Finance', currency: 'GBP', sortCode: '404784', accountNumber: '70872490' });
    const expense = await calls.created(MAPPING_MUTATIONS.EXPENSE_ACCOUNT, 'createExpenseAccount', 'account', { name: 'Invoice finance fees', nominalCode: '4790' });
    const supplier = await calls.created(MAPPING_MUTATIONS.SUPPLIER, 'ensureLenderSupplier', 'supplier');
    const designated = (await calls.bankAccounts()).find((b) => b.currency === 'GBP' && b.id !== lender && b.status !== 'ARCHIVED' && !/saving/i.test(b.name));
    if (!designated) throw new Error(`${name} has no GBP current account to designate`);
    return { lenderBankAccountId: lender, designatedBankAccountId: designated.id, expenseAccountId: expense, lenderSupplierId: supplier };
  },
  /** Transfers by description, spend money and payments by reference (or note), statement lines on the lender account by their id. */
  async readBooks(sandbox, borrowers) {
    const marks: Marks = new Map();
    const add = (marker: string, recordId: string) => marks.set(marker, [...(marks.get(marker) ?? []), recordId]);
    for (const b of borrowers) {
      const books = await sandbox.call<Record<string, Row[]> & { bankAccounts: { id: string; statementLines: Row[] }[] }>('GET', `/_sandbox/companies/${b.ref}/books`);
      for (const t of books.transfers ?? []) for (const m of codatMarkers(t.description)) add(m, t.id);
      for (const d of [...(books.directCosts ?? []), ...(books.directIncomes ?? [])]) for (const m of codatMarkers(d.reference, d.note)) add(m, d.id);
      for (const p of books.payments ?? []) for (const m of codatMarkers(p.reference, p.note)) add(m, p.id);
      const lender = books.bankAccounts.find((a) => a.id === b.lenderBankAccountId);
      for (const line of lender?.statementLines ?? []) add(line.id.toLowerCase(), line.id);
    }
    return { marks, incomplete: new Map() };
  },
};

type SinaoTx = { id: number; amount: number; details: string | null; reconciliations: { type: string; id: number; amount: number }[] };
const SINAO_MARKER = new RegExp(`passerelle (${UUID})`, 'i');

const sinao: SoakProvider = {
  name: 'sinao',
  label: 'Sinao',
  currency: 'EUR',
  faultKinds: COMMON_FAULTS,
  // An entry is a transaction, then its reconciliation: the kill lands between the two steps.
  inFlight: { method: 'POST', pathIncludes: '/reconcile', what: "a write's reconcile step" },
  startSandbox: ({ logDir }) => startSandbox({ name: 'sinao-sandbox', script: 'scripts/sinao-sandbox.js', env: {}, headers: {}, logDir }),
  gatewayEnv: (sandbox, timeoutMs) => ({
    SINAO_BASE_URL: sandbox.url,
    SINAO_TIMEOUT_MS: String(timeoutMs),
    // Codat's settings are read whatever the borrowers' provider; no borrower of the run uses them.
    CODAT_API_KEY: CODAT_KEY,
  }),
  borrowerName: (n) => `Emprunteur Soak ${n} SARL`,
  /** As a borrower does it: the sandbox user logs in, creates an application, and an API key in it. */
  async createBorrower(sandbox, name) {
    const { access_token: token } = await sandbox.call<{ access_token: string }>('POST', '/login', { email: SANDBOX_USER.email, password: SANDBOX_USER.password });
    const bearer = { authorization: `Bearer ${token}` };
    const app = await sandbox.call<{ id: number }>('POST', '/apps', { organization_name: name }, bearer);
    const key = await sandbox.call<{ message: string }>('POST', `/apps/${app.id}/apikeys`, { name: 'Writeback Gateway' }, bearer);
    return { ref: String(app.id), connection: { sinao: { appId: String(app.id), apiKey: key.message } } };
  },
  /** A new lender cash account, the real bank account, the bank-charges account, the lender organisation, the internal-transfer account (class 58). */
  async mapping(calls, name) {
    const lender = await calls.created(MAPPING_MUTATIONS.LENDER_ACCOUNT, 'createLenderBankAccount', 'bankAccount', { name: 'Acme Invoice Finance', currency: 'EUR' });
    const supplier = await calls.created(MAPPING_MUTATIONS.SUPPLIER, 'ensureLenderSupplier', 'supplier');
    const designated = (await calls.bankAccounts()).find((b) => b.id !== lender && b.status !== 'ARCHIVED');
    const accounts = await calls.accounts();
    const expense = accounts.find((a) => a.nominalCode === '627000');
    const transfer = accounts.find((a) => a.nominalCode?.startsWith('58'));
    if (!designated || !expense || !transfer) throw new Error(`${name} lacks a bank account, the bank-charges account or an internal-transfer account`);
    return { lenderBankAccountId: lender, designatedBankAccountId: designated.id, expenseAccountId: expense.id, lenderSupplierId: supplier, internalTransferAccountId: transfer.id };
  },
  /** Transactions by the marker in their `details`; each must be reconciled once, for its whole amount. */
  async readBooks(sandbox, borrowers) {
    const marks: Marks = new Map();
    const incomplete = new Map<string, string>();
    for (const b of borrowers) {
      const books = await sandbox.call<{ cashflowSources: { transactions: SinaoTx[] }[] }>('GET', `/_sandbox/apps/${b.ref}/books`);
      for (const tx of books.cashflowSources.flatMap((s) => s.transactions)) {
        const marker = SINAO_MARKER.exec(tx.details ?? '')?.[1]?.toLowerCase();
        if (!marker) continue;
        marks.set(marker, [...(marks.get(marker) ?? []), String(tx.id)]);
        const reconciled = tx.reconciliations.reduce((sum, r) => sum + r.amount, 0);
        if (tx.reconciliations.length !== 1 || reconciled !== Math.abs(tx.amount)) {
          incomplete.set(marker, `transaction ${tx.id} of ${tx.amount}: ${tx.reconciliations.length} reconciliations for ${reconciled}`);
        }
      }
    }
    return { marks, incomplete };
  },
};

export const SOAK_PROVIDERS: Record<SoakProvider['name'], SoakProvider> = { codat, sinao, xero: xeroSoak };
