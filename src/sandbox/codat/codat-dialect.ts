import { SandboxInputError, type ErrorDialect, type IdempotencyOptions, type Reply } from '../kit';
import { CodatError, errorMessage } from './codat-error';

/** Codat keeps a key's first response for 90 minutes, and a 429 frees the key for the retry. */
export const CODAT_IDEMPOTENCY: IdempotencyOptions = { retentionMs: 90 * 60 * 1000, releaseOn: [429] };

export function errorReply(error: CodatError): Reply {
  return { status: error.statusCode, body: error.toBody(), headers: error.headers };
}

/** Codat's edge errors, each an ErrorMessage with Codat's wording. */
export const codatDialect: ErrorDialect = {
  unauthorized: () => errorReply(CodatError.unauthorized()),
  rateLimited: (seconds) => ({
    ...errorReply(new CodatError(429, 'You have made too many requests in a given amount of time; please retry later.')),
    headers: { 'Retry-After': String(seconds) },
  }),
  serverError: () => errorReply(new CodatError(500, 'There is a problem with our server. Please try again later.')),
  keyInFlight: () => errorReply(new CodatError(409, 'A request with this Idempotency-Key is still being processed; retry once it has completed.')),
  keyMismatch: () => errorReply(new CodatError(422, 'This Idempotency-Key has already been used with a different request.')),
  badJson: () => errorReply(CodatError.badRequest('Error processing request - not valid.', [
    { itemId: 'body', message: 'The request body is not valid JSON.', validatorName: 'RequestBody' },
  ])),
  tooLarge: () => errorReply(new CodatError(413, 'Request body too large.')),
  notFound: (message) => errorReply(message ? new CodatError(404, message) : CodatError.routeNotFound()),
  badRequest: (message) => errorReply(CodatError.badRequest(message)),
  fromThrown: (error) => {
    if (error instanceof CodatError) return errorReply(error);
    if (error instanceof SandboxInputError) return errorReply(CodatError.badRequest(error.message));
    return { status: 500, body: errorMessage(500, `Sandbox error: ${(error as Error)?.message ?? String(error)}`) };
  },
};
