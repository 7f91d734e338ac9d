import fs from 'fs';
import path from 'path';
import yaml from 'js-yaml';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { SINAO_SPEC_BUGS, UNCHECKED_FORMATS } from './sinao-spec-bugs';

/**
 * Checks one HTTP exchange with Sinao (or its sandbox) against Sinao's published specification,
 * ../shared/contracts/sinao/openapi.yaml, read with the corrections listed in sinao-spec-bugs.ts.
 * The specification declares every input as a query parameter: a JSON or form body is checked
 * field by field against those parameters. It declares no error body; error answers are checked
 * against ApiResponse, the body its deletes and actions answer.
 */

export interface SinaoExchangeLike {
  method: string;
  /** Relative to the API root (`/apps/12/transactions/`), without the query string. */
  path: string;
  query?: Record<string, unknown>;
  requestBody?: unknown;
  status: number;
  responseBody?: unknown;
}

export interface SinaoCheck {
  /** operationId of the matched operation, or null when the specification has no such path and method. */
  operation: string | null;
  requestErrors: string[];
  responseErrors: string[];
}

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const SPEC_ID = 'https://writeback-gateway.invalid/contracts/sinao/openapi.json';

interface Operation {
  method: string;
  template: string;
  regex: RegExp;
  literalSegments: number;
  operationId: string;
  parameters: Array<{ name: string; in: string; required?: boolean; schema?: unknown }>;
  responses: Record<string, any>;
}

let loaded: { doc: any; ajv: Ajv; operations: Operation[]; validators: Map<string, ValidateFunction> } | undefined;

/** $SINAO_SPEC_FILE, else shared/contracts/sinao/openapi.yaml beside the checkout (or beside its parent folder, for a worktree). */
export function sinaoSpecFile(): string {
  const candidates = [
    process.env.SINAO_SPEC_FILE,
    path.resolve(REPO_ROOT, '..', 'shared', 'contracts', 'sinao', 'openapi.yaml'),
    path.resolve(REPO_ROOT, '..', '..', 'shared', 'contracts', 'sinao', 'openapi.yaml'),
  ].filter((file): file is string => Boolean(file));
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found) throw new Error(`Sinao's specification was not found (set SINAO_SPEC_FILE); looked at ${candidates.join(', ')}`);
  return found;
}

function load() {
  if (loaded) return loaded;
  const doc = yaml.load(fs.readFileSync(sinaoSpecFile(), 'utf8')) as any;
  for (const bug of SINAO_SPEC_BUGS) bug.patch(doc);
  toJsonSchema(doc.components);
  for (const item of Object.values(doc.paths) as any[]) toJsonSchema(item);
  // OpenAPI 3.0 schemas are draft-04-like: `nullable` is handled by toJsonSchema, unknown keywords are ignored.
  const ajv = new Ajv({ strict: false, allErrors: true, code: { regExp: (pattern: string, flags: string) => new RegExp(pattern, `${flags}i`) } as any });
  addFormats(ajv);
  for (const format of UNCHECKED_FORMATS) ajv.addFormat(format, true);
  ajv.addSchema({ $id: SPEC_ID, components: doc.components });
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(doc.paths) as Array<[string, any]>) {
    for (const method of ['get', 'post', 'put', 'delete', 'patch']) {
      const op = item[method];
      if (!op) continue;
      const source = template.split('/').map((segment) => (/^\{[^}]+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/');
      operations.push({
        method: method.toUpperCase(),
        template,
        regex: new RegExp(`^${source}$`),
        literalSegments: template.split('/').filter((s) => s && !s.startsWith('{')).length,
        operationId: op.operationId,
        parameters: (op.parameters ?? []).map((p: any) => (p.$ref ? resolve(doc, p.$ref) : p)),
        responses: op.responses ?? {},
      });
    }
  }
  operations.sort((a, b) => b.literalSegments - a.literalSegments);
  loaded = { doc, ajv, operations, validators: new Map() };
  return loaded;
}

/** The operation a method and path address, trailing slash included, as the specification writes it. */
export function sinaoOperation(method: string, requestPath: string): string | null {
  return findOperation(method, requestPath)?.operationId ?? null;
}

function findOperation(method: string, requestPath: string): Operation | undefined {
  return load().operations.find((op) => op.method === method.toUpperCase() && op.regex.test(requestPath));
}

export function validateSinaoExchange(exchange: SinaoExchangeLike): SinaoCheck {
  const op = findOperation(exchange.method, exchange.path);
  if (!op) return { operation: null, requestErrors: [`${exchange.method} ${exchange.path} is not in Sinao's specification`], responseErrors: [] };
  return { operation: op.operationId, requestErrors: requestErrors(op, exchange), responseErrors: responseErrors(op, exchange) };
}

function requestErrors(op: Operation, exchange: SinaoExchangeLike): string[] {
  const errors: string[] = [];
  const body = exchange.requestBody && typeof exchange.requestBody === 'object' && !Array.isArray(exchange.requestBody) ? (exchange.requestBody as Record<string, unknown>) : {};
  const inputs: Record<string, unknown> = { ...(exchange.query ?? {}), ...body };
  const declared = new Set(op.parameters.map((p) => p.name));
  for (const param of op.parameters.filter((p) => p.in === 'query')) {
    const value = inputs[param.name];
    if (value === undefined) {
      if (param.required) errors.push(`${op.operationId} request: ${param.name} is required`);
      continue;
    }
    // Query values arrive as text; only body values are checked for their JSON types.
    if (!(param.name in body)) continue;
    const validate = validator(`${op.operationId}#${param.name}`, param.schema ?? {});
    if (!validate(value)) errors.push(...describe(`${op.operationId} request ${param.name}`, validate));
  }
  for (const name of Object.keys(body)) if (!declared.has(name)) errors.push(`${op.operationId} request: ${name} is not a parameter of the operation`);
  return errors;
}

function responseErrors(op: Operation, exchange: SinaoExchangeLike): string[] {
  const status = String(exchange.status);
  const declared = op.responses[status];
  const schema = declared?.content?.['application/json']?.schema;
  if (exchange.status >= 400) {
    // ApiResponse declares no required field; an error body without its three fields tells the client nothing.
    const validate = validator('ApiResponse', { allOf: [{ $ref: '#/components/schemas/ApiResponse' }], required: ['code', 'message', 'type'] });
    return validate(exchange.responseBody) ? [] : describe(`${op.operationId} response ${status} (ApiResponse)`, validate);
  }
  if (!declared) return [`${op.operationId} response ${status}: status not declared (declared: ${Object.keys(op.responses).join(', ')})`];
  if (!schema) return [];
  const validate = validator(`${op.operationId}@${status}`, schema);
  return validate(exchange.responseBody) ? [] : describe(`${op.operationId} response ${status}`, validate);
}

function validator(key: string, schema: unknown): ValidateFunction {
  const state = load();
  let validate = state.validators.get(key);
  if (!validate) {
    validate = state.ajv.compile(anchor(schema) as object);
    state.validators.set(key, validate);
  }
  return validate;
}

function describe(prefix: string, validate: ValidateFunction): string[] {
  return (validate.errors ?? []).slice(0, 10).map((e) => `${prefix}: ${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
}

/** Points the document's `#/components/...` refs at the registered specification. */
function anchor(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(anchor);
  if (schema && typeof schema === 'object') {
    return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${SPEC_ID}${v}` : anchor(v)]));
  }
  return schema;
}

/** OpenAPI 3.0 `nullable: true` becomes a type that also allows null. */
function toJsonSchema(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(toJsonSchema);
  if (!node || typeof node !== 'object') return;
  const object = node as Record<string, any>;
  if (object.nullable === true && typeof object.type === 'string') object.type = [object.type, 'null'];
  if (object.nullable === true && Array.isArray(object.enum)) object.enum = [...object.enum, null];
  for (const value of Object.values(object)) toJsonSchema(value);
}

function resolve(doc: any, ref: string): any {
  return ref.replace(/^#\//, '').split('/').reduce((node, part) => node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
}
