import { randomBytes, randomUUID } from 'crypto';
import { renderConsentPage, renderErrorPage } from './consent-page';
import type { XeroIdentityStore } from './xero-identity.store';
import type { AuthoriseRequest } from './xero-identity.types';

/** What the authorise endpoint answers: a page for the user, or a redirect back to the app. */
export type AuthoriseOutcome = { kind: 'page'; status: number; html: string } | { kind: 'redirect'; location: string };

const OPENID_SCOPES = ['openid', 'profile', 'email', 'offline_access'];
const TENANT_SCOPES = [
  'accounting.transactions', 'accounting.transactions.read', 'accounting.contacts', 'accounting.contacts.read',
  'accounting.settings', 'accounting.settings.read', 'accounting.reports.read', 'accounting.journals.read',
  'accounting.attachments', 'accounting.attachments.read', 'accounting.budgets.read', 'bankfeeds',
];
/** How long the consent page stays valid before the user decides. */
const REQUEST_TTL_MS = 60 * 60 * 1000;

/**
 * The authorise endpoint's rules. An unknown app or an unregistered redirect URI gets an error page
 * (never a redirect); other mistakes go back to the app as `error=…`. A valid request shows the
 * consent page, whose Allow connects the chosen organisations and redirects with a single-use code.
 */
export class ConsentFlow {
  constructor(private readonly store: XeroIdentityStore) {}

  begin(query: Record<string, unknown>, formAction: string): AuthoriseOutcome {
    const clientId = text(query.client_id);
    const client = clientId ? this.store.clients.get(clientId) : undefined;
    if (!client) return page(400, renderErrorPage('unauthorized_client', 'Unknown client or client not enabled.'));
    const redirectUri = text(query.redirect_uri);
    if (!redirectUri || !client.redirectUris.includes(redirectUri)) return page(400, renderErrorPage('invalid_request', 'Invalid redirect_uri.'));
    const state = text(query.state);
    const back = (error: string) => redirect(redirectUri, { error, state });

    if (query.response_type !== 'code') return back('unsupported_response_type');
    const scopes = [...new Set((text(query.scope) ?? '').split(' ').filter(Boolean))];
    const known = (scope: string) => OPENID_SCOPES.includes(scope) || (TENANT_SCOPES.includes(scope) && (scope !== 'bankfeeds' || client.bankFeeds === true));
    if (scopes.length === 0 || !scopes.every(known)) return back('invalid_scope');
    const codeChallenge = text(query.code_challenge);
    if (codeChallenge !== undefined) {
      if (query.code_challenge_method !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(codeChallenge)) return back('invalid_request');
    } else if (client.clientSecret === undefined) {
      return back('invalid_request');
    }

    const request: AuthoriseRequest = {
      id: randomUUID(), clientId: client.clientId, redirectUri, scopes, state, nonce: text(query.nonce), codeChallenge, createdAt: this.store.now(),
    };
    this.store.requests.set(request.id, request);
    return page(200, this.consentPage(request, formAction));
  }

  /** The user's answer on the consent page: `allow` with the organisations ticked, or `deny`. */
  decide(form: Record<string, unknown>, formAction: string): AuthoriseOutcome {
    const request = this.store.requests.get(text(form.request) ?? '');
    if (!request || this.store.now() > request.createdAt + REQUEST_TTL_MS) {
      return page(400, renderErrorPage('invalid_request', 'This authorisation request has expired. Start again from the app.'));
    }
    if (form.decision === 'deny') {
      this.store.requests.delete(request.id);
      return redirect(request.redirectUri, { error: 'access_denied', state: request.state });
    }
    if (form.decision !== 'allow') return page(400, this.consentPage(request, formAction, 'Choose Allow access or Cancel.'));
    const chosen = [form.tenantId ?? []].flat().map(String);
    if (!chosen.every((tenantId) => this.store.organisations.has(tenantId))) {
      return page(400, this.consentPage(request, formAction, 'Choose organisations from the list.'));
    }
    if (needsTenant(request.scopes) && chosen.length === 0) {
      return page(400, this.consentPage(request, formAction, 'Select at least one organisation.'));
    }
    this.store.requests.delete(request.id);
    const authEventId = randomUUID();
    this.store.connect(request.clientId, [...new Set(chosen)], authEventId);
    const code = randomBytes(32).toString('hex');
    this.store.codes.set(code, {
      clientId: request.clientId, redirectUri: request.redirectUri, scopes: request.scopes, nonce: request.nonce,
      codeChallenge: request.codeChallenge, authEventId, issuedAt: this.store.now(), used: false,
    });
    return redirect(request.redirectUri, { code, scope: request.scopes.join(' '), state: request.state, session_state: randomBytes(16).toString('hex') });
  }

  private consentPage(request: AuthoriseRequest, formAction: string, problem?: string): string {
    const client = this.store.clients.get(request.clientId)!;
    return renderConsentPage({
      appName: client.name ?? client.clientId,
      userEmail: this.store.user.email,
      requestId: request.id,
      formAction,
      scopes: request.scopes,
      organisations: needsTenant(request.scopes) ? [...this.store.organisations.values()] : [],
      problem,
    });
  }
}

function needsTenant(scopes: string[]): boolean {
  return scopes.some((scope) => TENANT_SCOPES.includes(scope));
}

function page(status: number, html: string): AuthoriseOutcome {
  return { kind: 'page', status, html };
}

function redirect(uri: string, params: Record<string, string | undefined>): AuthoriseOutcome {
  const url = new URL(uri);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  return { kind: 'redirect', location: url.toString() };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
