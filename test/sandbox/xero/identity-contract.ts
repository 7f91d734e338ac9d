import { providerContract } from '../../contracts/kit/provider-contract';

/**
 * The identity sandbox's answers checked against Xero's identity spec (xero-identity.yaml in the
 * shared contracts folder), through the contracts kit and test/contracts/xero.contract.js.
 */
const xero = providerContract('xero', {
  // Xero's own example writes connection dates without an offset ("2019-12-07T18:46:19.5165400").
  formats: { 'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?$/i },
});

/** Errors of a `GET /Connections` 200 body against the spec; empty when it conforms. */
export function connectionsViolations(body: unknown): string[] {
  return xero.check({ method: 'GET', path: '/Connections', status: 200, responseBody: body }).responseErrors;
}

/** Errors of a token endpoint 200 body against the spec's `AccessToken`; empty when it conforms. */
export function accessTokenViolations(body: unknown): string[] {
  return xero.validateSchema('accessToken', body);
}

/** The statuses the spec declares for an operation (DELETE /Connections/{id}: 204, 404). */
export function declaredStatuses(pathKey: string, method: string): string[] {
  const operation = Object.values(xero.operations()).find((op) => op.path === pathKey && op.method === method.toUpperCase());
  if (!operation) throw new Error(`No ${method.toUpperCase()} ${pathKey} in Xero's contract`);
  return Object.keys(operation.responses);
}
