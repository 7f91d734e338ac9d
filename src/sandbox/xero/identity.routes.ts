import express, { Router, type Request, type Response } from 'express';
import { ConsentFlow, type AuthoriseOutcome } from './consent-flow';
import { TokenGrants } from './token-grants';
import { sendWithFaults } from './fault-reply';
import { OAuthError } from './xero-identity-error';
import type { XeroIdentityStore } from './xero-identity.store';

/**
 * Xero's identity service at its own paths (login.xero.com's `/identity/connect/authorize`,
 * identity.xero.com's `/connect/token`, `/connect/revocation` and OpenID discovery), all under one
 * mount point.
 */
export function identityRoutes(store: XeroIdentityStore): Router {
  const router = Router();
  const consent = new ConsentFlow(store);
  const grants = new TokenGrants(store);
  const form = express.urlencoded({ extended: false, limit: '64kb' });

  router.get('/identity/connect/authorize', (req, res) => answer(res, consent.begin(req.query, formAction(req))));
  router.post('/identity/connect/authorize', form, (req, res) => answer(res, consent.decide(req.body ?? {}, formAction(req))));

  router.post('/connect/token', form, (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const grantType = typeof body.grant_type === 'string' ? body.grant_type : undefined;
    void sendWithFaults(store, 'token', grantType, req, res, () => {
      if (!req.is('application/x-www-form-urlencoded')) throw new OAuthError('invalid_request');
      const client = grants.authenticateClient(req.get('authorization'), body);
      if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
        throw new OAuthError(grantType ? 'unsupported_grant_type' : 'invalid_request');
      }
      const tokens = grantType === 'authorization_code' ? grants.exchangeCode(client, body) : grants.refresh(client, body);
      return { status: 200, body: tokens, headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' } };
    });
  });

  router.post('/connect/revocation', form, (req, res) => {
    void sendWithFaults(store, 'revocation', undefined, req, res, () => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      grants.revoke(grants.authenticateClient(req.get('authorization'), body), body);
      return { status: 200 };
    });
  });

  router.get('/.well-known/openid-configuration', (req, res) => {
    const base = baseUrl(req);
    res.json({
      issuer: store.issuer,
      jwks_uri: `${base}/.well-known/openid-configuration/jwks`,
      authorization_endpoint: `${base}/identity/connect/authorize`,
      token_endpoint: `${base}/connect/token`,
      revocation_endpoint: `${base}/connect/revocation`,
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    });
  });
  router.get('/.well-known/openid-configuration/jwks', (_req, res) => res.json(store.signer.jwks()));
  return router;
}

function answer(res: Response, outcome: AuthoriseOutcome): void {
  if (outcome.kind === 'redirect') {
    res.redirect(302, outcome.location);
    return;
  }
  res.status(outcome.status).type('html').send(outcome.html);
}

function baseUrl(req: Request): string {
  return `${req.protocol}://${req.get('host')}${req.baseUrl}`;
}

function formAction(req: Request): string {
  return req.originalUrl.split('?')[0];
}
