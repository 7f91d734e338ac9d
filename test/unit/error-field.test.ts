import { buildSchema, graphql } from 'graphql';
import { requestErrorField } from '../../src/common/error-field';

const schema = buildSchema(`
  input AddressInput { postalCode: String! city: String }
  input RecordFeeInput { amount: String! address: AddressInput lines: [AddressInput!] }
  type Query { companies(first: Int, after: String): Int company(companyId: ID!): Int }
  type Mutation { recordFee(companyId: ID!, input: RecordFeeInput!): Int }
`);

/** The field named for the first error graphql-js reports for this request. */
async function fieldOf(source: string, variableValues?: Record<string, unknown>) {
  const { errors } = await graphql({ schema, source, variableValues });
  expect(errors?.length).toBeGreaterThan(0);
  return requestErrorField(errors![0], errors![0].message);
}

const RECORD_FEE = 'mutation($companyId: ID!, $fee: RecordFeeInput!) { recordFee(companyId: $companyId, input: $fee) }';

describe('requestErrorField', () => {
  it('names an argument given a variable of the wrong type by the argument, not the variable', async () => {
    expect(await fieldOf('query($n: Int) { companies(first: $n) }', { n: 'ten' })).toBe('first');
  });

  it('names a missing required field inside an input object relative to it', async () => {
    expect(await fieldOf(RECORD_FEE, { companyId: 'c1', fee: {} })).toBe('amount');
  });

  it('names a field nested deeper in the input with a dotted path', async () => {
    expect(await fieldOf(RECORD_FEE, { companyId: 'c1', fee: { amount: '1.00', address: {} } })).toBe('address.postalCode');
    expect(await fieldOf(RECORD_FEE, { companyId: 'c1', fee: { amount: '1.00', address: { postalCode: 5 } } })).toBe('address.postalCode');
  });

  it('names a field of an object inside a list without the index', async () => {
    expect(await fieldOf(RECORD_FEE, { companyId: 'c1', fee: { amount: '1.00', lines: [{ postalCode: 'E1' }, {}] } })).toBe('lines.postalCode');
  });

  it('names an unknown field in a variable input object', async () => {
    expect(await fieldOf(RECORD_FEE, { companyId: 'c1', fee: { amount: '1.00', colour: 'red' } })).toBe('colour');
  });

  it('names a bad literal value inside an input object in the document', async () => {
    expect(await fieldOf('mutation { recordFee(companyId: "c1", input: { amount: 5 }) }')).toBe('amount');
    expect(await fieldOf('mutation { recordFee(companyId: "c1", input: { amount: "1", address: { postalCode: 7 } }) }')).toBe('address.postalCode');
  });

  it('names an unknown field of a literal input object, and an unknown argument', async () => {
    expect(await fieldOf('mutation { recordFee(companyId: "c1", input: { amount: "1", colour: "red" }) }')).toBe('colour');
    expect(await fieldOf('{ companies(firts: 5) }')).toBe('firts');
  });

  it('names nothing for a document that does not parse, or an error that is not a GraphQL one', async () => {
    expect(await fieldOf('{ companies(')).toBeUndefined();
    expect(requestErrorField(new Error('boom'), 'boom')).toBeUndefined();
  });
});
