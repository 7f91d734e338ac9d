import type { ProviderCapabilities } from '../../../src/providers/provider';
import type { RegisterCompanyInput } from '../../generated/graphql';
import type { TestGateway } from '../test-gateway';

/** A borrower as a provider's sandbox holds it, before the gateway knows it. */
export interface SandboxBorrower<Ids extends object = object> {
  /** The provider's id for the borrower's books: what `books` and fault matching take. */
  ref: string;
  /** What `registerCompany` needs besides `name` and `externalRef`. */
  registration: Omit<RegisterCompanyInput, 'name' | 'externalRef'>;
  /** The secret the registration carries for this borrower alone, if any (the gateway must keep it sealed). */
  secret: string | null;
  /** The provider's own ids, handed to the tests that need them. */
  ids: Ids;
  /** A registration naming these same books once connected, where `registration` does not name them yet (default: `registration`). */
  sameBooks?: Omit<RegisterCompanyInput, 'name' | 'externalRef'>;
}

/**
 * Faults named by what happens to a write, whatever the provider: each fixture translates them
 * into its sandbox's own kinds. `faultKinds` lists those a provider's sandbox can produce.
 */
export type NeutralFault =
  /** A 429 with Retry-After. */
  | 'RATE_LIMIT'
  /** A 500 before anything is written. */
  | 'SERVER_ERROR'
  /** The write is done, then answered 500. */
  | 'SERVER_ERROR_AFTER_WRITE'
  /** The write is done, the answer never arrives. */
  | 'LOST_RESPONSE'
  /** The connection drops before the write. */
  | 'LOST_REQUEST'
  /** The answer comes late (`delayMs`). */
  | 'SLOW_RESPONSE'
  /** The provider refuses the write with a validation `message`. */
  | 'REJECTED'
  /** An asynchronous write stays pending until the faults are cleared. */
  | 'STAY_PENDING'
  /** An asynchronous write times out, its record written anyway, or not. */
  | 'TIMED_OUT_LANDED'
  | 'TIMED_OUT_NOT_LANDED';

/**
 * The writes a fault can be aimed at: a fee, its second step where writes take two, the last answer
 * that tells the gateway a write is done (an asynchronous write's status, a two-step write's second
 * step), creating an expense or a lender account.
 */
export type FaultTarget = 'fee' | 'second-step' | 'last-answer' | 'expense-account' | 'lender-account';

export interface NeutralFaultSpec {
  fault: NeutralFault;
  on: FaultTarget;
  count?: number;
  retryAfterSeconds?: number;
  delayMs?: number;
  message?: string;
}

/** A record the gateway wrote in a borrower's books, as the sandbox shows it. */
export interface BookEntry {
  id: string;
  /** The write-back operation ids the record carries as markers. */
  markers: string[];
  /** Its amount in minor units, unsigned. */
  amountMinor: number;
  /** Whether the whole write is there: for a two-step write, its second step once, for the whole amount. */
  whole: boolean;
}

/** The ids `configureMapping` takes for a complete mapping, as the fixture created or picked them. */
export type MappingIds = Record<'lenderBankAccountId' | 'designatedBankAccountId' | 'expenseAccountId' | 'lenderSupplierId', string> & { internalTransferAccountId?: string };

/**
 * Everything provider-specific the e2e tests do, so that the suite can run against each provider's
 * sandbox: create a borrower there, map it, read its books as the sandbox sees them, and inject
 * faults. Tests tell providers apart by `capabilities` and `faultKinds`, not by name.
 *
 * @example
 * describe.each(BORROWER_FIXTURES)('fees on $provider', (fixture) => {
 *   const t = useTestGateway({ skipDemo: true });
 *   it('books a fee once', async () => { const b = await mappedBorrower(t, { fixture }); ... });
 * });
 */
export interface BorrowerFixture<Ids extends object = object> {
  /** The provider's name, as people say it. */
  provider: string;
  /** The provider as `Company.connection.provider` names it. */
  code: string;
  capabilities: ProviderCapabilities;
  /** The currency of the borrower's books. */
  currency: string;
  /** A currency none of the mapped accounts is in. */
  otherCurrency: string;
  /** The input field that identifies the borrower at the provider (a second registration of it is a CONFLICT on it). */
  connectionKeyField: string;
  /** What the seeded books of a new borrower hold besides the usual accounts, suppliers and invoices. */
  seeded: { archivedAccounts: boolean; archivedSuppliers: boolean; bankAccountInOtherCurrency: boolean };
  /** A valid, unused code for a new expense account in the provider's chart (`n` from 0 to 9). */
  expenseCode(n: number): string;
  /** The faults its sandbox can produce. */
  faultKinds: readonly NeutralFault[];
  /** The writes its faults can be aimed at (`second-step` where one write takes two requests). */
  faultTargets: readonly FaultTarget[];
  /** Creates a borrower with seeded books in the sandbox, as a real one would be (`ownKey`: with a secret of its own). */
  create(t: TestGateway, name: string, opts?: { ownKey?: boolean }): Promise<SandboxBorrower<Ids>>;
  /**
   * For providers the borrower authorises after registration (OAuth): connects the registered
   * company to these books as the borrower would, and answers its connection.
   */
  connect?(t: TestGateway, companyId: string, b: SandboxBorrower<Ids>): Promise<{ status: string; tenantName: string | null }>;
  /** Creates or picks, through the gateway, what a complete mapping of a registered borrower needs. */
  mapping(t: TestGateway, companyId: string): Promise<MappingIds>;
  /** The sandbox's view of a borrower's books. */
  books(t: TestGateway, ref: string): Promise<unknown>;
  /** The records carrying a marker in the borrower's books (statement lines apart). */
  entries(t: TestGateway, ref: string): Promise<BookEntry[]>;
  /** Adds an expense account to the books as another application would; answers its id. */
  addExpenseAccount(t: TestGateway, b: SandboxBorrower<Ids>, input: { name: string; code: string }): Promise<string>;
  /** Queues a fault for the next requests of this borrower that make the targeted write. */
  injectFault(t: TestGateway, ref: string, spec: NeutralFaultSpec): Promise<void>;
  /** Queues a fault in the sandbox's own terms. */
  injectRawFault(t: TestGateway, fault: Record<string, unknown>): Promise<void>;
  clearFaults(t: TestGateway): Promise<void>;
  /** The requests the sandbox served that made the targeted write, with their statuses. */
  requestsFor(t: TestGateway, on: FaultTarget): Promise<{ method: string; path: string; status: number }[]>;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** The operation ids a text read back from the books carries. */
export function markersIn(...texts: unknown[]): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    if (typeof text !== 'string') continue;
    for (const m of text.matchAll(new RegExp(UUID, 'gi'))) found.add(m[0].toLowerCase());
  }
  return [...found];
}

/** A request of the sandbox's own API, as its fault matching and request log see it. */
export type SandboxWrite = { method: string; pathIncludes: string };

/** What sets one provider's sandbox faults apart from another's. */
export interface SandboxFaultTable {
  /** The provider's name, as the refusal of a fault it cannot produce says it. */
  provider: string;
  /** Where the sandbox is mounted (its controls are under `${base}/_sandbox`). */
  base: string;
  /** Each neutral fault as the sandbox's own fault spec. */
  kinds: Partial<Record<NeutralFault, Record<string, unknown>>>;
  /** The request that makes each targeted write. */
  writes: Partial<Record<FaultTarget, SandboxWrite>>;
}

/**
 * A fixture's fault injection and request log, from its sandbox's tables: every emulator serves the
 * same `/_sandbox/faults` and `/_sandbox/requests` controls.
 *
 * @example
 * export const fooBorrowers: BorrowerFixture = {
 *   ...,
 *   ...sandboxFaults({ provider: 'Foo', base: '/sandbox/foo', kinds: { RATE_LIMIT: { fault: 'RATE_LIMIT' } }, writes: { fee: { method: 'POST', pathIncludes: '/fees' } } }),
 * };
 */
export function sandboxFaults(table: SandboxFaultTable): Pick<BorrowerFixture, 'faultKinds' | 'faultTargets' | 'injectFault' | 'injectRawFault' | 'clearFaults' | 'requestsFor'> {
  const { provider, base, kinds, writes } = table;
  const write = (on: FaultTarget): SandboxWrite => {
    const found = writes[on];
    if (!found) throw new Error(`The ${provider} sandbox has no ${on} write`);
    return found;
  };
  return {
    faultKinds: Object.keys(kinds) as NeutralFault[],
    faultTargets: Object.keys(writes) as FaultTarget[],
    async injectFault(t, ref, spec) {
      const { fault, on, ...rest } = spec;
      const kind = kinds[fault];
      if (!kind) throw new Error(`The ${provider} sandbox cannot produce ${fault}`);
      await postFault(t, base, { ...kind, ...rest, match: { ...write(on), companyId: ref } });
    },
    injectRawFault: (t, fault) => postFault(t, base, fault),
    async clearFaults(t) {
      const res = await t.http.delete(`${base}/_sandbox/faults`);
      if (res.status >= 300) throw new Error(`clearing faults failed: ${res.status}`);
    },
    requestsFor: (t, on) => sandboxRequests(t, base, write(on)),
  };
}

/** The sandbox's request log (a route every emulator's admin routes serve), filtered. */
async function sandboxRequests(t: TestGateway, base: string, match: SandboxWrite) {
  const res = await t.http.get(`${base}/_sandbox/requests`);
  if (res.status !== 200) throw new Error(`requests: ${res.status}`);
  return (res.body as { method: string; path: string; status: number }[]).filter((r) => r.method === match.method && r.path.includes(match.pathIncludes));
}

async function postFault(t: TestGateway, base: string, fault: Record<string, unknown>): Promise<void> {
  const res = await t.http.post(`${base}/_sandbox/faults`).send(fault);
  if (res.status >= 300) throw new Error(`fault injection failed: ${res.status} ${JSON.stringify(res.body)}`);
}
