import { randomUUID } from 'node:crypto';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { daysAgo } from '../../helpers/fixtures';

/** What a bad request must answer: one of `codes`, and for BAD_USER_INPUT the field named. */
export interface Expectation {
  codes: string[];
  field?: string;
}

export interface BadCase {
  /** Root field, e.g. `recordFee`. */
  operation: string;
  label: string;
  query: string;
  variables: Record<string, unknown>;
  expect: Expectation;
  /** Send with another company's token instead of the admin key. */
  asOtherCompany?: boolean;
}

export type Baselines = Record<string, Record<string, unknown>>;

const OMIT = Symbol('omit');
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

/** Values no free-text field accepts: control characters, broken Unicode, blanks, far too long. */
function textValues(multiline: boolean): [string, unknown][] {
  const values: [string, unknown][] = [
    ['NUL inside', 'a\u0000b'],
    ['only NUL', '\u0000'],
    ['BEL', 'a\u0007b'],
    ['ESC sequence', '\u001b[31mred'],
    ['DEL', 'a\u007fb'],
    ['C1 control', 'a\u0085b'],
    ['carriage return', 'a\rb'],
    ['lone high surrogate', 'a\ud800b'],
    ['lone low surrogate', '\udc00'],
    ['non-character U+FFFE', 'a\ufffeb'],
    ['empty', ''],
    ['spaces only', '   '],
    ['no-break spaces only', '\u00a0\u00a0'],
    ['1,001 characters', 'A'.repeat(1001)],
    ['100,000 characters', 'A'.repeat(100_000)],
  ];
  if (!multiline) values.push(['line feed', 'a\nb'], ['tab', 'a\tb'], ['newline only', '\n']);
  return values;
}

/** Values that are well-formed text but wrong for what the field holds. */
const SPECIFIC: Record<string, unknown[]> = {
  currency: ['QQQ', 'XXX', 'XTS', 'gbp', 'GB', 'GBPP', '12A', '€'],
  defaultCurrency: ['QQQ', 'XXX', 'XAU', 'eur', 'EURO'],
  amount: ['abc', '1,000.00', '1e3', '-5.00', '0', '0.00', '10.001', '12345678901234.00', '.5', '5.', '+5.00', 'NaN', 'Infinity', '0x10', '1 000'],
  date: ['2026-02-30', '20261120', 'yesterday', '2026-13-01', '2026-1-1', '0000-00-00', daysAgo(-10), daysAgo(400), `${daysAgo(0)}T00:00:00Z`],
  externalId: ['with spaces', '-leading-dash', 'x'.repeat(201), 'a?b', 'ümlaut'],
  externalRef: [' leading space', 'trailing space '],
  emailAddress: ['not-an-email', 'a@', '@example.com', 'a b@example.com'],
  phone: ['abc', '12', '+44 (20) 7946 0000 extension 12345'],
  sortCode: ['12345', 'ab-cd-ef', '12-34-567'],
  accountNumber: ['12345', 'abcdefgh', '1234567890123'],
  iban: ['GB00', 'gb29nwbk60161331926819', 'GB29 NWBK 6016 1331 9268 19'],
  nominalCode: ['this-is-too-long', '47 90', '47_90'],
  postalCode: ['SW1A#1AA', 'ÉÉ1'],
  connectionId: ['not-a-uuid', '12345', '00000000-0000-0000-0000-00000000000g'],
  appId: ['abc', '0', '-1', '12.5', '00012'],
  apiKey: ['short', '1234567'],
  after: ['not a cursor!', 'AAAA', '=', '%%%', b64('hello'), b64('o:-1'), b64('o:1e3'), b64('o:'), b64('99999999999999999999'), b64('w:abc')],
};

/** Ids that are well-formed text but name nothing the caller has. */
const UNKNOWN_IDS = ['00000000-0000-0000-0000-000000000000', 'not-a-uuid', "' OR '1'='1", '../../etc/passwd', '%00'];

const INTS: Record<string, unknown[]> = {
  first: [0, -1, 501, 2 ** 31, 1.5, '10', true],
  ttlSeconds: [0, 59, 86_401, -1, 2 ** 31, 1.5, '900'],
};

/** `["input", "address", "postalCode"]` → `address.postalCode`: fields inside an input are named relative to it. */
export const fieldName = (path: string[]) => (path.length > 1 ? path.slice(1) : path).join('.');

/**
 * Valid inputs of the members of a one-of input (`connection: { codat | sinao }`) the baseline does
 * not use: a case about one member's field is sent with that member alone, otherwise valid.
 */
export const ONE_OF_MEMBERS: Record<string, Record<string, Record<string, unknown>>> = {};

function setAt(vars: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(vars);
  let node = copy as Record<string, unknown>;
  let parentKey: string | null = null;
  for (const key of path.slice(0, -1)) {
    const member = parentKey ? ONE_OF_MEMBERS[parentKey]?.[key] : undefined;
    if (member && (node[key] === null || typeof node[key] !== 'object')) {
      for (const other of Object.keys(node)) delete node[other];
      node[key] = structuredClone(member);
    }
    if (node[key] === null || typeof node[key] !== 'object') node[key] = {};
    node = node[key] as Record<string, unknown>;
    parentKey = key;
  }
  if (value === OMIT) delete node[path[path.length - 1]];
  else node[path[path.length - 1]] = value;
  return copy;
}

function getAt(vars: Record<string, unknown>, path: string[]): unknown {
  return path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), vars);
}

/** Every bad value that applies to one argument or input field, recursing into input objects. */
function badValues(type: GraphQLInputType, path: string[], isArgument: boolean, baseline: Record<string, unknown>): { label: string; value: unknown; path: string[]; expect: Expectation }[] {
  const name = path[path.length - 1];
  const bad = (value: unknown, label: string, at = path, codes = ['BAD_USER_INPUT']) => ({ label, value, path: at, expect: { codes, field: codes.includes('BAD_USER_INPUT') ? fieldName(at) : undefined } });
  const out: ReturnType<typeof badValues> = [];
  if (isNonNullType(type)) {
    out.push(bad(null, 'null for a non-null'));
    out.push(bad(OMIT, isArgument ? 'variable not provided' : 'required field left out'));
  }
  const named = getNamedType(type);
  if (isInputObjectType(named)) {
    for (const v of ['not an object', 42, true]) out.push(bad(v, `wrong type ${JSON.stringify(v)}`));
    out.push(bad('x', 'unknown field', [...path, 'unexpectedField']));
    for (const field of Object.values(named.getFields())) out.push(...badValues(field.type, [...path, field.name], false, baseline));
    return out;
  }
  if (isEnumType(named)) {
    const first = named.getValues()[0].name;
    for (const v of ['NOT_A_VALUE', '', first.toLowerCase(), 1, true]) out.push(bad(v, `not a ${named.name}: ${JSON.stringify(v)}`));
    if (name === 'provider') for (const v of named.getValues().filter((e) => e.name !== getAt(baseline, path))) out.push(bad(v.name, `unsupported provider ${v.name}`));
    return out;
  }
  if (!isScalarType(named)) return out;
  if (named.name === 'Int') {
    for (const v of INTS[name] ?? [1.5, '1', true]) out.push(bad(v, `out of range or not an Int: ${JSON.stringify(v)}`));
    return out;
  }
  if (named.name === 'Boolean') {
    for (const v of ['true', 1, 'yes', {}]) out.push(bad(v, `not a Boolean: ${JSON.stringify(v)}`));
    return out;
  }
  const wrongTypes = named.name === 'ID' ? [true, 1.5, {}, ['a']] : named.name === 'Decimal' ? [12.5, 1250, true, {}] : [123, true, {}, ['a']];
  for (const v of wrongTypes) out.push(bad(v, `wrong type ${JSON.stringify(v)}`));
  for (const [label, v] of textValues(name === 'description')) out.push(bad(v, label));
  for (const v of SPECIFIC[name] ?? []) out.push(bad(v, `bad ${name} ${JSON.stringify(v).slice(0, 40)}`));
  if (named.name === 'ID') {
    // An argument names the thing asked for (not found); an input field names a record the books must have (bad input).
    const codes = isArgument ? ['NOT_FOUND'] : ['BAD_USER_INPUT'];
    for (const v of [...UNKNOWN_IDS, randomUUID()]) out.push(bad(v, `unknown id ${JSON.stringify(v)}`, path, codes));
  }
  return out;
}

function documentFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const defs = field.args.map((a: GraphQLArgument) => `$${a.name}: ${String(a.type)}`).join(', ');
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  return `${kind} BadInput${defs ? `(${defs})` : ''} { ${field.name}${args ? `(${args})` : ''} { __typename } }`;
}

/** Admin-only operations: a company token is refused whatever it asks. */
const ADMIN_ONLY = new Set(['registerCompany', 'issueCompanyToken']);

/** Every case for every argument and input field of every query and mutation of `schema`. */
export function generateCases(schema: GraphQLSchema, baselines: Baselines): BadCase[] {
  const cases: BadCase[] = [];
  for (const [kind, root] of [['query', schema.getQueryType()], ['mutation', schema.getMutationType()]] as const) {
    for (const field of Object.values(root!.getFields())) {
      const baseline = baselines[field.name];
      if (!baseline) throw new Error(`No valid baseline variables for ${field.name}: add one so its arguments are covered`);
      const query = documentFor(kind, field);
      for (const arg of field.args) {
        for (const c of badValues(arg.type, [arg.name], true, baseline)) {
          cases.push({ operation: field.name, label: `${c.path.join('.')}: ${c.label}`, query, variables: setAt(baseline, c.path, c.value), expect: c.expect });
        }
      }
      const scoped = field.args.some((a) => a.name === 'companyId' || a.name === 'id');
      if (ADMIN_ONLY.has(field.name) || scoped) {
        cases.push({ operation: field.name, label: "another company's token", query, variables: baseline, expect: { codes: ['FORBIDDEN'] }, asOtherCompany: true });
      }
    }
  }
  return cases;
}
