import { SandboxInputError, type ErrorDialect, type Reply } from '../kit';

/**
 * An error answered as Sinao's `ApiResponse` (#/components/schemas/ApiResponse: code, message,
 * type). The specification gives that schema but no error body and no values for `type`; the
 * sandbox answers every error with it, `code` repeating the HTTP status and `type` naming the
 * kind of failure.
 */
export class SinaoError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly type: string = defaultType(statusCode),
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }

  toBody(): { code: number; message: string; type: string } {
    return { code: this.statusCode, message: this.message, type: this.type };
  }

  toReply(): Reply {
    return { status: this.statusCode, body: this.toBody(), headers: this.headers };
  }

  static notFound(what: string, id?: unknown): SinaoError {
    return new SinaoError(404, id === undefined ? `${what} not found` : `${what} ${String(id)} not found`);
  }

  /**
   * Input that fails validation. The specification declares 422 for this on `POST /apps` ("The
   * organization name format is invalid") and `POST /login`, and nothing elsewhere; the sandbox
   * uses 422 for every such refusal.
   */
  static invalid(message: string): SinaoError {
    return new SinaoError(422, message);
  }

  static badRequest(message: string): SinaoError {
    return new SinaoError(400, message);
  }

  static unauthenticated(message = 'Unauthenticated'): SinaoError {
    return new SinaoError(401, message);
  }

  static forbidden(message = 'This key or user has no access to this application'): SinaoError {
    return new SinaoError(403, message);
  }
}

function defaultType(status: number): string {
  if (status === 400) return 'bad_request';
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 422) return 'validation';
  if (status === 429) return 'too_many_requests';
  return 'server_error';
}

/** The edge's own answers in Sinao's words. */
export const sinaoDialect: ErrorDialect = {
  unauthorized: () => SinaoError.unauthenticated().toReply(),
  // Sinao documents no rate limit (CONTRACT.md §C); a 429 with Retry-After is what an HTTP client must expect anyway.
  rateLimited: (seconds) => new SinaoError(429, 'Too Many Attempts.', 'too_many_requests', { 'Retry-After': String(seconds) }).toReply(),
  serverError: () => new SinaoError(500, 'Server Error').toReply(),
  badJson: () => SinaoError.badRequest('The request body is not valid JSON').toReply(),
  tooLarge: () => new SinaoError(413, 'The request body is too large', 'bad_request').toReply(),
  notFound: (message) => (message ? new SinaoError(404, message) : SinaoError.notFound('Route')).toReply(),
  badRequest: (message) => SinaoError.badRequest(message).toReply(),
  fromThrown: (error) => {
    if (error instanceof SinaoError) return error.toReply();
    if (error instanceof SandboxInputError) return SinaoError.badRequest(error.message).toReply();
    return new SinaoError(500, `Sandbox error: ${(error as Error)?.message ?? String(error)}`).toReply();
  },
};
