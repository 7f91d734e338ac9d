import { CompanyEntity } from '../../src/modules/companies/company.entity';
import { CompaniesDocument, RegisterCompanyDocument } from '../generated/graphql';
import { BORROWER_FIXTURES } from '../helpers/borrowers';
import { errorCode, ok, useTestGateway } from '../helpers/test-gateway';

describe.each(BORROWER_FIXTURES)('registering companies, through the HTTP server and the $provider sandbox', (fixture) => {
  const t = useTestGateway({ skipDemo: true });

  const count = () => t.gw.services.db.getRepository(CompanyEntity).count();
  const register = async (name: string, externalRef: string, opts: { ownKey?: boolean } = {}) => {
    const created = await fixture.create(t, name, opts);
    return { created, res: await t.gql(RegisterCompanyDocument, { input: { name, externalRef, ...created.registration } }) };
  };

  it("registers a company whose books the provider opens, naming the books' tenant", async () => {
    const { created, res } = await register('Brick Lane Bakery Ltd', 'borrower-1');
    const { registerCompany } = ok(res);
    // A borrower who authorises the gateway (OAuth) is pending until they grant their books.
    const connected = { provider: fixture.code, status: 'CONNECTED', tenantName: 'Brick Lane Bakery Ltd', lastError: null };
    expect(registerCompany).toMatchObject({
      externalRef: 'borrower-1',
      connection: fixture.connect ? { provider: fixture.code, status: 'PENDING_AUTHORISATION', tenantName: null } : connected,
      writebackEnabled: false,
    });
    if (fixture.connect) expect(await fixture.connect(t, registerCompany.id, created)).toMatchObject(connected);
    const { company } = ok(await t.gql<{ company: { connection: { checkedAt: string | null } } }, unknown>('query ($id: ID!) { company(id: $id) { connection { checkedAt } } }', { id: registerCompany.id }));
    expect(Date.now() - Date.parse(company.connection.checkedAt!)).toBeLessThan(60_000);
    const page = ok(await t.gql(CompaniesDocument, { first: 10, after: null }));
    expect(page.companies.nodes.map((c) => c.externalRef)).toContain('borrower-1');
  });

  it("takes exactly one provider's connection: none is refused, naming the field, and stores nothing", async () => {
    const before = await count();
    const res = await t.gql(RegisterCompanyDocument, { input: { name: 'Nowhere Ltd', externalRef: 'no-provider', connection: {} } });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions?.field).toBe('connection');
    expect(res.errors![0].message).toMatch(/exactly one provider/);
    expect(await count()).toBe(before);
  });

  it('answers a duplicate externalRef with CONFLICT and keeps the first', async () => {
    const first = ok((await register('First Ltd', 'dup-ref')).res);
    const before = await count();
    const { res } = await register('Second Ltd', 'dup-ref');
    expect(errorCode(res)).toBe('CONFLICT');
    expect(res.errors![0].message).toMatch(/dup-ref/);
    expect(await count()).toBe(before);
    const stored = await t.gw.services.db.getRepository(CompanyEntity).findOneByOrFail({ externalRef: 'dup-ref' });
    expect(stored.id).toBe(first.registerCompany.id);
  });

  it("keeps a per-company API key or the borrower's tokens encrypted at rest and out of the schema", async () => {
    const { created, res } = await register('Keyed Ltd', 'with-key', { ownKey: true });
    const { registerCompany } = ok(res);
    if (fixture.connect) await fixture.connect(t, registerCompany.id, created);
    const stored = async () => {
      const entity = await t.gw.services.db.getRepository(CompanyEntity).findOneByOrFail({ id: registerCompany.id });
      return (await t.gw.services.connections.of(entity).conn.credentials.get()) as Record<string, unknown>;
    };
    // With OAuth the secret is the refresh token the borrower's consent gave the gateway.
    const secret = fixture.connect ? String((await stored()).refreshToken) : created.secret!;
    expect(secret.length).toBeGreaterThan(8);
    const rows: { credentials_sealed: string }[] = await t.gw.services.db.query(
      `SELECT credentials_sealed FROM companies WHERE id = ${t.gw.services.db.options.type === 'postgres' ? '$1' : '?'}`,
      [registerCompany.id],
    );
    expect(rows[0].credentials_sealed).toMatch(/^v1:/);
    expect(rows[0].credentials_sealed).not.toContain(secret);
    expect(Buffer.from(rows[0].credentials_sealed.slice(3), 'base64').toString('latin1')).not.toContain(secret);
    if (!fixture.connect) expect(await stored()).toEqual({ apiKey: secret });

    const introspection = await t.gql<{ __type: { fields: { name: string }[] } }, unknown>('{ __type(name: "Company") { fields { name } } }');
    expect(ok(introspection).__type.fields.map((f) => f.name).join(',')).not.toMatch(/key|credential|secret/i);
  });

  it('pages companies with first/after', async () => {
    const all = ok(await t.gql(CompaniesDocument, { first: 500, after: null })).companies;
    expect(all.totalCount).toBeGreaterThanOrEqual(3);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Awaited<ReturnType<typeof t.gql<any, any>>> = await t.gql(CompaniesDocument, { first: 1, after });
      const companies = ok(page).companies;
      seen.push(...companies.nodes.map((c: { id: string }) => c.id));
      if (!companies.pageInfo.hasNextPage) break;
      after = companies.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.nodes.map((c) => c.id));
  });
});

describe('registering Codat companies: what the Codat connection must be', () => {
  const t = useTestGateway({ skipDemo: true });

  const count = () => t.gw.services.db.getRepository(CompanyEntity).count();

  function codatCompany(name: string, sourceType = 'Accounting') {
    const store = t.sandbox.store;
    const company = store.createCompany(name);
    const connection = sourceType === 'Accounting' ? store.addAccountingConnection(company.id, {}) : store.addConnection(company.id, { sourceType: sourceType as 'Banking', platformName: 'Basiq' });
    return { companyId: company.id as string, connectionId: connection.id as string };
  }

  const input = (ids: { companyId: string; connectionId: string }, externalRef: string) => ({
    name: 'Brick Lane Bakery Ltd',
    externalRef,
    connection: { codat: { companyId: ids.companyId, connectionId: ids.connectionId, apiKey: null } },
  });

  it.each([
    ['an unknown connection', () => ({ ...codatCompany('Unknown Conn Ltd'), connectionId: '11111111-2222-4333-8444-555555555555' }), /connection/i],
    ['an unknown company', () => ({ companyId: '11111111-2222-4333-8444-555555555555', connectionId: '11111111-2222-4333-8444-666666666666' }), /company/i],
    ['a banking (not accounting) connection', () => codatCompany('Bank Feed Only Ltd', 'Banking'), /accounting/i],
  ])('refuses %s with a clear error and stores nothing', async (_label, ids, reason) => {
    const before = await count();
    const res = await t.gql(RegisterCompanyDocument, { input: input(ids(), `bad-${Math.random()}`) });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(reason);
    expect(await count()).toBe(before);
  });

  it('refuses ids that are not Codat UUIDs before calling Codat', async () => {
    const before = await count();
    const res = await t.gql(RegisterCompanyDocument, { input: input({ companyId: 'abc', connectionId: 'def' }, 'not-uuids') });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions?.field).toBe('connection.codat.companyId');
    expect(await count()).toBe(before);
  });

});
