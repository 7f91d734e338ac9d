import type { ProviderKind, SettingsCompanyFieldsFragment } from '../generated/graphql';
import type { ApiError } from './api.client';

export type ConnectionStatus = 'CONNECTED' | 'RECONNECT_REQUIRED' | 'DISCONNECTED' | 'PENDING_AUTHORISATION';

/** What the connection section shows. */
export interface ConnectionView {
  provider: ProviderKind;
  /** The organisation the books belong to. */
  tenantName: string;
  /** Null while the first check runs. */
  status: ConnectionStatus | null;
  checkedAt: string | null;
  lastError: string | null;
  /** Where the borrower reconnects; null when the provider offers no reconnect action to the borrower. */
  reconnectUrl: string | null;
}

/** The last time the page read the borrower's books, and what it got. */
export interface BooksCheck {
  at: string;
  error: ApiError | null;
}

export const PROVIDER_NAMES: Record<ProviderKind, string> = { CODAT: 'Codat', SINAO: 'Sinao', XERO: 'Xero' };

/**
 * The connection as the page shows it. The API has no connection status of its own yet, so the
 * status is what reading the books last answered: the provider answered (connected), refused the
 * request (to reconnect) or did not answer (unreachable); the organisation is the company's name.
 * When the company carries its connection, this is the one place that reads it instead.
 */
export function connectionView(company: SettingsCompanyFieldsFragment, check: BooksCheck | null): ConnectionView {
  let status: ConnectionStatus | null = null;
  if (check) {
    if (!check.error) status = 'CONNECTED';
    else status = check.error.code === 'PROVIDER_REJECTED' ? 'RECONNECT_REQUIRED' : 'DISCONNECTED';
  }
  return {
    provider: company.provider,
    tenantName: company.name,
    status,
    checkedAt: check?.at ?? null,
    lastError: check?.error?.message || null,
    reconnectUrl: null,
  };
}
