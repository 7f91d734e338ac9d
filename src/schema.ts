import { buildSchema, type NonEmptyArray } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { AuthResolver } from './modules/auth/auth.resolver';
import { BooksResolver } from './modules/books/books.resolver';
import { CompanyResolver } from './modules/companies/company.resolver';
import { LedgerResolver, OperationEventResolver } from './modules/ledger/ledger.resolver';
import { MappingResolver } from './modules/mapping/mapping.resolver';
import { WritebackResolver } from './modules/writeback/writeback.resolver';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const RESOLVERS: NonEmptyArray<Function> = [
  CompanyResolver,
  AuthResolver,
  BooksResolver,
  MappingResolver,
  WritebackResolver,
  LedgerResolver,
  OperationEventResolver,
];

/** Builds the GraphQL schema from the resolvers; `schema/schema.graphql` is this, printed. */
export function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: RESOLVERS, validate: { forbidUnknownValues: false, stopAtFirstError: true } });
}
