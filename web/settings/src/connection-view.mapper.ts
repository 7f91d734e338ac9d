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

export const PROVIDER_NAMES: Record<string, string | undefined> = { CODAT: 'Codat', SINAO: 'Sinao', XERO: 'Xero' };

/**
 * The connection as the page shows it: the status the gateway keeps for the company, unless the
 * page's own read of the books has just been refused for want of a new authorisation.
 */
export function connectionView(company: SettingsCompanyFieldsFragment, check: BooksCheck | null): ConnectionView {
  const refused = check?.error?.code === 'RECONNECT_REQUIRED';
  return {
    provider: company.provider,
    tenantName: company.connection.tenantName ?? company.name,
    status: refused ? 'RECONNECT_REQUIRED' : company.connection.status,
    checkedAt: check?.at ?? company.connection.checkedAt ?? null,
    lastError: check?.error?.message || company.connection.lastError || null,
    reconnectUrl: null,
  };
}
