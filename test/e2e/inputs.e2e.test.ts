import { CompaniesDocument, RegisterCompanyDocument, WritebackOperationsDocument } from '../generated/graphql';
import { newBorrower } from '../helpers/fixtures';
import { errorCode, ok, useTestGateway } from '../helpers/test-gateway';

describe('input rules', () => {
  const t = useTestGateway({ skipDemo: true });

  const companyCount = async () => ok(await t.gql(CompaniesDocument, { first: 500, after: null })).companies.totalCount;

  it('refuses a second registration of the same provider company and connection, naming the first', async () => {
    const first = await newBorrower(t, 'Twice Registered Ltd');
    const before = await companyCount();
    const res = await t.gql(RegisterCompanyDocument, {
      input: { name: 'Twice Registered Ltd', externalRef: 'another-ref', connection: { codat: { companyId: first.codatCompanyId, connectionId: first.codatConnectionId, apiKey: null } } },
    });
    expect(errorCode(res)).toBe('CONFLICT');
    expect(res.errors![0].extensions).toMatchObject({ field: 'connection.codat.connectionId', companyId: first.id });
    expect(res.errors![0].message).toContain(first.id);
    expect(await companyCount()).toBe(before);
  });

  it.each([
    ['spaces', '   '],
    ['a NUL', 'Bakery\u0000Ltd'],
    ['a line feed', 'Bakery\nLtd'],
  ])('refuses a company name of %s, naming the field, and stores nothing', async (_label, name) => {
    const store = t.sandbox.store;
    const company = store.createCompany('Blank Name Ltd');
    const connection = store.addAccountingConnection(company.id, {});
    const before = await companyCount();
    const res = await t.gql(RegisterCompanyDocument, {
      input: { name, externalRef: `blank-${company.id}`, connection: { codat: { companyId: company.id, connectionId: connection.id, apiKey: null } } },
    });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions!.field).toBe('name');
    expect(await companyCount()).toBe(before);
  });

  it('stores a company name trimmed', async () => {
    const store = t.sandbox.store;
    const company = store.createCompany('Padded Name Ltd');
    const connection = store.addAccountingConnection(company.id, {});
    const res = await t.gql(RegisterCompanyDocument, {
      input: { name: '  Padded Name Ltd  ', externalRef: `padded-${company.id}`, connection: { codat: { companyId: company.id, connectionId: connection.id, apiKey: null } } },
    });
    expect(ok(res).registerCompany.name).toBe('Padded Name Ltd');
  });

  it.each([
    ['not base64', 'not a cursor!'],
    ['a cursor of another list', Buffer.from('hello').toString('base64url')],
    ['a cursor of the books lists', Buffer.from('o:3').toString('base64url')],
  ])('refuses %s as writebackOperations(after:) like every other list', async (_label, after) => {
    const b = await newBorrower(t, 'Cursor Borrower Ltd');
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
