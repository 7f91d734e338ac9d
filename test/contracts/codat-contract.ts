import path from 'path';
import { Contract, type CheckedExchange, type ContractOperation, type ExchangeResult } from './kit/contract';

export { matchPathTemplate } from './kit/path-templates';
export type CodatOperation = ContractOperation;

/**
 * Codat's contract: every exchange with Codat (or the sandbox emulator) checked against the
 * operations extracted from Codat's OpenAPI specs into codat-operations.json (regenerate with
 * `npm run contracts:extract`; the operation list is codat.contract.js).
 */
export const CODAT_OPERATIONS_FILE = path.join(__dirname, 'codat-operations.json');

export const codatContract = Contract.fromFile(CODAT_OPERATIONS_FILE, {
  displayName: 'Codat',
  // Codat ignores unknown parameters, so sending one is a client bug that would pass silently.
  closedQuery: true,
  formats: {
    // Codat documents DateTime as ISO 8601 but returns date-only values, local times without an
    // offset and offsets alike, which RFC 3339 `date-time` would reject.
    'date-time': /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/i,
    // Codat's own format names carry no checkable rule beyond `type`; the OpenAPI integer formats
    // are left to `type: integer` too, so a big value never fails on range.
    decimal: true,
    ISO4217: true,
    'ISO3166 Alpha-3': true,
    int32: true,
    int64: true,
    float: true,
    double: true,
    binary: true,
  },
});

/** The extracted operation a request would hit, or undefined when the extract does not cover it. */
export function findCodatOperation(method: string, requestPath: string): CodatOperation | undefined {
  return codatContract.find(method, requestPath);
}

/** Every operation in the extract, keyed by operationId. */
export function codatOperations(): Readonly<Record<string, CodatOperation>> {
  return codatContract.operations();
}

export function validateCodatExchange(ex: CheckedExchange): ExchangeResult {
  return codatContract.validate(ex);
}
