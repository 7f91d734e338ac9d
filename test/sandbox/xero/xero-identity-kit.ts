import { createHash, randomBytes } from 'crypto';
import express from 'express';
import request from 'supertest';
import { readConsentForm } from '../../../src/sandbox/xero/consent-script';
import { createXeroIdentitySandbox, XERO_SANDBOX_PATH, type XeroIdentityStore } from '../../../src/sandbox/xero/xero-identity-sandbox';
import type { XeroIdentityLifetimes } from '../../../src/sandbox/xero/xero-identity.types';
import { accessTokenViolations, connectionsViolations } from './identity-contract';

export const WEB_APP = { clientId: 'AB12CD34EF56AB12CD34EF56AB12CD34', clientSecret: 'web-secret', redirectUris: ['https://lender.example/oauth/xero/callback'], name: 'Lender App' };
export const PKCE_APP = { clientId: 'FF00FF00FF00FF00FF00FF00FF00FF00', redirectUris: ['http://127.0.0.1:9999/callback'] };
export const SCOPES = 'openid profile email accounting.transactions accounting.contacts accounting.settings offline_access';
export const BASIC = `Basic ${Buffer.from(`${WEB_APP.clientId}:${WEB_APP.clientSecret}`).toString('base64')}`;

export interface Pkce { verifier: string; challenge: string }
export function pkce(): Pkce {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** An Express app with the identity sandbox mounted as the gateway mounts it, and helpers for the OAuth dance. */
export function identityKit(lifetimes: Partial<XeroIdentityLifetimes> = {}) {
  const { router, store } = createXeroIdentitySandbox({ clients: [WEB_APP, PKCE_APP], lifetimes });
  const app = express();
  app.use(XERO_SANDBOX_PATH, router);
  const http = () => request(app);
  /** Sandbox answers on operations the spec covers that do not match it. */
  const violations: string[] = [];

  const authoriseQuery = (overrides: Record<string, string | undefined> = {}) => {
    const query: Record<string, string> = {};
    const all = { response_type: 'code', client_id: WEB_APP.clientId, redirect_uri: WEB_APP.redirectUris[0], scope: SCOPES, state: 'st-123', ...overrides };
    for (const [key, value] of Object.entries(all)) if (value !== undefined) query[key] = value;
    return query;
  };

  /** Opens the consent page and submits the form as a script would; returns the redirect URL. */
  const consent = async (query: Record<string, string>, pick: (orgs: Array<{ tenantId: string; tenantName: string }>) => string[] = (orgs) => [orgs[0].tenantId], decision = 'allow') => {
    const page = await http().get(`${XERO_SANDBOX_PATH}/identity/connect/authorize`).query(query);
    if (page.status !== 200) throw new Error(`consent page answered ${page.status}: ${page.text}`);
    const form = readConsentForm(page.text);
    const body = new URLSearchParams({ request: form.requestId, decision });
    for (const tenantId of pick(form.organisations)) body.append('tenantId', tenantId);
    const answer = await http().post(form.action).type('form').send(body.toString());
    if (answer.status !== 302) throw new Error(`consent form answered ${answer.status}: ${answer.text}`);
    return new URL(answer.headers.location);
  };

  const token = async (form: Record<string, string>, authorization: string | null = BASIC) => {
    const req = http().post(`${XERO_SANDBOX_PATH}/connect/token`).type('form');
    if (authorization) req.set('Authorization', authorization);
    const res = await req.send(new URLSearchParams(form).toString());
    if (res.status === 200) violations.push(...accessTokenViolations(res.body).map((e) => `token: ${e}`));
    return res;
  };

  /** A full code flow for the web app; returns the token response body. */
  const connect = async (pick?: (orgs: Array<{ tenantId: string; tenantName: string }>) => string[], scope = SCOPES) => {
    const callback = await consent(authoriseQuery({ scope }), pick);
    const res = await token({ grant_type: 'authorization_code', code: callback.searchParams.get('code')!, redirect_uri: WEB_APP.redirectUris[0] });
    if (res.status !== 200) throw new Error(`code exchange answered ${res.status}: ${res.text}`);
    return res.body as { access_token: string; refresh_token: string; id_token: string; expires_in: number; scope: string };
  };

  const connections = async (accessToken: string, query: Record<string, string> = {}) => {
    const res = await http().get(`${XERO_SANDBOX_PATH}/connections`).query(query).set('Authorization', `Bearer ${accessToken}`);
    if (res.status === 200) violations.push(...connectionsViolations(res.body).map((e) => `connections: ${e}`));
    return res;
  };

  const refresh = (refreshToken: string) => token({ grant_type: 'refresh_token', refresh_token: refreshToken });

  return { app, store: store as XeroIdentityStore, http, violations, authoriseQuery, consent, token, connect, connections, refresh };
}
