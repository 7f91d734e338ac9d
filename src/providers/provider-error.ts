import type { ProviderMessage } from './accounting-provider';

/**
 * How a provider call failed, reduced to what decides the next step:
 * REJECTED and NOT_FOUND are final, UNAUTHORIZED needs new credentials,
 * RATE_LIMITED and TEMPORARY may be retried (after `retryAfterMs` when given).
 */
export type ProviderFailureKind = 'REJECTED' | 'UNAUTHORIZED' | 'NOT_FOUND' | 'RATE_LIMITED' | 'TEMPORARY';

export class ProviderError extends Error {
  constructor(
    readonly kind: ProviderFailureKind,
    message: string,
    readonly details: {
      status?: number;
      retryAfterMs?: number;
      messages?: ProviderMessage[];
      /** True when the request may have reached the provider (timeout or connection lost after sending). */
      maybeApplied?: boolean;
      /** A 429's response headers (lower-case names): which limit was hit, for the provider's own rate budget. */
      headers?: Record<string, string>;
      /** The provider's display name, for messages to users. */
      provider?: string;
    } = {},
  ) {
    super(message);
    this.name = 'ProviderError';
  }

  get retryable(): boolean {
    return this.kind === 'RATE_LIMITED' || this.kind === 'TEMPORARY';
  }
}
