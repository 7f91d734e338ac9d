import { CompaniesDocument, RegisterCompanyDocument, WritebackOperationsDocument } from '../generated/graphql';
import { BORROWER_FIXTURES } from '../helpers/borrowers';
import { newBorrower } from '../helpers/fixtures';
import { errorCode, ok, useTestGateway } from '../helpers/test-gateway';

describe.each(BORROWER_FIXTURES)('input rules, for a $provider borrower', (fixture) => {
  const t = useTestGateway({ skipDemo: true });

  const companyCount = async () => ok(await t.gql(CompaniesDocument, { first: 500, after: null })).companies.totalCount;

  it('refuses a second registration of the same provider company and connection, naming the first', async () => {
    const first = await newBorrower(t, 'Twice Registered Ltd', fixture);
    const before = await companyCount();
    const res = await t.gql(RegisterCompanyDocument, { input: { name: 'Twice Registered Ltd', externalRef: 'another-ref', ...(first.created.sameBooks ?? first.created.registration) } });
    expect(errorCode(res)).toBe('CONFLICT');
    expect(res.errors![0].extensions).toMatchObject({ field: fixture.connectionKeyField, companyId: first.id });
    expect(res.errors![0].message).toContain(first.id);
    expect(await companyCount()).toBe(before);
  });

  it.each([
    ['spaces', '   '],
    ['a NUL', 'Bakery\u0000Ltd'],
    ['a line feed', 'Bakery\nLtd'],
  ])('refuses a company name of %s, naming the field, and stores nothing', async (_label, name) => {
    const created = await fixture.create(t, 'Blank Name Ltd');
    const before = await companyCount();
    const res = await t.gql(RegisterCompanyDocument, { input: { name, externalRef: `blank-${created.ref}`, ...created.registration } });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions!.field).toBe('name');
    expect(await companyCount()).toBe(before);
  });

  it('stores a company name trimmed', async () => {
    const created = await fixture.create(t, 'Padded Name Ltd');
    const res = await t.gql(RegisterCompanyDocument, { input: { name: '  Padded Name Ltd  ', externalRef: `padded-${created.ref}`, ...created.registration } });
    expect(ok(res).registerCompany.name).toBe('Padded Name Ltd');
  });

  it.each([
    ['not base64', 'not a cursor!'],
    ['a cursor of another list', Buffer.from('hello').toString('base64url')],
    ['a cursor of the books lists', Buffer.from('o:3').toString('base64url')],
  ])('refuses %s as writebackOperations(after:) like every other list', async (_label, after) => {
    const b = await newBorrower(t, 'Cursor Borrower Ltd', fixture);
    const res = await t.gql(WritebackOperationsDocument, { companyId: b.id, status: null, first: 10, after });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions!.field).toBe('after');
  });

  it('names the field of a variable that does not coerce', async () => {
    const res = await t.gql(WritebackOperationsDocument, { companyId: 'x', status: null, first: 'ten' as unknown as number, after: null });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions!.field).toBe('first');
  });
});
