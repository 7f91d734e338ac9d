/**
 * The contracts kit's extractor: the part of a provider's OpenAPI files that contract tests
 * validate exchanges against, with every schema rewritten as JSON Schema 2020-12. Each provider
 * describes its specs, the operations its adapter uses and its specs' known bugs in a contract
 * file (test/contracts/<provider>.contract.js); `buildExtract(contract, specDir)` does the rest.
 *
 * Plain CommonJS so it runs without a build step and tests can call it.
 */
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const yaml = require('js-yaml');

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** The providers' specs: $CONTRACTS_DIR, else `shared/contracts` in the nearest folder above the repository that has one. */
function contractsDir() {
  if (process.env.CONTRACTS_DIR) return path.resolve(process.env.CONTRACTS_DIR);
  for (let dir = path.dirname(REPO_ROOT); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared', 'contracts');
    if (fs.existsSync(candidate) || dir === path.dirname(dir)) return candidate;
  }
}

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

/**
 * Reads one OpenAPI file. js-yaml reads YAML 1.2's core schema, so a bare `=` (Sinao's filter
 * comparator) is the string "=", where a YAML 1.1 loader would see its `value` tag and fail.
 */
function loadSpec(dir, key, config) {
  const file = path.join(dir, config.file);
  if (!fs.existsSync(file)) throw new ExtractError(`spec not found: ${file}`);
  const text = fs.readFileSync(file, 'utf8');
  return { key, file: config.file, defPrefix: config.defPrefix || '', doc: yaml.load(text, { schema: yaml.DEFAULT_SCHEMA }), sha256: sha256(text) };
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

  /** `#/components/schemas/A/definitions/b` -> `schemas.A.definitions.b` (with the spec's prefix, if any). */
  defKey(spec, pointer) {
    const tokens = pointer
      .slice(2)
      .split('/')
      .map((raw) => unescapeToken(decodeURIComponent(raw)));
    if (tokens[0] === 'components') tokens.shift();
    const key = spec.defPrefix + tokens.map((t) => t.replace(/[^A-Za-z0-9_-]/g, '_')).join('.');
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

/** The JSON media type's schema (`application/json`, else a `+json` one such as problem+json). */
function bodySchema(spec, container, where) {
  const content = container && container.content;
  if (!content) return null;
  const type = 'application/json' in content ? 'application/json' : Object.keys(content).find((t) => /[/+]json\b/.test(t));
  const media = type && content[type];
  if (!media || !media.schema) {
    throw new ExtractError(`${spec.file}${where}: no JSON schema (has ${Object.keys(content).join(', ')})`);
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

function extractOperation(specs, converter, wanted, primary) {
  const main = specs[wanted.spec || primary];
  const pathItem = main.doc.paths && main.doc.paths[wanted.path];
  if (!pathItem) throw new ExtractError(`${main.file} has no path "${wanted.path}"`);
  const operation = pathItem[wanted.method];
  if (!operation) throw new ExtractError(`${main.file} has no ${wanted.method.toUpperCase()} "${wanted.path}"`);
  if (!operation.operationId) throw new ExtractError(`${main.file}: ${wanted.method.toUpperCase()} "${wanted.path}" has no operationId`);

  const where = `#/paths/${escapeToken(wanted.path)}/${wanted.method}`;
  const entry = {
    method: wanted.method.toUpperCase(),
    path: wanted.path,
    operationId: operation.operationId,
    query: queryParameters(main, pathItem, operation, where, converter),
    responses: {},
  };

  const declaredBody = bodySchema(main, deref(main, operation.requestBody), `${where}/requestBody`);
  if (declaredBody && !HTTP_METHODS_WITH_BODY.has(wanted.method)) {
    throw new ExtractError(`${main.file}${where}: a request body on ${entry.method} cannot be validated`);
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
    if (declaredBody) entry.declaredRequestBody = converter.convert(main, declaredBody, `${where}/requestBody`);
  } else if (declaredBody) {
    entry.requestBody = converter.convert(main, declaredBody, `${where}/requestBody`);
  }

  for (const [status, rawResponse] of Object.entries(operation.responses || {})) {
    const responseWhere = `${where}/responses/${status}`;
    const schema = bodySchema(main, deref(main, rawResponse), responseWhere);
    entry.responses[status] = schema === null ? null : converter.convert(main, schema, responseWhere);
  }
  if (!Object.keys(entry.responses).some((status) => /^2/.test(status))) throw new ExtractError(`${main.file}${where}: no 2XX response`);
  return entry;
}

/**
 * A spec's known bugs, fixed before conversion. `{ spec, pointer, value, reason }` replaces the
 * node at `pointer` with `value`; `{ spec, where, rewrite, reason }` calls `rewrite(node)` on every
 * object of the spec, which fixes the nodes it recognises and says whether it changed one (for a
 * mistake the spec repeats everywhere). An entry whose pointer no longer resolves, whose node
 * already equals `value`, or whose rewrite changes nothing fails loudly: the spec changed and the
 * entry must be looked at again.
 */
function applyKnownBugs(specs, bugs) {
  for (const bug of bugs || []) {
    const spec = specs[bug.spec];
    if (!spec) throw new ExtractError(`known bug names an unknown spec "${bug.spec}"`);
    if (!bug.reason) throw new ExtractError(`known bug at ${bugLocation(spec, bug)} gives no reason`);
    if (bug.rewrite) {
      let changed = 0;
      const walk = (node) => {
        if (Array.isArray(node)) node.forEach(walk);
        else if (node && typeof node === 'object') {
          if (bug.rewrite(node)) changed += 1;
          Object.values(node).forEach(walk);
        }
      };
      walk(spec.doc);
      if (changed === 0) throw new ExtractError(`known bug: ${bugLocation(spec, bug)} is already fixed in the spec`);
      continue;
    }
    const tokens = bug.pointer.slice(2).split('/').map((raw) => unescapeToken(decodeURIComponent(raw)));
    const last = tokens.pop();
    const parent = tokens.length ? resolvePointer(spec, `#/${tokens.map(escapeToken).join('/')}`) : spec.doc;
    if (!parent || typeof parent !== 'object' || !(last in parent)) throw new ExtractError(`known bug: ${spec.file}${bug.pointer} does not resolve`);
    if (JSON.stringify(parent[last]) === JSON.stringify(bug.value)) throw new ExtractError(`known bug: ${spec.file}${bug.pointer} is already fixed in the spec`);
    parent[last] = bug.value;
  }
}

function bugLocation(spec, bug) {
  return bug.rewrite ? `${spec.file} (${bug.where})` : `${spec.file}${bug.pointer}`;
}

/**
 * How the contract reads exchanges, from the contract file's `validation`: `inputsInQuery` (the
 * spec declares every input as a query parameter, so a body's fields are checked against them),
 * `errorBody` (`{ spec, pointer, required }`: the body every 4XX/5XX answer carries, whatever the
 * operation declares), `patternFlags` (flags for every `pattern`, e.g. `i`) and
 * `bodiesWithoutSchema` (a status declared without content may carry any body).
 */
function validationRules(contract, specs, converter) {
  const rules = contract.validation;
  if (!rules) return undefined;
  const out = {};
  if (rules.inputsInQuery) out.inputsInQuery = true;
  if (rules.patternFlags) out.patternFlags = rules.patternFlags;
  if (rules.bodiesWithoutSchema) out.bodiesWithoutSchema = true;
  if (rules.errorBody) {
    const source = specs[rules.errorBody.spec || contract.primary];
    resolvePointer(source, rules.errorBody.pointer);
    out.errorBody = { allOf: [{ $ref: converter.ref(source, rules.errorBody.pointer) }], ...(rules.errorBody.required ? { required: rules.errorBody.required } : {}) };
  }
  return out;
}

function specDirOf(contract, specDir) {
  return path.resolve(specDir || process.env[contract.specDirEnv] || path.join(contractsDir(), contract.provider));
}

function loadSpecs(contract, specDir) {
  const dir = specDirOf(contract, specDir);
  const specs = {};
  for (const [key, config] of Object.entries(contract.specs)) specs[key] = loadSpec(dir, key, config);
  applyKnownBugs(specs, contract.knownBugs);
  return specs;
}

/** The extract as the exact text written to disk. */
function buildExtract(contract, specDir) {
  const specs = loadSpecs(contract, specDir);
  const converter = new SchemaConverter();

  const operations = {};
  for (const wanted of contract.operations) {
    const entry = extractOperation(specs, converter, wanted, contract.primary);
    if (operations[entry.operationId]) throw new ExtractError(`operationId "${entry.operationId}" appears twice`);
    operations[entry.operationId] = entry;
  }
  const validation = validationRules(contract, specs, converter);
  // Schemas of exchanges the spec has no path for (an OAuth token endpoint on another host).
  const schemas = {};
  for (const [name, wanted] of Object.entries(contract.schemas || {})) {
    const source = specs[wanted.spec || contract.primary];
    resolvePointer(source, wanted.pointer);
    schemas[name] = { $ref: converter.ref(source, wanted.pointer) };
  }
  converter.drain();

  if (converter.unknownKeywords.size > 0) {
    const list = [...converter.unknownKeywords].map(([k, at]) => `"${k}" (at ${at[0]}${at.length > 1 ? ` and ${at.length - 1} more` : ''})`);
    throw new ExtractError(`unhandled schema keywords: ${list.join('; ')}. Add them to the copied or ignored lists.`);
  }

  const extract = {
    $comment: `Generated by scripts/extract-contracts.js (npm run contracts:extract) from the ${contract.displayName} OpenAPI specs. Do not edit.`,
    sources: Object.fromEntries(Object.values(specs).map((s) => [s.file, { sha256: s.sha256, version: s.doc.info.version }])),
    knownBugs: (contract.knownBugs || []).map((bug) => ({ at: bugLocation(specs[bug.spec], bug), reason: bug.reason })),
    ...(validation ? { validation } : {}),
    ...(Object.keys(schemas).length > 0 ? { schemas } : {}),
    operations,
    $defs: Object.fromEntries(converter.defs),
  };
  if (extract.knownBugs.length === 0) delete extract.knownBugs;
  return `${JSON.stringify(sortKeys(extract), null, 2)}\n`;
}

/**
 * Data a sandbox serves as the spec documents it (examples copied unchanged), one file per entry of
 * `contract.data`: `{ out, spec, values: { name: pointer } }`, written as `{ sources, values }`.
 * Keys keep the spec's order.
 */
function buildData(contract, specDir) {
  const specs = loadSpecs(contract, specDir);
  return (contract.data || []).map((entry) => {
    const spec = specs[entry.spec];
    const values = {};
    const pointers = {};
    for (const [name, pointer] of Object.entries(entry.values)) {
      values[name] = resolvePointer(spec, pointer);
      pointers[name] = `${spec.file}${pointer}`;
    }
    const data = {
      $comment: `Generated by scripts/extract-contracts.js (npm run contracts:extract) from ${spec.file}. Do not edit.`,
      sources: pointers,
      values,
    };
    return { out: path.resolve(REPO_ROOT, entry.out), text: `${JSON.stringify(data, null, 2)}\n` };
  });
}

/** A provider's contract file, test/contracts/<provider>.contract.js. */
function loadContract(provider) {
  const file = path.join(REPO_ROOT, 'test', 'contracts', `${provider}.contract.js`);
  if (!fs.existsSync(file)) throw new ExtractError(`no contract file for "${provider}" (${path.relative(REPO_ROOT, file)})`);
  return require(file);
}

module.exports = { ExtractError, REPO_ROOT, buildData, buildExtract, loadContract, loadSpecs, specDirOf };
