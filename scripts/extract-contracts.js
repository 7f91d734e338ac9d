#!/usr/bin/env node
/**
 * Generates test/contracts/codat-operations.json: the part of Codat's OpenAPI specs that the
 * contract tests validate exchanges against, with every schema rewritten as JSON Schema 2020-12.
 *
 *   node scripts/extract-contracts.js [specDir] [--out file] [--check]
 *
 * specDir defaults to $CODAT_CONTRACTS_DIR, then ../shared/contracts/codat next to the repo.
 * --check compares instead of writing and exits 1 when the committed extract is stale.
 *
 * Plain CommonJS so it runs without a build step and the contract test can call buildCodatExtract().
 */
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const yaml = require('js-yaml');

const REPO_ROOT = path.resolve(__dirname, '..');
const DEFAULT_SPEC_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'contracts', 'codat');
const DEFAULT_OUT = path.join(REPO_ROOT, 'test', 'contracts', 'codat-operations.json');

const SPECS = {
  lending: { file: 'Codat-Lending.yaml', defPrefix: '' },
  bankFeeds: { file: 'Codat-Bank-Feeds.yaml', defPrefix: 'BankFeeds.' },
};

/**
 * The operations the gateway's Codat adapter calls (CONTRACT.md §3). `requestBodyFrom` swaps in a
 * body schema from another spec: for bank transactions the gateway sends the Bank Feeds superset.
 */
const OPERATIONS = [
  { method: 'get', path: '/companies/{companyId}' },
  { method: 'post', path: '/companies' },
  { method: 'get', path: '/companies/{companyId}/connections/{connectionId}' },
  { method: 'post', path: '/companies/{companyId}/connections' },
  { method: 'get', path: '/companies/{companyId}/connections/{connectionId}/data/bankAccounts' },
  { method: 'get', path: '/companies/{companyId}/data/accounts' },
  { method: 'get', path: '/companies/{companyId}/data/accounts/{accountId}' },
  { method: 'get', path: '/companies/{companyId}/data/suppliers' },
  { method: 'get', path: '/companies/{companyId}/data/suppliers/{supplierId}' },
  { method: 'get', path: '/companies/{companyId}/data/invoices' },
  { method: 'get', path: '/companies/{companyId}/data/invoices/{invoiceId}' },
  { method: 'get', path: '/companies/{companyId}/connections/{connectionId}/data/transfers' },
  { method: 'get', path: '/companies/{companyId}/connections/{connectionId}/data/directCosts' },
  { method: 'get', path: '/companies/{companyId}/data/payments' },
  { method: 'get', path: '/companies/{companyId}/connections/{connectionId}/data/bankAccounts/{accountId}/bankTransactions' },
  { method: 'get', path: '/companies/{companyId}/connections/{connectionId}/options/bankAccounts' },
  { method: 'get', path: '/companies/{companyId}/connections/{connectionId}/options/chartOfAccounts' },
  { method: 'get', path: '/companies/{companyId}/connections/{connectionId}/options/suppliers' },
  { method: 'get', path: '/companies/{companyId}/connections/{connectionId}/options/transfers' },
  { method: 'get', path: '/companies/{companyId}/connections/{connectionId}/options/bankAccounts/{accountId}/bankTransactions' },
  { method: 'get', path: '/companies/{companyId}/connections/{connectionId}/options/directCosts' },
  { method: 'get', path: '/companies/{companyId}/connections/{connectionId}/options/payments' },
  { method: 'post', path: '/companies/{companyId}/connections/{connectionId}/push/bankAccounts' },
  { method: 'post', path: '/companies/{companyId}/connections/{connectionId}/push/accounts' },
  { method: 'post', path: '/companies/{companyId}/connections/{connectionId}/push/suppliers' },
  { method: 'post', path: '/companies/{companyId}/connections/{connectionId}/push/transfers' },
  {
    method: 'post',
    path: '/companies/{companyId}/connections/{connectionId}/push/bankAccounts/{accountId}/bankTransactions',
    requestBodyFrom: { spec: 'bankFeeds', pointer: '#/components/schemas/CreateBankTransactions' },
  },
  { method: 'post', path: '/companies/{companyId}/connections/{connectionId}/push/directCosts' },
  { method: 'post', path: '/companies/{companyId}/connections/{connectionId}/push/payments' },
  { method: 'get', path: '/companies/{companyId}/push/{pushOperationKey}' },
  { method: 'get', path: '/companies/{companyId}/push' },
  // Syncs, so that a look-up after a time-out reads fresh data rather than Codat's stale cache.
  { method: 'post', path: '/companies/{companyId}/data/queue/{dataType}' },
  { method: 'get', path: '/companies/{companyId}/data/history/{datasetId}' },
];

/** Keywords Ajv needs to validate; everything else (annotations, x-*, OpenAPI extras) is dropped. */
const COPIED_KEYWORDS = new Set([
  'type',
  'required',
  'enum',
  'const',
  'format',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
]);
const SCHEMA_MAP_KEYWORDS = new Set(['properties', 'patternProperties']);
const SCHEMA_KEYWORDS = new Set(['items', 'additionalProperties', 'propertyNames', 'not', 'contains']);
const SCHEMA_LIST_KEYWORDS = new Set(['allOf', 'oneOf', 'anyOf']);
/** Dropped on purpose; anything outside all of these sets is reported so a new keyword is not lost silently. */
const IGNORED_KEYWORDS = new Set([
  '$ref',
  'nullable',
  'definitions',
  'description',
  'example',
  'examples',
  'title',
  'deprecated',
  'readOnly',
  'writeOnly',
  'default',
  'externalDocs',
  'xml',
  'discriminator',
]);

const HTTP_METHODS_WITH_BODY = new Set(['post', 'put', 'patch']);

class ExtractError extends Error {}

function sha256(text) {
  return crypto.createHash('sha256').update(text).digest('hex');
}

function unescapeToken(token) {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function escapeToken(token) {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function loadSpec(dir, key) {
  const file = path.join(dir, SPECS[key].file);
  if (!fs.existsSync(file)) throw new ExtractError(`Codat spec not found: ${file}`);
  const text = fs.readFileSync(file, 'utf8');
  return { key, file: SPECS[key].file, doc: yaml.load(text), sha256: sha256(text) };
}

function resolvePointer(spec, pointer) {
  if (!pointer.startsWith('#/')) {
    throw new ExtractError(`${spec.file}: only local $refs are supported, got "${pointer}"`);
  }
  let node = spec.doc;
  for (const raw of pointer.slice(2).split('/')) {
    const token = unescapeToken(decodeURIComponent(raw));
    if (node === null || typeof node !== 'object' || !(token in node)) {
      throw new ExtractError(`${spec.file}: $ref "${pointer}" does not resolve`);
    }
    node = node[token];
  }
  return node;
}

/** Follows `$ref`s on non-schema objects (responses, parameters, request bodies). */
function deref(spec, node) {
  const seen = new Set();
  while (node && typeof node === 'object' && typeof node.$ref === 'string') {
    if (seen.has(node.$ref)) throw new ExtractError(`${spec.file}: $ref cycle at "${node.$ref}"`);
    seen.add(node.$ref);
    node = resolvePointer(spec, node.$ref);
  }
  return node;
}

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]);
    return out;
  }
  return value;
}

/**
 * Rewrites OpenAPI schemas into JSON Schema 2020-12, collecting every referenced schema into a
 * `$defs` table so the extract only holds what the chosen operations can reach.
 */
class SchemaConverter {
  constructor() {
    this.defs = new Map();
    this.defOrigins = new Map();
    this.pending = [];
    this.unknownKeywords = new Map();
  }

  /** `#/components/schemas/A/definitions/b` -> `schemas.A.definitions.b` (prefixed for non-Lending specs). */
  defKey(spec, pointer) {
    const tokens = pointer
      .slice(2)
      .split('/')
      .map((raw) => unescapeToken(decodeURIComponent(raw)));
    if (tokens[0] === 'components') tokens.shift();
    const key = SPECS[spec.key].defPrefix + tokens.map((t) => t.replace(/[^A-Za-z0-9_-]/g, '_')).join('.');
    const origin = `${spec.file}${pointer}`;
    const known = this.defOrigins.get(key);
    if (known && known !== origin) throw new ExtractError(`$defs key "${key}" would hold both ${known} and ${origin}`);
    this.defOrigins.set(key, origin);
    return key;
  }

  ref(spec, pointer) {
    const key = this.defKey(spec, pointer);
    if (!this.defs.has(key)) {
      this.defs.set(key, null);
      this.pending.push({ spec, pointer, key });
    }
    return `#/$defs/${escapeToken(key)}`;
  }

  /** Converts queued referenced schemas until none are left; refs discovered on the way join the queue. */
  drain() {
    while (this.pending.length > 0) {
      const { spec, pointer, key } = this.pending.shift();
      this.defs.set(key, this.convert(spec, resolvePointer(spec, pointer), pointer));
    }
  }

  convert(spec, schema, where) {
    if (typeof schema === 'boolean') return schema;
    if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
      throw new ExtractError(`${spec.file}${where}: expected a schema, got ${JSON.stringify(schema)}`);
    }
    const out = {};
    for (const [keyword, value] of Object.entries(schema)) {
      if (COPIED_KEYWORDS.has(keyword)) {
        out[keyword] = value;
      } else if (SCHEMA_MAP_KEYWORDS.has(keyword)) {
        out[keyword] = {};
        for (const [name, sub] of Object.entries(value)) {
          out[keyword][name] = this.convert(spec, sub, `${where}/${keyword}/${escapeToken(name)}`);
        }
      } else if (SCHEMA_KEYWORDS.has(keyword)) {
        out[keyword] = this.convert(spec, value, `${where}/${keyword}`);
      } else if (SCHEMA_LIST_KEYWORDS.has(keyword)) {
        // Members that only carried annotations (e.g. `{deprecated: true}`) constrain nothing.
        const members = value
          .map((sub, i) => this.convert(spec, sub, `${where}/${keyword}/${i}`))
          .filter((sub) => !(sub && typeof sub === 'object' && Object.keys(sub).length === 0));
        if (members.length > 0) out[keyword] = members;
      } else if (keyword === '$ref') {
        out.$ref = this.ref(spec, value);
      } else if (!IGNORED_KEYWORDS.has(keyword) && !keyword.startsWith('x-')) {
        const seen = this.unknownKeywords.get(keyword) || [];
        seen.push(`${spec.file}${where}`);
        this.unknownKeywords.set(keyword, seen);
      }
    }
    const result = out.allOf && out.allOf.length === 1 && Object.keys(out).length === 1 ? out.allOf[0] : out;
    return schema.nullable === true ? this.nullable(result) : result;
  }

  /**
   * OpenAPI 3.0 `nullable: true` in JSON Schema terms. A `type` (and an `enum`, which would
   * otherwise still reject null) can simply admit null; a `$ref` or combinator cannot be widened
   * in place, so it is wrapped in `anyOf` with a null branch.
   */
  nullable(out) {
    if (out.$ref || out.allOf || out.oneOf || out.anyOf) return { anyOf: [out, { type: 'null' }] };
    if (out.type !== undefined) {
      const types = Array.isArray(out.type) ? out.type : [out.type];
      if (!types.includes('null')) out.type = [...types, 'null'];
    }
    if (out.enum && !out.enum.includes(null)) out.enum = [...out.enum, null];
    if (out.const !== undefined) return { anyOf: [out, { type: 'null' }] };
    return out;
  }
}

function bodySchema(spec, container, where) {
  const content = container && container.content;
  if (!content) return null;
  const media = content['application/json'];
  if (!media || !media.schema) {
    throw new ExtractError(`${spec.file}${where}: no application/json schema (has ${Object.keys(content).join(', ')})`);
  }
  return media.schema;
}

function queryParameters(spec, pathItem, operation, where, converter) {
  const params = new Map();
  for (const raw of [...(pathItem.parameters || []), ...(operation.parameters || [])]) {
    const param = deref(spec, raw);
    if (param.in !== 'query') continue;
    // Operation-level parameters override path-level ones of the same name.
    params.set(param.name, param);
  }
  const out = {};
  for (const [name, param] of params) {
    out[name] = {
      required: param.required === true,
      schema: converter.convert(spec, param.schema || {}, `${where}/parameters/${escapeToken(name)}`),
    };
  }
  return out;
}

function extractOperation(specs, converter, wanted) {
  const lending = specs.lending;
  const pathItem = lending.doc.paths && lending.doc.paths[wanted.path];
  if (!pathItem) throw new ExtractError(`${lending.file} has no path "${wanted.path}"`);
  const operation = pathItem[wanted.method];
  if (!operation) throw new ExtractError(`${lending.file} has no ${wanted.method.toUpperCase()} "${wanted.path}"`);
  if (!operation.operationId) throw new ExtractError(`${lending.file}: ${wanted.method.toUpperCase()} "${wanted.path}" has no operationId`);

  const where = `#/paths/${escapeToken(wanted.path)}/${wanted.method}`;
  const entry = {
    method: wanted.method.toUpperCase(),
    path: wanted.path,
    operationId: operation.operationId,
    query: queryParameters(lending, pathItem, operation, where, converter),
    responses: {},
  };

  const declaredBody = bodySchema(lending, deref(lending, operation.requestBody), `${where}/requestBody`);
  if (declaredBody && !HTTP_METHODS_WITH_BODY.has(wanted.method)) {
    throw new ExtractError(`${lending.file}${where}: a request body on ${entry.method} cannot be validated`);
  }
  if (wanted.requestBodyFrom) {
    const source = specs[wanted.requestBodyFrom.spec];
    const sourceOperation = source.doc.paths && source.doc.paths[wanted.path] && source.doc.paths[wanted.path][wanted.method];
    if (!sourceOperation) {
      throw new ExtractError(`${source.file} has no ${entry.method} "${wanted.path}" to take the request body from`);
    }
    resolvePointer(source, wanted.requestBodyFrom.pointer);
    entry.requestBody = { $ref: converter.ref(source, wanted.requestBodyFrom.pointer) };
    entry.requestBodySource = `${source.file}${wanted.requestBodyFrom.pointer}`;
    if (declaredBody) entry.lendingRequestBody = converter.convert(lending, declaredBody, `${where}/requestBody`);
  } else if (declaredBody) {
    entry.requestBody = converter.convert(lending, declaredBody, `${where}/requestBody`);
  }

  for (const [status, rawResponse] of Object.entries(operation.responses || {})) {
    const responseWhere = `${where}/responses/${status}`;
    const schema = bodySchema(lending, deref(lending, rawResponse), responseWhere);
    entry.responses[status] = schema === null ? null : converter.convert(lending, schema, responseWhere);
  }
  if (!entry.responses['200']) throw new ExtractError(`${lending.file}${where}: no 200 response body`);
  return entry;
}

function resolveSpecDir(specDir) {
  return path.resolve(specDir || process.env.CODAT_CONTRACTS_DIR || DEFAULT_SPEC_DIR);
}

/** Returns the extract as the exact text written to disk. */
function buildCodatExtract(specDir) {
  const dir = resolveSpecDir(specDir);
  const specs = { lending: loadSpec(dir, 'lending'), bankFeeds: loadSpec(dir, 'bankFeeds') };
  const converter = new SchemaConverter();

  const operations = {};
  for (const wanted of OPERATIONS) {
    const entry = extractOperation(specs, converter, wanted);
    if (operations[entry.operationId]) throw new ExtractError(`operationId "${entry.operationId}" appears twice`);
    operations[entry.operationId] = entry;
  }
  converter.drain();

  if (converter.unknownKeywords.size > 0) {
    const list = [...converter.unknownKeywords].map(([k, at]) => `"${k}" (at ${at[0]}${at.length > 1 ? ` and ${at.length - 1} more` : ''})`);
    throw new ExtractError(`unhandled schema keywords: ${list.join('; ')}. Add them to the copied or ignored lists.`);
  }

  const extract = {
    $comment: 'Generated by scripts/extract-contracts.js (npm run contracts:extract) from the Codat OpenAPI specs. Do not edit.',
    sources: Object.fromEntries(Object.values(specs).map((s) => [s.file, { sha256: s.sha256, version: s.doc.info.version }])),
    operations,
    $defs: Object.fromEntries(converter.defs),
  };
  return `${JSON.stringify(sortKeys(extract), null, 2)}\n`;
}

function main(argv) {
  let specDir;
  let out = DEFAULT_OUT;
  let check = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') out = path.resolve(argv[++i]);
    else if (argv[i] === '--check') check = true;
    else if (argv[i].startsWith('-')) throw new ExtractError(`unknown option ${argv[i]}`);
    else specDir = argv[i];
  }
  const text = buildCodatExtract(specDir);
  const relative = path.relative(process.cwd(), out);
  if (check) {
    const current = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : null;
    if (current !== text) {
      process.stderr.write(`${relative} is stale: run npm run contracts:extract\n`);
      return 1;
    }
    process.stdout.write(`${relative} is up to date\n`);
    return 0;
  }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, text);
  process.stdout.write(`wrote ${relative} (${Buffer.byteLength(text)} bytes)\n`);
  return 0;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`extract-contracts: ${err instanceof ExtractError ? err.message : err.stack}\n`);
    process.exitCode = 1;
  }
}

module.exports = { buildCodatExtract, resolveSpecDir, DEFAULT_OUT };
