import fs from 'fs';
import path from 'path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import yaml from 'js-yaml';

/**
 * Validates the sandbox's JSON answers against Xero's identity spec. `xero-identity.yaml` here is
 * an unmodified copy of Xero's (XeroAPI/Xero-OpenAPI, spec 16.1.0, sha256 d95f4204…2bd), as in
 * the shared contracts folder.
 */
const spec = yaml.load(fs.readFileSync(path.join(__dirname, 'xero-identity.yaml'), 'utf8')) as {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>>;
  components: { schemas: Record<string, object> };
};

// OpenAPI 3.0 schemas are draft-04-like with extensions (x-is-datetime, externalDocs): not strict.
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
// Xero's own example writes connection dates without an offset ("2019-12-07T18:46:19.5165400").
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?$/i);
ajv.addSchema({ $id: 'xero-identity', components: spec.components });

const refs = (node: unknown): unknown => {
  if (Array.isArray(node)) return node.map(refs);
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, key === '$ref' ? `xero-identity${value}` : refs(value)]));
  }
  return node;
};

const validators = new Map<string, ValidateFunction>();
function validator(key: string, schema: () => object): ValidateFunction {
  if (!validators.has(key)) validators.set(key, ajv.compile(refs(schema()) as object));
  return validators.get(key)!;
}

/** Errors of a `GET /Connections` 200 body against the spec; empty when it conforms. */
export function connectionsViolations(body: unknown): string[] {
  const validate = validator('connections', () => spec.paths['/Connections'].get.responses['200'].content!['application/json'].schema);
  return validate(body) ? [] : ajv.errorsText(validate.errors).split(', ');
}

/** Errors of a token endpoint 200 body against the spec's `AccessToken`; empty when it conforms. */
export function accessTokenViolations(body: unknown): string[] {
  const validate = validator('token', () => ({ $ref: '#/components/schemas/AccessToken' }));
  return validate(body) ? [] : ajv.errorsText(validate.errors).split(', ');
}

/** The statuses the spec declares for an operation (DELETE /Connections/{id}: 204, 404). */
export function declaredStatuses(pathKey: string, method: string): string[] {
  return Object.keys(spec.paths[pathKey][method].responses);
}
