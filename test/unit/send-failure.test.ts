import { afterSendFailure } from '../../src/modules/writeback/send-failure';
import { ProviderError } from '../../src/providers/provider-error';

const keyed = { idempotencyKeys: true };
const keyless = { idempotencyKeys: false };
const timedOut = new ProviderError('TEMPORARY', 'no answer in time', { maybeApplied: true });
const refused = new ProviderError('TEMPORARY', 'connection refused', { maybeApplied: false });
const serverError = new ProviderError('TEMPORARY', '500', { status: 500, maybeApplied: true });
const unavailable = new ProviderError('TEMPORARY', '503', { status: 503, maybeApplied: false });
const inFlight = new ProviderError('TEMPORARY', '409', { status: 409, maybeApplied: true });
const throttled = new ProviderError('RATE_LIMITED', '429', { status: 429, retryAfterMs: 1000 });

describe('the unknown-outcome rule', () => {
  it('with idempotency keys: only a send that may have arrived is searched for; a 5xx takes a new key; a 409 waits on the key', () => {
    expect(afterSendFailure(timedOut, keyed)).toEqual({ kind: 'RETRY', outcomeUnknown: true, newKey: false });
    expect(afterSendFailure(refused, keyed)).toEqual({ kind: 'RETRY', outcomeUnknown: false, newKey: false });
    expect(afterSendFailure(serverError, keyed)).toEqual({ kind: 'RETRY', outcomeUnknown: true, newKey: true });
    expect(afterSendFailure(unavailable, keyed)).toEqual({ kind: 'RETRY', outcomeUnknown: false, newKey: true });
    expect(afterSendFailure(inFlight, keyed)).toEqual({ kind: 'WAIT', outcomeUnknown: true });
  });

  it('with idempotency keys: a send that never arrived after one that may have landed keeps the outcome unknown and gives the attempt back', () => {
    const earlier = { outcomeUnknown: true };
    expect(afterSendFailure(refused, keyed, earlier)).toEqual({ kind: 'RETRY', outcomeUnknown: true, newKey: false, attemptGivenBack: true });
    expect(afterSendFailure(unavailable, keyed, earlier)).toEqual({ kind: 'RETRY', outcomeUnknown: true, newKey: true });
    expect(afterSendFailure(refused, keyed, { outcomeUnknown: false })).toEqual({ kind: 'RETRY', outcomeUnknown: false, newKey: false });
  });

  it('without keys: every failed send but a 429 is searched for in the books before it is sent again', () => {
    for (const err of [timedOut, refused, serverError, unavailable, inFlight]) {
      expect(afterSendFailure(err, keyless)).toEqual({ kind: 'RETRY', outcomeUnknown: true, newKey: false });
    }
  });

  it('waits on a 429 and stops on a refusal, whatever the provider', () => {
    for (const caps of [keyed, keyless]) {
      expect(afterSendFailure(throttled, caps)).toEqual({ kind: 'WAIT', outcomeUnknown: false });
      expect(afterSendFailure(new ProviderError('REJECTED', 'bad date'), caps)).toEqual({ kind: 'FINAL' });
      expect(afterSendFailure(new ProviderError('UNAUTHORIZED', 'expired'), caps)).toEqual({ kind: 'FINAL' });
      expect(afterSendFailure(new TypeError('mapper bug'), caps)).toEqual({ kind: 'RETRY', outcomeUnknown: true, newKey: false });
    }
  });
});
