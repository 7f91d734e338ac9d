import fs from 'fs';
import path from 'path';
import Ajv2020, { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/**
 * Checks one HTTP exchange with Codat (or the sandbox emulator) against the operations extracted
 * from Codat's OpenAPI specs into codat-operations.json (regenerate with `npm run contracts:extract`).
 */

export interface CodatExchange {
  method: string;
  /** Concrete request path, e.g. `/companies/8a21…/data/accounts`. A query string here is also read. */
  path: string;
  query?: Record<string, string>;
  requestBody?: unknown;
  status: number;
  responseBody?: unknown;
}

export interface CodatExchangeResult {
  /** operationId of the matched operation, or null when the path/method is not one the extract covers. */
  operation: string | null;
  errors: string[];
}

type JsonSchema = boolean | { [keyword: string]: unknown };

interface CodatQueryParameter {
  required: boolean;
  schema: JsonSchema;
}

export interface CodatOperation {
  method: string;
  path: string;
  operationId: string;
  query: Record<string, CodatQueryParameter>;
  requestBody?: JsonSchema;
  /** Set when the request body comes from another spec than the operation (bank transactions). */
  requestBodySource?: string;
  lendingRequestBody?: JsonSchema;
  /** Status code (or `4XX`/`default`) -> body schema; null means the status has no body. */
  responses: Record<string, JsonSchema | null>;
}

interface CodatExtract {
  operations: Record<string, CodatOperation>;
  $defs: Record<string, JsonSchema>;
}

interface ContractState {
  extract: CodatExtract;
  operations: CodatOperation[];
  ajv: Ajv2020;
  queryAjv: Ajv2020;
  validators: Map<string, ValidateFunction>;
}

export const CODAT_OPERATIONS_FILE = path.join(__dirname, 'codat-operations.json');

const SCHEMA_BASE = 'https://writeback-gateway.invalid/contracts/codat';
const DEFS_ID = `${SCHEMA_BASE}/defs.json`;
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Codat documents DateTime as ISO 8601 but returns date-only values, local times without an
 * offset and offsets alike (CONTRACT §2.4), which RFC 3339 `date-time` would reject.
 */
const LENIENT_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Codat's own format names (`decimal`, `ISO4217`, …) carry no checkable rule beyond `type`; the
 * OpenAPI integer formats are left to `type: integer` too, so a big value never fails on range.
 */
const UNCHECKED_FORMATS = ['decimal', 'ISO4217', 'ISO3166 Alpha-3', 'int32', 'int64', 'float', 'double', 'binary'];

let state: ContractState | undefined;

function collectFormats(node: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) collectFormats(item, into);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'format' && typeof value === 'string') into.add(value);
      else collectFormats(value, into);
    }
  }
  return into;
}

function createAjv(extract: CodatExtract, coerceTypes: boolean): Ajv2020 {
  // allErrors so one run reports every problem in a body, not just the first.
  const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes });
  addFormats(ajv);
  for (const name of UNCHECKED_FORMATS) ajv.addFormat(name, true);
  ajv.addFormat('date-time', LENIENT_DATE_TIME);
  // A format added to the spec later must not make Ajv throw at compile time.
  for (const name of collectFormats(extract, new Set())) {
    if (!ajv.formats[name]) ajv.addFormat(name, true);
  }
  ajv.addSchema({ $id: DEFS_ID, $defs: extract.$defs });
  return ajv;
}

/** Points the extract's document-local `#/$defs/…` refs at the shared defs schema. */
function anchorRefs(schema: JsonSchema): JsonSchema {
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (node && typeof node === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(node)) {
        out[key] = key === '$ref' && typeof value === 'string' && value.startsWith('#/$defs/') ? `${DEFS_ID}${value}` : rewrite(value);
      }
      return out;
    }
    return node;
  };
  return rewrite(schema) as JsonSchema;
}

function load(): ContractState {
  if (state) return state;
  const extract = JSON.parse(fs.readFileSync(CODAT_OPERATIONS_FILE, 'utf8')) as CodatExtract;
  state = {
    extract,
    operations: Object.values(extract.operations),
    ajv: createAjv(extract, false),
    // Query values arrive as strings; coercion lets `page=2` satisfy `type: integer`.
    queryAjv: createAjv(extract, true),
    validators: new Map(),
  };
  return state;
}

function validatorFor(cacheKey: string, schema: JsonSchema, coerce = false): ValidateFunction {
  const s = load();
  let validate = s.validators.get(cacheKey);
  if (!validate) {
    const ajv = coerce ? s.queryAjv : s.ajv;
    const anchored = anchorRefs(schema);
    validate = ajv.compile(typeof anchored === 'boolean' ? anchored : { ...anchored, $id: `${SCHEMA_BASE}/${cacheKey}` });
    s.validators.set(cacheKey, validate);
  }
  return validate;
}

function splitPath(rawPath: string): { segments: string[]; search: string } {
  let target = rawPath;
  if (/^https?:\/\//i.test(target)) {
    const url = new URL(target);
    target = `${url.pathname}${url.search}`;
  }
  const hashAt = target.indexOf('#');
  if (hashAt >= 0) target = target.slice(0, hashAt);
  const queryAt = target.indexOf('?');
  const search = queryAt >= 0 ? target.slice(queryAt + 1) : '';
  let pathname = queryAt >= 0 ? target.slice(0, queryAt) : target;
  if (pathname.length > 1 && pathname.endsWith('/')) pathname = pathname.slice(0, -1);
  const segments = pathname
    .split('/')
    .slice(1)
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
  return { segments, search };
}

const templateSegments = new Map<string, (string | null)[]>();

/** A template's segments: the literal text, or null for a `{parameter}`. */
function segmentsOf(template: string): (string | null)[] {
  let segments = templateSegments.get(template);
  if (!segments) {
    segments = template
      .split('/')
      .slice(1)
      .map((segment) => (/^\{[^}]+\}$/.test(segment) ? null : segment));
    templateSegments.set(template, segments);
  }
  return segments;
}

/** Among templates that match, a literal segment beats a parameter at the first position where they differ. */
function moreSpecific(a: (string | null)[], b: (string | null)[]): number {
  for (let i = 0; i < a.length; i++) {
    const aLiteral = a[i] !== null;
    const bLiteral = b[i] !== null;
    if (aLiteral !== bLiteral) return aLiteral ? -1 : 1;
  }
  return 0;
}

function matchSegments(templates: readonly string[], segments: string[]): string | undefined {
  return templates
    .filter((template) => {
      const parts = segmentsOf(template);
      return parts.length === segments.length && parts.every((literal, i) => (literal === null ? segments[i] !== '' : literal === segments[i]));
    })
    .sort((a, b) => moreSpecific(segmentsOf(a), segmentsOf(b)))[0];
}

/** The most specific of `templates` (OpenAPI path templates) that a concrete path fits. */
export function matchPathTemplate(templates: readonly string[], requestPath: string): string | undefined {
  return matchSegments(templates, splitPath(requestPath).segments);
}

function matchOperation(method: string, segments: string[]): CodatOperation | undefined {
  const wanted = method.toUpperCase();
  const candidates = load().operations.filter((operation) => operation.method === wanted);
  const template = matchSegments(
    candidates.map((operation) => operation.path),
    segments,
  );
  return candidates.find((operation) => operation.path === template);
}

/** The extracted operation a request would hit, or undefined when the extract does not cover it. */
export function findCodatOperation(method: string, requestPath: string): CodatOperation | undefined {
  return matchOperation(method, splitPath(requestPath).segments);
}

/** Every operation in the extract, keyed by operationId. */
export function codatOperations(): Readonly<Record<string, CodatOperation>> {
  return load().extract.operations;
}

function describeError(error: ErrorObject): string {
  const where = error.instancePath || '(root)';
  let message = error.message ?? `fails ${error.keyword}`;
  if (error.keyword === 'enum') {
    message += `: ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  } else if (error.keyword === 'additionalProperties') {
    message += `: '${String(error.params.additionalProperty)}'`;
  }
  return `${where} ${message}`;
}

function isEmptyBody(body: unknown): boolean {
  return body === undefined || body === null || body === '';
}

function runSchema(
  operation: CodatOperation,
  label: string,
  cacheKey: string,
  schema: JsonSchema,
  data: unknown,
  coerce = false,
): string[] {
  const validate = validatorFor(cacheKey, schema, coerce);
  if (validate(data)) return [];
  const prefix = `${operation.operationId} (${operation.method} ${operation.path}) ${label}:`;
  return [...new Set((validate.errors ?? []).map((e) => `${prefix} ${describeError(e)}`))];
}

function checkQuery(operation: CodatOperation, query: Record<string, string>): string[] {
  const names = Object.keys(operation.query).sort();
  if (names.length === 0 && Object.keys(query).length === 0) return [];
  const schema: JsonSchema = {
    type: 'object',
    properties: Object.fromEntries(names.map((name) => [name, operation.query[name].schema])),
    required: names.filter((name) => operation.query[name].required),
    // Codat ignores unknown parameters, so sending one is a client bug that would pass silently.
    additionalProperties: false,
  };
  return runSchema(operation, 'request query', `${operation.operationId}/query`, schema, { ...query }, true);
}

function checkRequestBody(operation: CodatOperation, method: string, body: unknown): string[] {
  const prefix = `${operation.operationId} (${operation.method} ${operation.path}) request body:`;
  if (operation.requestBody === undefined || !METHODS_WITH_BODY.has(method)) {
    return isEmptyBody(body) ? [] : [`${prefix} (root) the operation declares no request body`];
  }
  if (isEmptyBody(body)) return [`${prefix} (root) is missing (Codat answers 400 without one)`];
  return runSchema(operation, 'request body', `${operation.operationId}/request`, operation.requestBody, body);
}

function checkResponse(operation: CodatOperation, status: number, body: unknown): string[] {
  const prefix = `${operation.operationId} (${operation.method} ${operation.path}) response ${status}:`;
  const declared = [String(status), `${String(status).charAt(0)}XX`, 'default'].find((key) => key in operation.responses);
  if (declared === undefined) {
    return [`${prefix} (root) status ${status} is not declared (declared: ${Object.keys(operation.responses).join(', ')})`];
  }
  const schema = operation.responses[declared];
  if (schema === null) return isEmptyBody(body) ? [] : [`${prefix} (root) the spec declares no body for this status`];
  if (isEmptyBody(body)) return [`${prefix} (root) body is missing`];
  return runSchema(operation, `response ${status}`, `${operation.operationId}/response/${declared}`, schema, body);
}

export function validateCodatExchange(ex: CodatExchange): CodatExchangeResult {
  const method = ex.method.toUpperCase();
  const { segments, search } = splitPath(ex.path);
  const operation = matchOperation(method, segments);
  if (!operation) return { operation: null, errors: [] };

  const query = { ...Object.fromEntries(new URLSearchParams(search)), ...(ex.query ?? {}) };
  return {
    operation: operation.operationId,
    errors: [
      ...checkQuery(operation, query),
      ...checkRequestBody(operation, method, ex.requestBody),
      ...checkResponse(operation, ex.status, ex.responseBody),
    ],
  };
}
