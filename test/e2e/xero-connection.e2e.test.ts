import { CompanyEntity } from '../../src/modules/companies/company.entity';
import type { XeroProviderSandbox } from '../../src/providers/xero/xero.sandbox';
import { completeXeroConsent } from '../../src/sandbox/xero/consent-script';
import { ok, useTestGateway, type TestGateway } from '../helpers/test-gateway';

const REGISTER = `mutation ($input: RegisterCompanyInput!) { registerCompany(input: $input) { id connection { provider status tenantName } } }`;
const START = `mutation ($companyId: ID!) { startXeroConnection(companyId: $companyId) { authorisationUrl expiresAt } }`;
const COMPANY = `query ($id: ID!) { company(id: $id) { id connection { provider status tenantName lastError } } }`;
const DISCONNECT = `mutation ($companyId: ID!) { disconnectCompany(companyId: $companyId) { connection { status tenantName } } }`;

type Connection = { provider: string; status: string; tenantName: string | null; lastError?: string | null };
const BAKERY = 'Brick Lane Bakery Ltd';
const BOULANGERIE = 'Boulangerie Martin SARL';

const sealedOf = (t: TestGateway, id: string) => t.gw.services.db.getRepository(CompanyEntity).findOneByOrFail({ id });

let seq = 0;
async function register(t: TestGateway, tenantId?: string): Promise<string> {
  const input = { name: `Xero Borrower ${++seq} Ltd`, externalRef: `xero-${seq}-${Date.now()}`, connection: { xero: tenantId ? { tenantId } : {} } };
  const { registerCompany } = ok(await t.gql<{ registerCompany: { id: string; connection: Connection } }, unknown>(REGISTER, { input }));
  expect(registerCompany.connection).toEqual({ provider: 'XERO', status: 'PENDING_AUTHORISATION', tenantName: null });
  return registerCompany.id;
}

async function connection(t: TestGateway, id: string): Promise<Connection> {
  return ok(await t.gql<{ company: { connection: Connection } }, unknown>(COMPANY, { id })).company.connection;
}

async function start(t: TestGateway, companyId: string): Promise<string> {
  return ok(await t.gql<{ startXeroConnection: { authorisationUrl: string } }, unknown>(START, { companyId })).startXeroConnection.authorisationUrl;
}

/** The borrower consents at the sandbox (ticking the organisations named) and their browser follows the redirect to the gateway. */
async function consent(url: string, names: string[]): Promise<{ status: number; html: string; callback: URL }> {
  const callback = await completeXeroConsent(url, { choose: (orgs) => orgs.filter((o) => names.includes(o.tenantName)).map((o) => o.tenantId) });
  const res = await fetch(callback, { redirect: 'manual' });
  return { status: res.status, html: await res.text(), callback };
}

describe('connecting a Xero borrower through the HTTP server', () => {
  const t = useTestGateway({ skipDemo: true });
  const store = () => (t.gw.sandboxes.get('XERO') as XeroProviderSandbox).store;

  it('registers the borrower pending authorisation, then connects the one organisation they grant, with PKCE and a single-use state', async () => {
    const id = await register(t);
    const url = new URL(await start(t, id));
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('state')!.length).toBeGreaterThanOrEqual(32);
    expect(url.searchParams.get('scope')!.split(' ')).toEqual(expect.arrayContaining(['offline_access', 'accounting.transactions', 'accounting.contacts', 'accounting.settings']));

    const done = await consent(url.toString(), [BAKERY]);
    expect(done.status).toBe(200);
    expect(done.html).toContain(BAKERY);
    expect(await connection(t, id)).toMatchObject({ provider: 'XERO', status: 'CONNECTED', tenantName: BAKERY });

    // The tokens are sealed at rest: the stored secrets carry no token the sandbox issued.
    const { credentialsSealed } = await sealedOf(t, id);
    expect(credentialsSealed).toBeTruthy();
    expect([...store().accessTokens.keys()].some((token) => credentialsSealed!.includes(token))).toBe(false);

    // The same callback again (a replayed or leaked link) is refused: the state was used.
    const again = await fetch(done.callback, { redirect: 'manual' });
    expect(again.status).toBe(400);
    expect(await connection(t, id)).toMatchObject({ status: 'CONNECTED', tenantName: BAKERY });
  });

  it('lets a borrower who granted two organisations pick the one the company keeps its books in', async () => {
    const id = await register(t);
    const picker = await consent(await start(t, id), [BAKERY, BOULANGERIE]);
    expect(picker.status).toBe(200);
    expect(await connection(t, id)).toMatchObject({ status: 'PENDING_AUTHORISATION' });
    const action = /<form method="post" action="([^"]+)"/.exec(picker.html)![1];
    const choice = /name="choice" value="([^"]+)"/.exec(picker.html)![1];
    const options = [...picker.html.matchAll(/name="tenantId" value="([^"]+)"[^>]*> ([^<]+)</g)].map(([, tenantId, name]) => ({ tenantId, name: name.trim() }));
    expect(options.map((o) => o.name).sort()).toEqual([BAKERY, BOULANGERIE].sort());
    const chosen = options.find((o) => o.name === BOULANGERIE)!;

    const post = (tenantId: string) => fetch(new URL(action, picker.callback), { method: 'POST', body: new URLSearchParams({ choice, tenantId }), redirect: 'manual' });
    const res = await post(chosen.tenantId);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(BOULANGERIE);
    expect(await connection(t, id)).toMatchObject({ status: 'CONNECTED', tenantName: BOULANGERIE });
    // The choice is single-use too.
    expect((await post(chosen.tenantId)).status).toBe(400);

    // That organisation now belongs to this company: another registration of it is refused.
    const other = await t.gql(REGISTER, { input: { name: 'Copycat Ltd', externalRef: `copy-${Date.now()}`, connection: { xero: { tenantId: chosen.tenantId } } } });
    expect(other.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('answers a cancelled consent with a page and leaves the company pending', async () => {
    const id = await register(t);
    const callback = await completeXeroConsent(await start(t, id), { decision: 'deny' });
    const res = await fetch(callback, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('cancelled');
    expect(await connection(t, id)).toMatchObject({ status: 'PENDING_AUTHORISATION' });
  });

  it('disconnects: revokes the tokens and removes the connection at Xero, keeps the company; reconnecting brings the same organisation back', async () => {
    const [cycles, fish] = ['Canal Street Cycles Ltd', 'Quayside Fish Co Ltd'].map((name) => store().addOrganisation({ name }).tenantName);
    const id = await register(t);
    expect((await consent(await start(t, id), [cycles])).status).toBe(200);
    const live = () => store().allConnections().filter((c) => c.tenantName === cycles && c.active);
    expect(live()).toHaveLength(1);
    const families = () => [...store().families.values()];
    const revokedBefore = families().filter((f) => f.revoked).length;

    const { disconnectCompany } = ok(await t.gql<{ disconnectCompany: { connection: Connection } }, unknown>(DISCONNECT, { companyId: id }));
    expect(disconnectCompany.connection).toEqual({ status: 'DISCONNECTED', tenantName: cycles });
    expect(live()).toHaveLength(0);
    expect(families().filter((f) => f.revoked).length).toBe(revokedBefore + 1);
    expect((await sealedOf(t, id)).credentialsSealed).toBeNull();

    // Only the organisation the company was connected with is accepted back.
    const wrong = await consent(await start(t, id), [fish]);
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain('another Xero organisation');
    expect(await connection(t, id)).toMatchObject({ status: 'DISCONNECTED' });
    const back = await consent(await start(t, id), [cycles]);
    expect(back.status).toBe(200);
    expect(await connection(t, id)).toMatchObject({ status: 'CONNECTED', tenantName: cycles });
  });

  it('refuses to connect an organisation another company already holds', async () => {
    const first = await register(t);
    const name = store().addOrganisation({ name: 'Harbour Lights Ltd' }).tenantName;
    expect((await consent(await start(t, first), [name])).status).toBe(200);
    const second = await register(t);
    const refused = await consent(await start(t, second), [name]);
    expect(refused.status).toBe(409);
    expect(refused.html).toContain('already connected');
    expect(await connection(t, second)).toMatchObject({ status: 'PENDING_AUTHORISATION' });
  });

  it('lets only the company and admins start a connection', async () => {
    const id = await register(t);
    const res = await t.gql(START, { companyId: id }, null);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
