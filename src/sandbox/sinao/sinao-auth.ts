import type { Request } from 'express';
import jwt from 'jsonwebtoken';
import { principalOf as edgePrincipal, type Authorization } from '../kit';
import { SinaoError } from './sinao-error';
import type { SinaoSandboxStore } from './sinao-sandbox.store';
import type { AppRecord } from './sinao-sandbox.types';

/** A token lives 24 hours and can be renewed with GET /refresh for up to 14 days after the login (docs.sinao.fr /docs/authentification). */
export const TOKEN_LIFETIME_SECONDS = 24 * 3600;
export const REFRESH_WINDOW_SECONDS = 14 * 24 * 3600;

export interface Principal {
  userId: number;
  /** A user's token opens the user's apps; an API key its own app; a configured key every app. */
  scope: 'user' | 'all' | { appId: number };
  /** For a token: when the login happened (seconds), which bounds GET /refresh. */
  loginAt?: number;
}

export function principalOf(req: Request): Principal {
  const principal = edgePrincipal<Principal>(req);
  if (!principal) throw SinaoError.unauthenticated();
  return principal;
}

export function issueToken(store: SinaoSandboxStore, userId: number, loginAt = Math.floor(Date.now() / 1000)): { access_token: string; token_type: string; expires_in: number } {
  const accessToken = jwt.sign({ sub: String(userId), login_at: loginAt }, store.tokenSecret, { expiresIn: TOKEN_LIFETIME_SECONDS });
  return { access_token: accessToken, token_type: 'bearer', expires_in: TOKEN_LIFETIME_SECONDS };
}

/**
 * Sinao's two documented ways in (docs.sinao.fr /docs/authentification): the `Api-Key` header,
 * or `Authorization: Bearer <token>` from `POST /login`. The documentation's own examples also
 * send an API key as a bearer token (the cash-account guide), so a bearer value that is a key is
 * taken as one. `POST /login` is the only route open without either.
 */
export function sinaoAuthorize(store: SinaoSandboxStore): (req: Request) => Authorization {
  return (req) => {
    if (req.method === 'POST' && req.path === '/login') return true;
    const principal = authenticate(store, req, req.method === 'GET' && req.path === '/refresh');
    return principal instanceof SinaoError ? { refusal: principal.toReply() } : { principal };
  };
}

function authenticate(store: SinaoSandboxStore, req: Request, refreshing: boolean): Principal | SinaoError {
  const apiKey = req.get('Api-Key')?.trim();
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.get('Authorization') ?? '')?.[1];
  if (apiKey) return fromKey(store, apiKey) ?? SinaoError.unauthenticated('Invalid API key');
  if (!bearer) return SinaoError.unauthenticated();
  const asKey = fromKey(store, bearer);
  if (asKey) return asKey;
  try {
    const claims = jwt.verify(bearer, store.tokenSecret, { ignoreExpiration: refreshing }) as jwt.JwtPayload;
    const userId = Number(claims.sub);
    const loginAt = Number(claims.login_at);
    if (!store.user(userId)) return SinaoError.unauthenticated();
    if (refreshing && Date.now() / 1000 > loginAt + REFRESH_WINDOW_SECONDS) return SinaoError.unauthenticated('Token can no longer be refreshed; log in again');
    return { userId, scope: 'user', loginAt };
  } catch (error) {
    return SinaoError.unauthenticated(error instanceof jwt.TokenExpiredError ? 'Token has expired' : 'Invalid token');
  }
}

function fromKey(store: SinaoSandboxStore, key: string): Principal | undefined {
  const scope = store.keyScope(key);
  if (!scope) return undefined;
  if (scope === 'all') return { userId: store.defaultUser.id, scope };
  const app = store.app(scope.appId);
  return app ? { userId: app.admin_user_id, scope } : undefined;
}

/** The app a request addresses, which the caller must be allowed to open. */
export function appOf(store: SinaoSandboxStore, req: Request): AppRecord {
  const raw = String(req.params.appId ?? '');
  if (!/^\d+$/.test(raw)) throw SinaoError.badRequest('appId must be an integer');
  const app = store.app(Number(raw));
  if (!app) throw SinaoError.notFound('App', raw);
  const principal = principalOf(req);
  const allowed = principal.scope === 'all'
    || (principal.scope === 'user' && app.admin_user_id === principal.userId)
    || (typeof principal.scope === 'object' && principal.scope.appId === app.id);
  if (!allowed) throw SinaoError.forbidden();
  app.last_access_at = new Date().toISOString();
  return app;
}
