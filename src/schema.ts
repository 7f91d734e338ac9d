import { buildSchema, type NonEmptyArray } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { AuthResolver } from './modules/auth/auth.resolver';
import { BooksResolver } from './modules/books/books.resolver';
import { CompanyResolver } from './modules/companies/company.resolver';
import { LedgerResolver, OperationEventResolver } from './modules/ledger/ledger.resolver';
import { MappingResolver } from './modules/mapping/mapping.resolver';
import { WritebackResolver } from './modules/writeback/writeback.resolver';
import { PROVIDERS } from './providers/providers';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const RESOLVERS: NonEmptyArray<Function> = [
  CompanyResolver,
  AuthResolver,
  BooksResolver,
  MappingResolver,
  WritebackResolver,
  LedgerResolver,
  OperationEventResolver,
  // What providers add (an OAuth provider's connect mutation).
  ...PROVIDERS.flatMap((d) => d.resolvers ?? []),
];

/**
 * Builds the GraphQL schema from the resolvers; `schema/schema.graphql` is this, printed.
 * `instances` are the resolvers built with their services (a resolver with no collaborators is
 * built on demand); without them the schema can be printed but not served.
 *
 * @example
 * const schema = await createSchema([new CompanyResolver(companies), new WritebackResolver(writeback)]);
 */
export function createSchema(instances: object[] = []): Promise<GraphQLSchema> {
  const built = new Map<unknown, object>(instances.map((r) => [r.constructor, r]));
  return buildSchema({
    resolvers: RESOLVERS,
    container: {
      get: (cls: new () => object) => {
        if (!built.has(cls)) {
          if (cls.length > 0) throw new Error(`Resolver ${cls.name} needs its services: pass an instance to createSchema`);
          built.set(cls, new cls());
        }
        return built.get(cls);
      },
    },
    validate: { forbidUnknownValues: false, stopAtFirstError: true },
  });
}
