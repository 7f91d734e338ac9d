/**
 * What a sandbox handler answers: a status, a JSON body (none for 204) and headers.
 *
 * @example
 * const created: Reply = { status: 200, body: { id: 42 } };
 */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** How one provider words the answers the provider-neutral edge makes on its own. */
export interface ErrorDialect {
  /** No credentials, or credentials the sandbox does not accept. */
  unauthorized(): Reply;
  /** An injected rate limit; the reply carries `Retry-After`. */
  rateLimited(retryAfterSeconds: number): Reply;
  /** An injected server failure. */
  serverError(): Reply;
  /** A body that is not JSON. */
  badJson(): Reply;
  /** A body larger than the edge accepts. */
  tooLarge(): Reply;
  /** A path the sandbox does not serve, or (with a message) a thing it does not have. */
  notFound(message?: string): Reply;
  /** A request the sandbox refuses with a message of its own (admin routes, fault specs, unreadable forms). */
  badRequest(message: string): Reply;
  /** Anything a handler threw: the provider's own errors become their reply, a SandboxInputError a badRequest, anything else a 500. */
  fromThrown(error: unknown): Reply;
}

/**
 * Thrown when a caller's input to the sandbox's own controls is wrong; every dialect answers it
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
