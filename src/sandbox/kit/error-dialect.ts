import type { Reply } from './reply';

/**
 * How one provider words the errors its edge produces, so that the kit's generic pipeline answers
 * in the provider's own error body (an ErrorMessage, an ApiException, an ApiResponse…).
 *
 * @example
 * const dialect: ErrorDialect = {
 *   unauthorized: () => apiResponse(401, 'error', 'Unauthorized'),
 *   rateLimited: (seconds) => ({ ...apiResponse(429, 'error', 'Too many requests'), headers: { 'Retry-After': String(seconds) } }),
 *   // …one method per situation below
 * };
 */
export interface ErrorDialect {
  /** No credentials, or credentials the sandbox does not accept. */
  unauthorized(): Reply;
  /** An injected (or real) rate limit; the reply should carry `Retry-After`. */
  rateLimited(retryAfterSeconds: number): Reply;
  /** An injected server failure. */
  serverError(): Reply;
  /** A request whose idempotency key is held by a request still running. */
  keyInFlight(): Reply;
  /** A request reusing an idempotency key with a different method, path, query or body. */
  keyMismatch(): Reply;
  /** A body that is not JSON. */
  badJson(): Reply;
  /** A body larger than the edge accepts. */
  tooLarge(): Reply;
  /** A path the sandbox does not serve, or (with a message) a thing it does not have. */
  notFound(message?: string): Reply;
  /** A request the sandbox refuses with a message of its own (admin routes, fault specs). */
  badRequest(message: string): Reply;
  /**
   * Anything a handler threw: the provider's own error types become their reply, a
   * `SandboxInputError` a `badRequest`, and anything else a 500 that names the sandbox.
   */
  fromThrown(error: unknown): Reply;
}

/**
 * Thrown by the kit (and by emulators) when a caller's input is wrong; every dialect answers it
 * with its `badRequest` reply.
 *
 * @example
 * if (!Number.isInteger(count)) throw new SandboxInputError('count must be a positive integer.');
 */
export class SandboxInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SandboxInputError';
  }
}
