import type { ConnectionStatus, ProviderKind, SettingsCompanyFieldsFragment } from '../generated/graphql';
import type { ApiError } from './api.client';

export type { ConnectionStatus };

/**
 * Where the borrower goes to authorise the gateway again at their software. The page shows the
 * action only when the API hands it one; until then the button stays disabled, with the reason.
 */
export interface ReconnectAction {
  url: string;
}

/** What the connection section shows. */
export interface ConnectionView {
  provider: ProviderKind;
  /** The organisation the books belong to. */
  tenantName: string;
  /** Null while the first check runs. */
  status: ConnectionStatus | null;
  checkedAt: string | null;
  lastError: string | null;
  /** Null when the API offers the borrower no reconnect action: the lender re-registers the connection. */
  reconnect: ReconnectAction | null;
}

/** The last time the page read the borrower's books, and what it got. */
export interface BooksCheck {
  at: string;
  error: ApiError | null;
}

/** The software's name as borrowers know it; only ever displayed, never used to decide anything. */
export const PROVIDER_NAMES: Record<string, string | undefined> = { CODAT: 'Codat', SINAO: 'Sinao', XERO: 'Xero' };

/** The statuses in which writes cannot reach the books until the connection is made again. */
export const needsReconnect = (status: ConnectionStatus | null) => status === 'RECONNECT_REQUIRED' || status === 'DISCONNECTED' || status === 'PENDING_AUTHORISATION';

/**
 * The connection as the page shows it: the status the gateway keeps for the company, unless the
 * page's own read of the books has just been refused for want of a new authorisation.
 *
 * @example
 * connectionView(company, { at: '2026-01-05T10:00:00Z', error: null }).status // company.connection.status
 */
export function connectionView(company: SettingsCompanyFieldsFragment, check: BooksCheck | null): ConnectionView {
  const refused = check?.error?.code === 'RECONNECT_REQUIRED';
  return {
    provider: company.connection.provider,
    tenantName: company.connection.tenantName ?? company.name,
    status: refused ? 'RECONNECT_REQUIRED' : company.connection.status,
    checkedAt: check?.at ?? company.connection.checkedAt ?? null,
    lastError: check?.error?.message || company.connection.lastError || null,
    reconnect: null,
  };
}
