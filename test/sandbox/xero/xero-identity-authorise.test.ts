import { createPublicKey } from 'crypto';
import express from 'express';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { readConsentForm } from '../../../src/sandbox/xero/consent-script';
import { createXeroIdentitySandbox, DEMO_XERO_APP, XERO_SANDBOX_PATH } from '../../../src/sandbox/xero/xero-identity-sandbox';
import { BASIC, identityKit, PKCE_APP, pkce, SCOPES, WEB_APP } from './xero-identity-kit';

const AUTHORIZE = `${XERO_SANDBOX_PATH}/identity/connect/authorize`;

describe('Xero sandbox: authorise and code exchange', () => {
  let kit: ReturnType<typeof identityKit>;
  beforeEach(() => {
    kit = identityKit();
  });
  afterEach(() => expect(kit.violations).toEqual([]));

  it('completes the code flow with PKCE from a script: consent page, Allow, callback with code and state, tokens', async () => {
    const { verifier, challenge } = pkce();
    const query = kit.authoriseQuery({ client_id: PKCE_APP.clientId, redirect_uri: PKCE_APP.redirectUris[0], code_challenge: challenge, code_challenge_method: 'S256' });
    const page = await kit.http().get(AUTHORIZE).query(query);
    expect(page.status).toBe(200);
    expect(page.type).toBe('text/html');
    const form = readConsentForm(page.text);
    expect(form.organisations.map((o) => o.tenantName)).toEqual(['Brick Lane Bakery Ltd', 'Boulangerie Martin SARL']);
    expect(page.text).toContain('accounting.transactions');

    const callback = await kit.consent(query, (orgs) => [orgs[1].tenantId]);
    expect(`${callback.origin}${callback.pathname}`).toBe(PKCE_APP.redirectUris[0]);
    expect(callback.searchParams.get('state')).toBe('st-123');
    const code = callback.searchParams.get('code')!;
    expect(code).toMatch(/^[0-9a-f]{64}$/);

    // A PKCE app has no secret: its client id goes in the body.
    const res = await kit.token({ grant_type: 'authorization_code', code, redirect_uri: PKCE_APP.redirectUris[0], code_verifier: verifier, client_id: PKCE_APP.clientId }, null);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      id_token: expect.any(String), access_token: expect.any(String), refresh_token: expect.stringMatching(/^[0-9a-f]{64}$/),
      expires_in: 1800, token_type: 'Bearer', scope: SCOPES,
    });

    const connections = await kit.connections(res.body.access_token);
    expect(connections.body).toEqual([expect.objectContaining({ tenantName: 'Boulangerie Martin SARL', tenantType: 'ORGANISATION' })]);
  });

  it('signs an id token and an access token that verify against the published keys and carry Xero claims', async () => {
    const discovery = await kit.http().get(`${XERO_SANDBOX_PATH}/.well-known/openid-configuration`);
    expect(discovery.body.token_endpoint).toMatch(/\/sandbox\/xero\/connect\/token$/);
    const jwks = await kit.http().get(new URL(discovery.body.jwks_uri).pathname);
    const key = createPublicKey({ key: jwks.body.keys[0], format: 'jwk' });

    const tokens = await kit.connect();
    const idToken = jwt.verify(tokens.id_token, key, { algorithms: ['RS256'], audience: WEB_APP.clientId, issuer: discovery.body.issuer }) as Record<string, unknown>;
    expect(idToken).toMatchObject({ email: 'borrower@example.com', given_name: 'Claire', xero_userid: kit.store.user.xeroUserId });
    const access = jwt.verify(tokens.access_token, key, { algorithms: ['RS256'] }) as Record<string, any>;
    expect(access.scope).toEqual(SCOPES.split(' '));
    expect(access.exp - access.nbf).toBe(1800);
    const [connection] = (await kit.connections(tokens.access_token)).body;
    expect(access.authentication_event_id).toBe(connection.authEventId);
  });

  it('issues no refresh token without offline_access and no id token without openid', async () => {
    const tokens = await kit.connect(undefined, 'accounting.transactions accounting.settings');
    expect(tokens).not.toHaveProperty('refresh_token');
    expect(tokens).not.toHaveProperty('id_token');
    expect(tokens.access_token).toEqual(expect.any(String));
  });

  it('accepts the client secret in the body as well as in a Basic header', async () => {
    const callback = await kit.consent(kit.authoriseQuery());
    const res = await kit.token({
      grant_type: 'authorization_code', code: callback.searchParams.get('code')!, redirect_uri: WEB_APP.redirectUris[0],
      client_id: WEB_APP.clientId, client_secret: WEB_APP.clientSecret,
    }, null);
    expect(res.status).toBe(200);
  });

  it('refuses a wrong verifier, a missing verifier, another redirect URI, a reused code and an expired code with invalid_grant', async () => {
    const { verifier, challenge } = pkce();
    const withPkce = () => kit.consent(kit.authoriseQuery({ code_challenge: challenge, code_challenge_method: 'S256' }));
    const exchange = (code: string, extra: Record<string, string> = {}) =>
      kit.token({ grant_type: 'authorization_code', code, redirect_uri: WEB_APP.redirectUris[0], code_verifier: verifier, ...extra });

    const wrong = (await withPkce()).searchParams.get('code')!;
    expect(await exchange(wrong, { code_verifier: pkce().verifier })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const missing = (await withPkce()).searchParams.get('code')!;
    const noVerifier = await kit.token({ grant_type: 'authorization_code', code: missing, redirect_uri: WEB_APP.redirectUris[0] });
    expect(noVerifier).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const elsewhere = (await withPkce()).searchParams.get('code')!;
    expect(await exchange(elsewhere, { redirect_uri: 'https://lender.example/other' })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });

    const once = (await withPkce()).searchParams.get('code')!;
    expect((await exchange(once)).status).toBe(200);
    const again = await exchange(once);
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ error: 'invalid_grant' });

    const late = (await withPkce()).searchParams.get('code')!;
    kit.store.advanceClock(5 * 60 + 1);
    expect(await exchange(late)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('refuses a wrong secret or an unknown client with invalid_client, and an unknown grant type', async () => {
    const code = (await kit.consent(kit.authoriseQuery())).searchParams.get('code')!;
    const form = { grant_type: 'authorization_code', code, redirect_uri: WEB_APP.redirectUris[0] };
    const wrongSecret = `Basic ${Buffer.from(`${WEB_APP.clientId}:nope`).toString('base64')}`;
    expect(await kit.token(form, wrongSecret)).toMatchObject({ status: 400, body: { error: 'invalid_client' } });
    expect(await kit.token(form, null)).toMatchObject({ status: 400, body: { error: 'invalid_client' } });
    expect(await kit.token({ grant_type: 'client_credentials' }, BASIC)).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } });
    // The failed attempts did not spend the code.
    expect((await kit.token(form)).status).toBe(200);
  });

  it('shows an error page, without redirecting, for an unknown app or an unregistered redirect URI', async () => {
    const unknown = await kit.http().get(AUTHORIZE).query(kit.authoriseQuery({ client_id: '00000000000000000000000000000000' }));
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('unauthorized_client');
    const elsewhere = await kit.http().get(AUTHORIZE).query(kit.authoriseQuery({ redirect_uri: 'https://attacker.example/cb' }));
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.headers.location).toBeUndefined();
    expect(elsewhere.text).toContain('Invalid redirect_uri');
  });

  it('sends other mistakes back to the app as error=… with the state', async () => {
    const back = async (overrides: Record<string, string | undefined>) => {
      const res = await kit.http().get(AUTHORIZE).query(kit.authoriseQuery(overrides));
      expect(res.status).toBe(302);
      const url = new URL(res.headers.location);
      expect(url.searchParams.get('state')).toBe('st-123');
      return url.searchParams.get('error');
    };
    expect(await back({ response_type: 'token' })).toBe('unsupported_response_type');
    expect(await back({ scope: 'accounting.everything' })).toBe('invalid_scope');
    expect(await back({ code_challenge: pkce().challenge, code_challenge_method: 'plain' })).toBe('invalid_request');
    // A PKCE app must send a challenge.
    expect(await back({ client_id: PKCE_APP.clientId, redirect_uri: PKCE_APP.redirectUris[0] })).toBe('invalid_request');
    // bankfeeds is for apps Xero has granted it to.
    expect(await back({ scope: 'bankfeeds offline_access' })).toBe('invalid_scope');
  });

  it('offers bankfeeds to an app Xero granted it to, such as the demo app', async () => {
    const { router, store } = createXeroIdentitySandbox();
    const app = express().use(XERO_SANDBOX_PATH, router);
    const query = kit.authoriseQuery({ client_id: DEMO_XERO_APP.clientId, redirect_uri: DEMO_XERO_APP.redirectUris[0], scope: 'bankfeeds accounting.transactions offline_access' });
    const page = await request(app).get(AUTHORIZE).query(query);
    expect(page.status).toBe(200);
    expect(readConsentForm(page.text).organisations.map((o) => o.tenantId)).toEqual([...store.organisations.keys()]);
  });

  it('redirects with error=access_denied when the borrower cancels, and connects nothing', async () => {
    const callback = await kit.consent(kit.authoriseQuery(), () => [], 'deny');
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('state')).toBe('st-123');
    expect(callback.searchParams.has('code')).toBe(false);
    expect(kit.store.allConnections()).toEqual([]);
  });

  it('asks again when Allow is pressed with no organisation ticked', async () => {
    const page = await kit.http().get(AUTHORIZE).query(kit.authoriseQuery());
    const form = readConsentForm(page.text);
    const res = await kit.http().post(form.action).type('form').send(`request=${form.requestId}&decision=allow`);
    expect(res.status).toBe(400);
    expect(res.text).toContain('Select at least one organisation.');
    expect(readConsentForm(res.text).requestId).toBe(form.requestId);
  });
});
