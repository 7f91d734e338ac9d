import { ProviderError } from '../../providers/provider-error';
import type { ProviderCapabilities } from '../../providers/provider';

/** What a failed send means for the next step. */
export type SendFailure =
  /** The provider refused the request itself: nothing was written. */
  | { kind: 'FINAL' }
  /** Not a failure but a wait (429; or 409, an earlier request under the same key still running): the attempt is given back. */
  | { kind: 'WAIT'; outcomeUnknown: boolean }
  /**
   * Try again later; when the outcome is unknown, the books are searched before anything is sent
   * again. `attemptGivenBack`: the send never reached the provider, so it told nothing new.
   */
  | { kind: 'RETRY'; outcomeUnknown: boolean; newKey: boolean; attemptGivenBack?: true };

/**
 * The unknown-outcome rule, read from the provider's capabilities:
 * - a provider with idempotency keys replays a repeated key, so only a send that may have reached it
 *   (`maybeApplied`) has an unknown outcome; it keeps a 5xx answer against its key, so the next send
 *   after a 5xx goes under a new key (after the search);
 * - a provider without keys would apply a resend twice: after any failed send but a 429, the books
 *   are searched for the write before it is sent again;
 * - an error that is not the provider's (a bug in a mapper) may have come after the request left;
 * - a send that never reached the provider (no connection) leaves the outcome as it was before it:
 *   when an earlier send may have landed (`before.outcomeUnknown`), it still may — perhaps as an
 *   asynchronous write the books do not show yet, which a resend under the same key would return —
 *   so the outcome stays unknown, the key is kept and the attempt is given back; any other failed
 *   send after such an earlier one leaves the outcome unknown too.
 *
 * @example
 * afterSendFailure(new ProviderError('TEMPORARY', 'timed out', { maybeApplied: true }), { idempotencyKeys: false });
 * // → { kind: 'RETRY', outcomeUnknown: true, newKey: false }
 */
export function afterSendFailure(err: unknown, caps: Pick<ProviderCapabilities, 'idempotencyKeys'>, before: { outcomeUnknown: boolean } = { outcomeUnknown: false }): SendFailure {
  if (!(err instanceof ProviderError)) return { kind: 'RETRY', outcomeUnknown: true, newKey: false };
  if (!err.retryable) return { kind: 'FINAL' };
  const status = err.details.status ?? 0;
  if (err.kind === 'RATE_LIMITED') return { kind: 'WAIT', outcomeUnknown: false };
  if (caps.idempotencyKeys && status === 409) return { kind: 'WAIT', outcomeUnknown: true };
  if (!caps.idempotencyKeys) return { kind: 'RETRY', outcomeUnknown: true, newKey: false };
  const notReached = status === 0 && err.details.maybeApplied !== true;
  if (notReached && before.outcomeUnknown) return { kind: 'RETRY', outcomeUnknown: true, newKey: false, attemptGivenBack: true };
  return { kind: 'RETRY', outcomeUnknown: err.details.maybeApplied === true || before.outcomeUnknown, newKey: status >= 500 };
}
