import fs from 'fs';
import Ajv2020, { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Exchange } from '../../../src/sandbox/kit';
import { matchSegments, splitPath } from './path-templates';

/** An exchange to check: what the sandbox's exchange recorder reports, or one written by hand in a test. */
export type CheckedExchange = Pick<Exchange, 'method' | 'path' | 'status'> & Partial<Pick<Exchange, 'query' | 'requestBody' | 'responseBody'>>;

export interface ExchangeResult {
  /** operationId of the matched operation, or null when the path/method is not one the extract covers. */
  operation: string | null;
  errors: string[];
}

/** An exchange's errors, the request's apart from the answer's. */
export interface ExchangeCheck {
  operation: string | null;
  /** The request's (query and body): a test's own doing when it sends bad input on purpose. */
  requestErrors: string[];
  /** The answer's: the sandbox's (or the provider's). */
  responseErrors: string[];
}

export type JsonSchema = boolean | { [keyword: string]: unknown };

export interface QueryParameter {
  required: boolean;
  schema: JsonSchema;
}

/** One operation of an extract (scripts/contracts/openapi-extract.js). */
export interface ContractOperation {
  method: string;
  path: string;
  operationId: string;
  query: Record<string, QueryParameter>;
  requestBody?: JsonSchema;
  /** Set when the request body comes from another spec than the operation. */
  requestBodySource?: string;
  /** The operation's own request body when `requestBodySource` replaced it. */
  declaredRequestBody?: JsonSchema;
  /** Status code (or `4XX`/`default`) -> body schema; null means the status has no body. */
  responses: Record<string, JsonSchema | null>;
}

/** How exchanges are read, from the contract file's `validation` (see scripts/contracts/openapi-extract.js). */
export interface ValidationRules {
  /** Every input is declared as a query parameter: a body's fields are checked against those parameters. */
  inputsInQuery?: boolean;
  /** The body of every 4XX/5XX answer, whatever the operation declares. */
  errorBody?: JsonSchema;
  /** Flags applied to every `pattern` (the spec writes them as `/…/i` literals). */
  patternFlags?: string;
  /** A status the spec declares without content may still carry a body, of any shape. */
  bodiesWithoutSchema?: boolean;
}

export interface Extract {
  operations: Record<string, ContractOperation>;
  $defs: Record<string, JsonSchema>;
  validation?: ValidationRules;
  /** Named schemas for exchanges the spec has no path for (the contract file's `schemas`). */
  schemas?: Record<string, JsonSchema>;
}

export interface ContractOptions {
  /** The provider's name in messages ("Codat answers 400 without one"). */
  displayName: string;
  /**
   * Formats the provider's answers stretch, each a known looseness of the spec: a pattern the
   * values must match, or `true` for a format that carries no checkable rule beyond its type.
   */
  formats?: Record<string, RegExp | true>;
  /** Whether a query parameter the operation does not declare is an error (the provider ignores it silently). */
  closedQuery?: boolean;
}

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * A provider's contract, from its extract: finds the operation an exchange hits and checks its
 * query, request body and response against the spec's schemas with Ajv. Compiles lazily.
 *
 * @example
 * const codat = new Contract(() => JSON.parse(fs.readFileSync('codat-operations.json', 'utf8')), { displayName: 'Codat', closedQuery: true });
 * codat.validate({ method: 'GET', path: '/companies/8a21…', status: 200, responseBody: company }).errors; // []
 */
export class Contract {
  private state?: { extract: Extract; operations: ContractOperation[]; ajv: Ajv2020; queryAjv: Ajv2020; validators: Map<string, ValidateFunction> };
  private readonly base: string;

  constructor(private readonly source: () => Extract, private readonly options: ContractOptions) {
    this.base = `https://writeback-gateway.invalid/contracts/${options.displayName.toLowerCase().replace(/\W+/g, '-')}`;
  }

  /** From a committed extract file. */
  static fromFile(file: string, options: ContractOptions): Contract {
    return new Contract(() => JSON.parse(fs.readFileSync(file, 'utf8')) as Extract, options);
  }

  /** Every operation in the extract, keyed by operationId. */
  operations(): Readonly<Record<string, ContractOperation>> {
    return this.load().extract.operations;
  }

  /** The extracted operation a request would hit, or undefined when the extract does not cover it. */
  find(method: string, requestPath: string): ContractOperation | undefined {
    return this.match(method, splitPath(requestPath).segments);
  }

  /** Compiles every schema of one operation (query, request, each response), throwing on a schema Ajv refuses. */
  compile(operationId: string): number {
    const operation = this.operations()[operationId];
    if (!operation) throw new Error(`${this.options.displayName}: no operation ${operationId} in the extract`);
    let compiled = 0;
    this.validatorFor(`${operationId}/query`, this.querySchema(operation), true);
    compiled += 1;
    if (operation.requestBody !== undefined) {
      this.validatorFor(`${operationId}/request`, operation.requestBody);
      compiled += 1;
    }
    for (const [status, schema] of Object.entries(operation.responses)) {
      if (schema === null) continue;
      this.validatorFor(`${operationId}/response/${status}`, schema);
      compiled += 1;
    }
    return compiled;
  }

  validate(ex: CheckedExchange): ExchangeResult {
    const { operation, requestErrors, responseErrors } = this.check(ex);
    return { operation, errors: [...requestErrors, ...responseErrors] };
  }

  /**
   * Checks a body against one of the extract's named schemas (the contract file's `schemas`).
   *
   * @example
   * xero.validateSchema('accessToken', tokenResponse.body); // [] when it conforms
   */
  validateSchema(name: string, body: unknown): string[] {
    const schema = this.load().extract.schemas?.[name];
    if (!schema) throw new Error(`${this.options.displayName}: no schema ${name} in the extract`);
    const validate = this.validatorFor(`schemas/${name}`, schema);
    return validate(body) ? [] : [...new Set((validate.errors ?? []).map((e) => `${name}: ${describeError(e)}`))];
  }

  /** As `validate`, with the request's errors apart from the answer's. */
  check(ex: CheckedExchange): ExchangeCheck {
    const method = ex.method.toUpperCase();
    const { segments, search } = splitPath(ex.path);
    const operation = this.match(method, segments);
    if (!operation) return { operation: null, requestErrors: [], responseErrors: [] };
    const query = { ...Object.fromEntries(new URLSearchParams(search)), ...(ex.query ?? {}) };
    const rules = this.load().extract.validation ?? {};
    const requestErrors = rules.inputsInQuery && operation.requestBody === undefined
      ? this.checkInputs(operation, method, query, ex.requestBody)
      : [...this.checkQuery(operation, query), ...this.checkRequestBody(operation, method, ex.requestBody)];
    const responseErrors = rules.errorBody && ex.status >= 400 && !isEmptyBody(ex.responseBody)
      ? this.run(operation, `response ${ex.status}`, 'errorBody', rules.errorBody, ex.responseBody)
      : this.checkResponse(operation, ex.status, ex.responseBody);
    return { operation: operation.operationId, requestErrors, responseErrors };
  }

  private load() {
    if (this.state) return this.state;
    const extract = this.source();
    this.state = {
      extract,
      operations: Object.values(extract.operations),
      ajv: this.createAjv(extract, false),
      // Query values arrive as strings; coercion lets `page=2` satisfy `type: integer`.
      queryAjv: this.createAjv(extract, true),
      validators: new Map(),
    };
    return this.state;
  }

  private createAjv(extract: Extract, coerceTypes: boolean): Ajv2020 {
    // allErrors so one run reports every problem in a body, not just the first.
    const flags = extract.validation?.patternFlags;
    const regExp = flags ? { regExp: (pattern: string, given: string) => new RegExp(pattern, [...new Set(`${given}${flags}`)].join('')) } : {};
    const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes, code: regExp as never });
    addFormats(ajv);
    for (const [name, rule] of Object.entries(this.options.formats ?? {})) ajv.addFormat(name, rule);
    // A format added to the spec later must not make Ajv throw at compile time.
    for (const name of collectFormats(extract, new Set())) if (!ajv.formats[name]) ajv.addFormat(name, true);
    ajv.addSchema({ $id: `${this.base}/defs.json`, $defs: extract.$defs });
    return ajv;
  }

  private validatorFor(cacheKey: string, schema: JsonSchema, coerce = false): ValidateFunction {
    const s = this.load();
    let validate = s.validators.get(cacheKey);
    if (!validate) {
      const anchored = anchorRefs(schema, `${this.base}/defs.json`);
      validate = (coerce ? s.queryAjv : s.ajv).compile(typeof anchored === 'boolean' ? anchored : { ...anchored, $id: `${this.base}/${encodeURI(cacheKey)}` });
      s.validators.set(cacheKey, validate);
    }
    return validate;
  }

  private match(method: string, segments: string[]): ContractOperation | undefined {
    const wanted = method.toUpperCase();
    const candidates = this.load().operations.filter((operation) => operation.method === wanted);
    const template = matchSegments(candidates.map((operation) => operation.path), segments);
    return candidates.find((operation) => operation.path === template);
  }

  private run(operation: ContractOperation, label: string, cacheKey: string, schema: JsonSchema, data: unknown, coerce = false): string[] {
    const validate = this.validatorFor(cacheKey, schema, coerce);
    if (validate(data)) return [];
    const prefix = `${operation.operationId} (${operation.method} ${operation.path}) ${label}:`;
    return [...new Set((validate.errors ?? []).map((e) => `${prefix} ${describeError(e)}`))];
  }

  private querySchema(operation: ContractOperation): JsonSchema {
    const names = Object.keys(operation.query).sort();
    return {
      type: 'object',
      properties: Object.fromEntries(names.map((name) => [name, operation.query[name].schema])),
      required: names.filter((name) => operation.query[name].required),
      ...(this.options.closedQuery ? { additionalProperties: false } : {}),
    };
  }

  private checkQuery(operation: ContractOperation, query: Record<string, string>): string[] {
    if (Object.keys(operation.query).length === 0 && Object.keys(query).length === 0) return [];
    // An array parameter arrives as one comma-separated value (OpenAPI's default form style, explode aside).
    const values = Object.fromEntries(Object.entries(query).map(([name, value]) => {
      const schema = operation.query[name]?.schema;
      const isArray = typeof schema === 'object' && schema.type === 'array';
      return [name, isArray && typeof value === 'string' ? value.split(',') : value];
    }));
    return this.run(operation, 'request query', `${operation.operationId}/query`, this.querySchema(operation), values, true);
  }

  /**
   * For specs that declare every input as a query parameter: the query's values (text) and a JSON
   * or form body's fields (typed) are checked against those parameters, which must all be given
   * in one or the other; a body field the operation does not declare is an error.
   */
  private checkInputs(operation: ContractOperation, method: string, query: Record<string, string>, body: unknown): string[] {
    const prefix = `${operation.operationId} (${operation.method} ${operation.path}) request`;
    const fields = body && typeof body === 'object' && !Array.isArray(body) && METHODS_WITH_BODY.has(method) ? (body as Record<string, unknown>) : {};
    if (!isEmptyBody(body) && fields !== body) return [`${prefix} body: (root) must be an object of the operation's parameters`];
    const params = operation.query;
    const names = Object.keys(params).sort();
    const errors = names.filter((name) => params[name].required && !(name in query) && !(name in fields)).map((name) => `${prefix}: ${name} is required`);
    const queryOnly = Object.fromEntries(Object.entries(query).filter(([name]) => !(name in fields)));
    const open = { type: 'object', properties: Object.fromEntries(names.map((name) => [name, params[name].schema])) };
    if (Object.keys(queryOnly).length > 0) errors.push(...this.run(operation, 'request query', `${operation.operationId}/inputs-query`, open, queryOnly, true));
    if (Object.keys(fields).length > 0) {
      errors.push(...this.run(operation, 'request body', `${operation.operationId}/inputs-body`, { ...open, additionalProperties: false }, fields));
    }
    return errors;
  }

  private checkRequestBody(operation: ContractOperation, method: string, body: unknown): string[] {
    const prefix = `${operation.operationId} (${operation.method} ${operation.path}) request body:`;
    if (operation.requestBody === undefined || !METHODS_WITH_BODY.has(method)) {
      return isEmptyBody(body) ? [] : [`${prefix} (root) the operation declares no request body`];
    }
    if (isEmptyBody(body)) return [`${prefix} (root) is missing (${this.options.displayName} answers 400 without one)`];
    return this.run(operation, 'request body', `${operation.operationId}/request`, operation.requestBody, body);
  }

  private checkResponse(operation: ContractOperation, status: number, body: unknown): string[] {
    const prefix = `${operation.operationId} (${operation.method} ${operation.path}) response ${status}:`;
    const declared = [String(status), `${String(status).charAt(0)}XX`, 'default'].find((key) => key in operation.responses);
    if (declared === undefined) {
      return [`${prefix} (root) status ${status} is not declared (declared: ${Object.keys(operation.responses).join(', ')})`];
    }
    const schema = operation.responses[declared];
    if (schema === null) return isEmptyBody(body) || this.load().extract.validation?.bodiesWithoutSchema ? [] : [`${prefix} (root) the spec declares no body for this status`];
    if (isEmptyBody(body)) return [`${prefix} (root) body is missing`];
    return this.run(operation, `response ${status}`, `${operation.operationId}/response/${declared}`, schema, body);
  }
}

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

/** Points the extract's document-local `#/$defs/…` refs at the shared defs schema. */
function anchorRefs(schema: JsonSchema, defsId: string): JsonSchema {
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (node && typeof node === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(node)) {
        out[key] = key === '$ref' && typeof value === 'string' && value.startsWith('#/$defs/') ? `${defsId}${value}` : rewrite(value);
      }
      return out;
    }
    return node;
  };
  return rewrite(schema) as JsonSchema;
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
