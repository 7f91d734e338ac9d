import type { ConnectionStatus, ProviderKind, SettingsCompanyFieldsFragment } from '../generated/graphql';
import type { ApiError } from './api.client';

export type { ConnectionStatus };

/**
 * What the borrower can do about the connection themselves: authorise the gateway at their
 * software (first time or again) and end the connection. Offered only where the API says the
 * borrower authorises the gateway; elsewhere the lender registers the access and the reconnect
 * button stays disabled, with the reason.
 */
export interface ConnectionActions {
  /** Null while nothing is to authorise (connected), or when the borrower cannot start it. */
  authorise: 'connect' | 'reconnect' | null;
  disconnect: boolean;
  /** The borrower authorises the gateway themselves. */
  borrowerAuthorises: boolean;
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
  actions: ConnectionActions;
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
  const { connection } = company;
  // A connection not made yet, or ended, is what it says; a refused read says more only about a live one.
  const refused = connection.status === 'CONNECTED' && check?.error?.code === 'RECONNECT_REQUIRED';
  const status = refused ? 'RECONNECT_REQUIRED' : connection.status;
  const borrowerAuthorises = connection.canStartAuthorisation;
  return {
    provider: connection.provider,
    tenantName: connection.tenantName ?? company.name,
    status,
    checkedAt: check?.at ?? connection.checkedAt ?? null,
    lastError: (connection.status === 'CONNECTED' ? check?.error?.message : null) || connection.lastError || null,
    actions: {
      borrowerAuthorises,
      authorise: !borrowerAuthorises ? null : status === 'RECONNECT_REQUIRED' ? 'reconnect' : status === 'CONNECTED' ? null : 'connect',
      disconnect: borrowerAuthorises && (status === 'CONNECTED' || status === 'RECONNECT_REQUIRED'),
    },
  };
}
