import jwt from 'jsonwebtoken';
import { createHash } from 'node:crypto';
import { BORROWER_FIXTURES } from '../helpers/borrowers';
import { newBorrower } from '../helpers/fixtures';
import { errorCode, ok, SECRET_KEY, useTestGateway } from '../helpers/test-gateway';

const COMPANY_QUERY = 'query($id: ID!) { company(id: $id) { id name } }';

describe.each(BORROWER_FIXTURES)('authentication and company scope, through the HTTP server, for a $provider borrower', (fixture) => {
  const t = useTestGateway({ skipDemo: true });
  let companyId: string;
  let otherId: string;

  beforeAll(async () => {
    companyId = (await newBorrower(t, 'Scoped Borrower', fixture)).id;
    otherId = (await newBorrower(t, 'Another Borrower', fixture)).id;
  });

  it('refuses a request without Authorization as UNAUTHENTICATED', async () => {
    const res = await t.gql(COMPANY_QUERY, { id: companyId }, null);
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
    expect(res.errors![0].message).toMatch(/Authorization/);
    expect(res.data).toBeNull();
  });

  it('refuses a malformed Authorization header', async () => {
    const res = await t.http.post('/graphql').set('authorization', 'Token abc').send({ query: COMPANY_QUERY, variables: { id: companyId } });
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(res.body.errors[0].message).toMatch(/Malformed/);
  });

  it('refuses an unknown API key and a forged token', async () => {
    expect(errorCode(await t.gql(COMPANY_QUERY, { id: companyId }, 'not-a-real-key-000000000000'))).toBe('UNAUTHENTICATED');
    const forged = jwt.sign({ scope: 'company' }, 'some-other-secret', { subject: companyId, audience: 'writeback-gateway', expiresIn: 600 });
    expect(errorCode(await t.gql(COMPANY_QUERY, { id: companyId }, forged))).toBe('UNAUTHENTICATED');
  });

  it('refuses an expired company token and says so', async () => {
    const signingKey = createHash('sha256').update(`company-token:${SECRET_KEY}`).digest();
    const expired = jwt.sign({ scope: 'company', exp: Math.floor(Date.now() / 1000) - 10 }, signingKey, { subject: companyId, audience: 'writeback-gateway' });
    const res = await t.gql(COMPANY_QUERY, { id: companyId }, expired);
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
    expect(res.errors![0].message).toMatch(/expired/);
  });

  it('lets a company token read its own company but not another (FORBIDDEN)', async () => {
    const { issueCompanyToken } = ok(await t.gql<{ issueCompanyToken: { token: string; expiresAt: string } }, unknown>(
      'mutation($id: ID!) { issueCompanyToken(companyId: $id, ttlSeconds: 600) { token expiresAt } }',
      { id: companyId },
    ));
    expect(new Date(issueCompanyToken.expiresAt).getTime()).toBeGreaterThan(Date.now() + 500_000);
    const own = await t.gql<{ company: { id: string } }, unknown>(COMPANY_QUERY, { id: companyId }, issueCompanyToken.token);
    expect(ok(own).company.id).toBe(companyId);

    for (const id of [otherId, '00000000-0000-4000-8000-000000000000']) {
      const other = await t.gql(COMPANY_QUERY, { id }, issueCompanyToken.token);
      expect(errorCode(other)).toBe('FORBIDDEN');
      const reads = await t.gql('query($id: ID!) { bankAccounts(companyId: $id) { totalCount } }', { id }, issueCompanyToken.token);
      expect(errorCode(reads)).toBe('FORBIDDEN');
    }
    const ownReads = await t.gql<{ bankAccounts: { totalCount: number } }, unknown>('query($id: ID!) { bankAccounts(companyId: $id) { totalCount } }', { id: companyId }, issueCompanyToken.token);
    expect(ok(ownReads).bankAccounts.totalCount).toBeGreaterThan(0);
  });

  it('keeps admin-only operations from company tokens', async () => {
    const { issueCompanyToken } = ok(await t.gql<{ issueCompanyToken: { token: string } }, unknown>(
      'mutation($id: ID!) { issueCompanyToken(companyId: $id) { token } }',
      { id: companyId },
    ));
    const res = await t.gql('mutation($id: ID!) { issueCompanyToken(companyId: $id) { token } }', { id: companyId }, issueCompanyToken.token);
    expect(errorCode(res)).toBe('FORBIDDEN');
  });

  it('rejects a token lifetime out of range as BAD_USER_INPUT', async () => {
    const res = await t.gql('mutation($id: ID!) { issueCompanyToken(companyId: $id, ttlSeconds: 5) { token } }', { id: companyId });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
  });

  it('answers an unknown company with NOT_FOUND for an admin', async () => {
    const res = await t.gql(COMPANY_QUERY, { id: '00000000-0000-4000-8000-000000000000' });
    expect(errorCode(res)).toBe('NOT_FOUND');
  });
});
