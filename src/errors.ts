import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ArgumentValidationError } from 'type-graphql';
import { ProviderError } from './providers/provider-error';
import { requestErrorField } from './common/error-field';

/** The only error codes a client ever sees in `extensions.code`. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'MAPPING_INCOMPLETE'
  | 'CONFLICT'
  | 'PROVIDER_UNAVAILABLE'
  | 'PROVIDER_REJECTED'
  // The borrower must authorise the gateway again at their provider (the provider refused its credentials).
  | 'RECONNECT_REQUIRED'
  // The company's provider cannot do what was asked.
  | 'UNSUPPORTED'
  // The request itself is refused before anything runs (see src/common/graphql-limits.ts).
  | 'BAD_REQUEST'
  | 'PAYLOAD_TOO_LARGE'
  | 'OPERATION_NAME_INVALID'
  | 'QUERY_TOO_DEEP'
  | 'TOO_MANY_ALIASES'
  | 'TOO_MANY_TOKENS'
  | 'QUERY_TOO_COSTLY'
  | 'INTERNAL';

/** An error meant for the caller: its message is shown as is, with its code and details. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badInput = (field: string, message: string) => new AppError('BAD_USER_INPUT', message, { field });
export const notFound = (what: string, id: string) => new AppError('NOT_FOUND', `${what} ${id} was not found`, { id });

/**
 * Turns a provider failure into the caller-facing error, naming the provider by its display name:
 * rejected means fix the data, refused credentials mean the borrower must reconnect, the rest means
 * try later. The only place a provider failure becomes a GraphQL error.
 */
export function fromProviderError(err: ProviderError): AppError {
  const provider = err.details.provider ?? 'The accounting provider';
  const messages = err.details.messages ?? [];
  switch (err.kind) {
    case 'REJECTED':
      return new AppError('PROVIDER_REJECTED', `${provider} rejected the request: ${err.message}`, { providerMessages: messages });
    case 'NOT_FOUND':
      return new AppError('PROVIDER_REJECTED', `${provider} could not find it: ${err.message}`, { providerMessages: messages });
    case 'UNAUTHORIZED':
      return new AppError('RECONNECT_REQUIRED', `${provider} refused the gateway's credentials for this company; the borrower must connect their books again: ${err.message}`);
    default:
      return new AppError('PROVIDER_UNAVAILABLE', `${provider} is unavailable, try again later: ${err.message}`, {
        retryAfterMs: err.details.retryAfterMs,
      });
  }
}

/** The one mapping from any thrown error to what leaves the server. Unknown errors are masked. */
export function formatError(formatted: GraphQLFormattedError, error: unknown, onUnexpected: (e: unknown) => void): GraphQLFormattedError {
  const original = protocolError(error) ?? unwrapResolverError(error);
  if (original instanceof AppError) {
    return { message: original.message, path: formatted.path, locations: formatted.locations, extensions: { code: original.code, ...original.details } };
  }
  if (original instanceof ProviderError) {
    const app = fromProviderError(original);
    return { message: app.message, path: formatted.path, locations: formatted.locations, extensions: { code: app.code, ...app.details } };
  }
  if (original instanceof ArgumentValidationError) {
    const { field, message } = firstViolation(original.extensions.validationErrors as Violation[] | undefined);
    return { message, path: formatted.path, extensions: { code: 'BAD_USER_INPUT', field } };
  }
  const code = formatted.extensions?.code;
  // Apollo's own request errors: a malformed HTTP request, or no operation matching `operationName`.
  if (code === 'BAD_REQUEST' || code === 'OPERATION_RESOLUTION_FAILURE') {
    return { message: formatted.message, extensions: { code: code === 'BAD_REQUEST' ? 'BAD_REQUEST' : 'OPERATION_NAME_INVALID' } };
  }
  // graphql-js's and Apollo's own request errors (syntax, validation, argument coercion) describe the request.
  if ((original instanceof GraphQLError && !original.originalError) || code === 'BAD_USER_INPUT' || code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED') {
    // The field is derived from the document; a fault in the document itself (syntax) names `query`.
    const field = requestErrorField(error, formatted.message) ?? 'query';
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code: 'BAD_USER_INPUT', field } };
  }
  onUnexpected(original);
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL' } };
}

/** A limit rule's refusal: reported in validation as a GraphQLError carrying the AppError (Apollo re-wraps it). */
function protocolError(error: unknown): AppError | undefined {
  return error instanceof GraphQLError && error.originalError instanceof AppError && !error.path ? error.originalError : undefined;
}

interface Violation {
  property: string;
  constraints?: Record<string, string>;
  children?: Violation[];
}

/** The first class-validator failure, with a dotted path into nested inputs (e.g. `address.postalCode`). */
function firstViolation(violations: Violation[] | undefined, prefix = ''): { field?: string; message: string } {
  const v = violations?.[0];
  if (!v) return { message: 'invalid input' };
  const field = `${prefix}${v.property}`;
  if (v.constraints) return { field, message: Object.values(v.constraints)[0] };
  return v.children?.length ? firstViolation(v.children, `${field}.`) : { field, message: `${field} is invalid` };
}
