import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const DECIMAL = /^-?\d{1,13}(\.\d{1,6})?$/;

function parseDecimal(value: unknown): string {
  if (typeof value !== 'string' || !DECIMAL.test(value.trim())) {
    throw new GraphQLError(`Decimal must be a string such as "1250.00", with at most 13 digits before the decimal point; got ${JSON.stringify(value)}`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return value.trim();
}

/** Exact money amounts as strings ("1250.00"): never a float on the wire. */
export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  description: 'An exact decimal amount as a string, e.g. "1250.00". Always paired with an ISO 4217 currency.',
  serialize: (value) => String(value),
  parseValue: parseDecimal,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Decimal must be written as a string, e.g. "1250.00"', { extensions: { code: 'BAD_USER_INPUT' } });
    return parseDecimal(ast.value);
  },
});
