import { randomUUID } from 'crypto';
import { SandboxInputError, type ErrorDialect, type Reply } from '../kit';
import { XeroApiProblem } from './xero-identity-error';

/**
 * A write Xero refuses: 400 with its `ApiException` body, `ValidationException`, whose elements
 * echo what was sent with their `ValidationErrors`.
 */
export class XeroValidationFailure extends Error {
  constructor(readonly elements: Array<Record<string, unknown>>) {
    super('A validation exception occurred');
  }

  toReply(): Reply {
    return { status: 400, body: { ErrorNumber: 10, Type: 'ValidationException', Message: 'A validation exception occurred', Elements: this.elements } };
  }
}

/** A 404 of the Accounting API: an unknown id or path. */
export class XeroNotFound extends Error {
  constructor(message = "The resource you're looking for cannot be found") {
    super(message);
  }
}

const problem = (status: number, title: string, detail: string, headers?: Record<string, string>): Reply => ({
  status, headers, body: { Type: null, Title: title, Status: status, Detail: detail, Instance: randomUUID(), Extensions: {} },
});

/** The body of a request Xero cannot read (`PostDataInvalidException`, error number 14). */
const postDataInvalid = (message: string): Reply => ({ status: 400, body: { ErrorNumber: 14, Type: 'PostDataInvalidException', Message: message } });

/**
 * A 429 as Xero sends it: `Retry-After` in seconds and `X-Rate-Limit-Problem` naming the limit
 * (`minute`, `day`, `appminute` or `concurrent`), next to the remaining-calls headers.
 */
export function rateLimitedReply(seconds: number, limit: string, headers: Record<string, string> = {}): Reply {
  return problem(429, 'Too Many Requests', `Rate limit exceeded: the ${limit} limit was reached.`, { ...headers, 'Retry-After': String(seconds), 'X-Rate-Limit-Problem': limit });
}

/** The Accounting API's errors in its words (problem bodies for the edge's own refusals, ApiException for bad input). */
export const accountingDialect: ErrorDialect = {
  unauthorized: () => ({ status: 401, body: XeroApiProblem.unauthenticated().toBody() }),
  rateLimited: (seconds) => rateLimitedReply(seconds, 'minute'),
  serverError: () => problem(500, 'An error occurred', 'An error occurred in Xero. Check the API Status page http://status.developer.xero.com for current service status.'),
  // How Xero answers a reused key is not documented; the sandbox refuses it as a conflict.
  keyInFlight: () => problem(409, 'Conflict', 'A request with this Idempotency-Key is still being processed.'),
  keyMismatch: () => problem(409, 'Conflict', 'This Idempotency-Key was already used with a different request.'),
  badJson: () => postDataInvalid('JSON for post data was invalid, could not be deserialized.'),
  tooLarge: () => problem(413, 'Request Entity Too Large', 'The request body is too large.'),
  notFound: (message) => problem(404, 'NotFound', message ?? "The resource you're looking for cannot be found"),
  badRequest: (message) => postDataInvalid(message),
  fromThrown: (error) => {
    if (error instanceof XeroValidationFailure) return error.toReply();
    if (error instanceof XeroNotFound) return accountingDialect.notFound(error.message);
    if (error instanceof XeroApiProblem) return { status: error.status, body: error.toBody() };
    if (error instanceof SandboxInputError) return postDataInvalid(error.message);
    return problem(500, 'An error occurred', `Sandbox error: ${(error as Error)?.message ?? String(error)}`);
  },
};

/** A Bank Feeds error: `application/problem+json` with `{type, title, status, detail}`. */
export class FeedsProblem extends Error {
  constructor(readonly status: number, readonly title: string, detail: string, readonly type?: string, readonly headers: Record<string, string> = {}) {
    super(detail);
  }

  toReply(): Reply {
    const body: Record<string, unknown> = { title: this.title, status: this.status, detail: this.message };
    if (this.type) body.type = this.type;
    return { status: this.status, body, headers: { 'Content-Type': 'application/problem+json', ...this.headers } };
  }
}

/** The Bank Feeds API's errors in its words. */
export const bankFeedsDialect: ErrorDialect = {
  unauthorized: () => ({ status: 401, body: XeroApiProblem.unauthenticated().toBody() }),
  rateLimited: (seconds) => {
    const reply = new FeedsProblem(429, 'Too Many Requests', 'Rate limit exceeded: the minute limit was reached.').toReply();
    return { ...reply, headers: { ...reply.headers, 'Retry-After': String(seconds), 'X-Rate-Limit-Problem': 'minute' } };
  },
  serverError: () => new FeedsProblem(500, 'Intermittent Internal Xero Error', 'The request should be retried. If the error persists, a Xero support issue should be raised.', 'internal-error').toReply(),
  keyInFlight: () => new FeedsProblem(409, 'Conflict', 'A request with this Idempotency-Key is still being processed.').toReply(),
  keyMismatch: () => new FeedsProblem(409, 'Conflict', 'This Idempotency-Key was already used with a different request.').toReply(),
  badJson: () => new FeedsProblem(400, 'Invalid Request', 'The request body is not valid JSON.', 'invalid-request').toReply(),
  tooLarge: () => new FeedsProblem(413, 'Request too large', 'Request size exceeds the limit of 3000000 bytes.', 'invalid-request').toReply(),
  notFound: (message) => new FeedsProblem(404, 'Not Found', message ?? 'The resource you are looking for cannot be found.').toReply(),
  badRequest: (message) => new FeedsProblem(400, 'Invalid Request', message, 'invalid-request').toReply(),
  fromThrown: (error) => {
    if (error instanceof FeedsProblem) return error.toReply();
    if (error instanceof XeroApiProblem) return { status: error.status, body: error.toBody() };
    if (error instanceof SandboxInputError) return bankFeedsDialect.badRequest(error.message);
    return new FeedsProblem(500, 'Intermittent Internal Xero Error', `Sandbox error: ${(error as Error)?.message ?? String(error)}`, 'internal-error').toReply();
  },
};
