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

/** Turns a provider failure into the caller-facing error: rejected means fix the data, the rest means try later. */
export function fromProviderError(err: ProviderError, provider = 'the accounting provider'): AppError {
  const messages = err.details.messages ?? [];
  switch (err.kind) {
    case 'REJECTED':
      return new AppError('PROVIDER_REJECTED', `${provider} rejected the request: ${err.message}`, { providerMessages: messages });
    case 'NOT_FOUND':
      return new AppError('PROVIDER_REJECTED', `${provider} could not find it: ${err.message}`, { providerMessages: messages });
    case 'UNAUTHORIZED':
      return new AppError('PROVIDER_UNAVAILABLE', `${provider} refused the gateway's credentials: ${err.message}`);
    default:
      return new AppError('PROVIDER_UNAVAILABLE', `${provider} is unavailable, try again later: ${err.message}`, {
        retryAfterMs: err.details.retryAfterMs,
      });
  }
}

/** The one mapping from any thrown error to what leaves the server. Unknown errors are masked. */
export function formatError(formatted: GraphQLFormattedError, error: unknown, onUnexpected: (e: unknown) => void): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof AppError) {
    return { message: original.message, path: formatted.path, locations: formatted.locations, extensions: { code: original.code, ...original.details } };
  }
  if (original instanceof ProviderError) {
    const app = fromProviderError(original);
    return { message: app.message, path: formatted.path, extensions: { code: app.code, ...app.details } };
  }
  if (original instanceof ArgumentValidationError) {
    const { field, message } = firstViolation(original.extensions.validationErrors as Violation[] | undefined);
    return { message, path: formatted.path, extensions: { code: 'BAD_USER_INPUT', field } };
  }
  const code = formatted.extensions?.code;
  // graphql-js's and Apollo's own request errors (syntax, validation, argument coercion) describe the request.
  if ((original instanceof GraphQLError && !original.originalError) || code === 'BAD_USER_INPUT' || code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED' || code === 'BAD_REQUEST') {
    // The field is derived from the document; a fault in the document itself (syntax) names `query`.
    const field = requestErrorField(error, formatted.message) ?? 'query';
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code: 'BAD_USER_INPUT', field } };
  }
  onUnexpected(original);
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL' } };
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
