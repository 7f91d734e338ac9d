import {
  ConfigureMappingDocument,
  IssueCompanyTokenDocument,
  RegisterCompanyDocument,
  SetWritebackEnabledDocument,
  WritebackOperationsDocument,
} from '../generated/graphql';
import { borrowers, sinaoBorrowers, type BorrowerFixture, type SandboxBorrower } from './borrowers';
import { ok, type TestGateway } from './test-gateway';

export { codatPush } from './borrowers/codat.borrower';
export { sinaoSandboxOf } from './borrowers/sinao.borrower';

/**
 * A borrower created in the provider's sandbox the way a real one is, registered with the gateway,
 * connected where the borrower authorises after registering, with a company token. `fixture` picks the provider (default: the one the provider-specific tests use).
 */
type CodatIds = { codatCompanyId: string; codatConnectionId: string };
export function newBorrower<Ids extends object>(t: TestGateway, name: string, fixture: BorrowerFixture<Ids>): Promise<Registered<Ids>>;
export function newBorrower(t: TestGateway, name?: string): Promise<Registered<CodatIds>>;
export async function newBorrower(t: TestGateway, name = 'Brick Lane Bakery Ltd', fixture: BorrowerFixture<object> = borrowers) {
  const created = await fixture.create(t, name);
  const { registerCompany } = ok(await t.gql(RegisterCompanyDocument, { input: { name, externalRef: `borrower-${fixture.code.toLowerCase()}-${created.ref}`, ...created.registration } }));
  const connection = fixture.connect ? await fixture.connect(t, registerCompany.id, created) : registerCompany.connection;
  const { issueCompanyToken } = ok(await t.gql(IssueCompanyTokenDocument, { companyId: registerCompany.id, ttlSeconds: 3600 }));
  return { id: registerCompany.id, token: issueCompanyToken.token, ref: created.ref, created, tenantName: connection.tenantName, ...created.ids };
}

type Registered<Ids extends object> = { id: string; token: string; ref: string; created: SandboxBorrower<Ids>; tenantName: string | null } & Ids;
type Mapped<Ids extends object> = Registered<Ids> & { lenderId: string; designatedId: string; expenseId: string; supplierId: string; transferId: string | null };

/** Queues a fault in the provider's sandbox for the next matching requests or operations. */
export const injectFault = (t: TestGateway, fault: Record<string, unknown>) => borrowers.injectRawFault(t, fault);

export const clearFaults = (t: TestGateway) => borrowers.clearFaults(t);

/** The sandbox's view of a borrower's books, by the provider's id for them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const books = (t: TestGateway, ref: string): Promise<any> => borrowers.books(t, ref);

/** Polls until `check` returns a value, failing after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 15000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A borrower with a complete mapping, made as the fixture's provider makes it (Codat: a created
 * lender account, the current account, a new fee account, the lender supplier), write-back on
 * unless `enabled` is false.
 */
export function mappedBorrower<Ids extends object>(t: TestGateway, opts: { name?: string; enabled?: boolean; fixture: BorrowerFixture<Ids> }): Promise<Mapped<Ids>>;
export function mappedBorrower(t: TestGateway, opts?: { name?: string; enabled?: boolean }): Promise<Mapped<CodatIds>>;
export async function mappedBorrower(t: TestGateway, opts: { name?: string; enabled?: boolean; fixture?: BorrowerFixture<object> } = {}): Promise<Mapped<object>> {
  const fixture = opts.fixture ?? borrowers;
  const b = await newBorrower(t, opts.name ?? `Mapped Borrower ${Math.random().toString(36).slice(2, 8)} Ltd`, fixture);
  const m = await fixture.mapping(t, b.id);
  ok(await t.gql(ConfigureMappingDocument, { companyId: b.id, input: m }));
  if (opts.enabled !== false) ok(await t.gql(SetWritebackEnabledDocument, { companyId: b.id, enabled: true, releaseHeld: null }));
  return {
    ...b,
    lenderId: m.lenderBankAccountId,
    designatedId: m.designatedBankAccountId,
    expenseId: m.expenseAccountId,
    supplierId: m.lenderSupplierId,
    transferId: m.internalTransferAccountId ?? null,
  };
}

/** Waits until every write of the company is settled (none HELD, PENDING or IN_PROGRESS) and returns them. */
export async function settled(t: TestGateway, companyId: string, timeoutMs = 30000) {
  return eventually(async () => {
    const ops = ok(await t.gql(WritebackOperationsDocument, { companyId, status: null, first: 500, after: null })).writebackOperations.nodes;
    return ops.every((o) => o.status === 'SUCCEEDED' || o.status === 'FAILED') && ops;
  }, timeoutMs, 'all write-back operations to settle');
}

export const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** A borrower set up in the Sinao sandbox the way a real one is (an application and an API key of it), registered with the gateway. */
export async function newSinaoBorrower(t: TestGateway, name = 'Boulangerie Durand SARL') {
  return newBorrower(t, name, sinaoBorrowers);
}

/**
 * A Sinao borrower with a complete mapping: a new lender cash account, the real bank account, the
 * seeded bank-charges account, the lender organisation and the internal-transfer account (class 58).
 */
export async function mappedSinaoBorrower(t: TestGateway, opts: { name?: string; enabled?: boolean } = {}) {
  const b = await mappedBorrower(t, { name: opts.name ?? 'Boulangerie Durand SARL', enabled: opts.enabled, fixture: sinaoBorrowers });
  return { ...b, transferId: b.transferId! };
}

/** The Sinao sandbox's view of an application's books. */
export async function sinaoBooks(t: TestGateway, appId: number) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return sinaoBorrowers.books(t, String(appId)) as Promise<any>;
}

/** Queues a fault in the Sinao sandbox for the next matching requests. */
export const injectSinaoFault = (t: TestGateway, fault: Record<string, unknown>): Promise<void> => sinaoBorrowers.injectRawFault(t, fault);
