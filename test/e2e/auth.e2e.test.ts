import jwt from 'jsonwebtoken';
import { createHash } from 'node:crypto';
import { errorCode, ok, SECRET_KEY, useTestGateway } from '../helpers/test-gateway';

const COMPANY_QUERY = 'query($id: ID!) { company(id: $id) { id name } }';

describe('authentication and company scope, through the HTTP server', () => {
  const t = useTestGateway();
  let demoId: string;

  beforeAll(async () => {
    demoId = t.gw.demoCompanyId!;
  });

  it('refuses a request without Authorization as UNAUTHENTICATED', async () => {
    const res = await t.gql(COMPANY_QUERY, { id: demoId }, null);
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
    expect(res.errors![0].message).toMatch(/Authorization/);
    expect(res.data).toBeNull();
  });

  it('refuses a malformed Authorization header', async () => {
    const res = await t.http.post('/graphql').set('authorization', 'Token abc').send({ query: COMPANY_QUERY, variables: { id: demoId } });
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(res.body.errors[0].message).toMatch(/Malformed/);
  });

  it('refuses an unknown API key and a forged token', async () => {
    expect(errorCode(await t.gql(COMPANY_QUERY, { id: demoId }, 'not-a-real-key-000000000000'))).toBe('UNAUTHENTICATED');
    const forged = jwt.sign({ scope: 'company' }, 'some-other-secret', { subject: demoId, audience: 'writeback-gateway', expiresIn: 600 });
    expect(errorCode(await t.gql(COMPANY_QUERY, { id: demoId }, forged))).toBe('UNAUTHENTICATED');
  });

  it('refuses an expired company token and says so', async () => {
    const signingKey = createHash('sha256').update(`company-token:${SECRET_KEY}`).digest();
    const expired = jwt.sign({ scope: 'company', exp: Math.floor(Date.now() / 1000) - 10 }, signingKey, { subject: demoId, audience: 'writeback-gateway' });
    const res = await t.gql(COMPANY_QUERY, { id: demoId }, expired);
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
    expect(res.errors![0].message).toMatch(/expired/);
  });

  it('lets a company token read its own company but not another (FORBIDDEN)', async () => {
    const { issueCompanyToken } = ok(await t.gql<{ issueCompanyToken: { token: string; expiresAt: string } }, unknown>(
      'mutation($id: ID!) { issueCompanyToken(companyId: $id, ttlSeconds: 600) { token expiresAt } }',
      { id: demoId },
    ));
    expect(new Date(issueCompanyToken.expiresAt).getTime()).toBeGreaterThan(Date.now() + 500_000);
    const own = await t.gql<{ company: { id: string } }, unknown>(COMPANY_QUERY, { id: demoId }, issueCompanyToken.token);
    expect(ok(own).company.id).toBe(demoId);

    const other = await t.gql(COMPANY_QUERY, { id: '00000000-0000-4000-8000-000000000000' }, issueCompanyToken.token);
    expect(errorCode(other)).toBe('FORBIDDEN');
    const reads = await t.gql('query($id: ID!) { bankAccounts(companyId: $id) { totalCount } }', { id: '00000000-0000-4000-8000-000000000000' }, issueCompanyToken.token);
    expect(errorCode(reads)).toBe('FORBIDDEN');
  });

  it('keeps admin-only operations from company tokens', async () => {
    const { issueCompanyToken } = ok(await t.gql<{ issueCompanyToken: { token: string } }, unknown>(
      'mutation($id: ID!) { issueCompanyToken(companyId: $id) { token } }',
      { id: demoId },
    ));
    const res = await t.gql('mutation($id: ID!) { issueCompanyToken(companyId: $id) { token } }', { id: demoId }, issueCompanyToken.token);
    expect(errorCode(res)).toBe('FORBIDDEN');
  });

  it('rejects a token lifetime out of range as BAD_USER_INPUT', async () => {
    const res = await t.gql('mutation($id: ID!) { issueCompanyToken(companyId: $id, ttlSeconds: 5) { token } }', { id: demoId });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
  });

  it('answers an unknown company with NOT_FOUND for an admin', async () => {
    const res = await t.gql(COMPANY_QUERY, { id: '00000000-0000-4000-8000-000000000000' });
    expect(errorCode(res)).toBe('NOT_FOUND');
  });
});
