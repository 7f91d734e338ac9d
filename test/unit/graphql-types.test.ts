import { GraphQLEnumType, GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { Page } from '../../src/common/pagination';
import { BankAccount, BankAccountPage } from '../../src/modules/books/books.types';
import { createSchema } from '../../src/schema';
import { LEDGER_EVENT_KINDS } from '../../src/modules/ledger/ledger-event.entity';
import { OPERATION_KINDS, OPERATION_STATUSES } from '../../src/modules/writeback/writeback-operation.entity';
import { ACCOUNT_TYPES, INVOICE_STATUSES, RECORD_STATUSES } from '../../src/providers/accounting-provider';

describe('GraphQL types', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await createSchema();
  });

  // Every value the domain can hold is one a client can receive and send, and no other.
  it.each([
    ['WritebackKind', OPERATION_KINDS],
    ['WritebackStatus', OPERATION_STATUSES],
    ['LedgerEventKind', LEDGER_EVENT_KINDS],
    ['AccountType', ACCOUNT_TYPES],
    ['RecordStatus', RECORD_STATUSES],
    ['InvoiceStatus', INVOICE_STATUSES],
  ])('%s has exactly the values of the domain', (name, values) => {
    const type = schema.getType(name);
    expect(type).toBeInstanceOf(GraphQLEnumType);
    expect((type as GraphQLEnumType).getValues().map((v) => [v.name, v.value])).toEqual(values.map((v) => [v, v]));
  });

  it.each(['BankAccount', 'Account', 'Supplier', 'Invoice', 'Company', 'WritebackOperation'])('pages %s as %sConnection { nodes pageInfo totalCount }', (item) => {
    const page = schema.getType(`${item}Connection`) as GraphQLObjectType;
    const fields = Object.fromEntries(Object.values(page.getFields()).map((f) => [f.name, String(f.type)]));
    expect(fields).toEqual({ nodes: `[${item}!]!`, pageInfo: 'PageInfo!', totalCount: 'Int!' });
  });

  it('makes one page type per item type', () => {
    expect(Page(BankAccount)).toBe(BankAccountPage);
  });
});
