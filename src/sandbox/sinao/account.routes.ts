import { Router, type Request } from 'express';
import { appOf, issueToken, principalOf } from './sinao-auth';
import { SinaoError } from './sinao-error';
import { idParam, inputOf, intField, stringField } from './sinao-input';
import type { SinaoSandboxStore } from './sinao-sandbox.store';
import { listAnswer } from './list-query';
import { appView, userView } from './representations';
import type { Edge } from '../kit';

/**
 * Users, apps and API keys: `POST /login` (auth.login), `GET /refresh`, `GET /me`, `GET|POST /apps`,
 * `GET /apps/{appId}`, `GET|POST /apps/{appId}/apikeys`, `DELETE /apps/{appId}/apikeys/{id}`.
 */
export function accountRoutes(store: SinaoSandboxStore, edge: Edge): Router {
  const router = Router({ strict: true });

  router.post('/login', edge.route((req) => {
    const input = inputOf(req);
    const email = stringField(input, 'email', { required: true })!;
    const password = stringField(input, 'password', { required: true })!;
    const user = store.userByEmail(email.trim());
    if (!user) throw SinaoError.notFound('Email address');
    if (user.password !== password) throw new SinaoError(401, 'Invalid password');
    return { status: 200, body: issueToken(store, user.id) };
  }));

  router.get('/refresh', edge.route((req) => {
    const principal = principalOf(req);
    if (principal.scope !== 'user') throw SinaoError.unauthenticated('Only a token from POST /login can be refreshed');
    return { status: 200, body: issueToken(store, principal.userId, principal.loginAt) };
  }));

  router.get('/me', edge.route((req) => {
    const user = store.user(principalOf(req).userId);
    if (!user) throw SinaoError.unauthenticated();
    return { status: 200, body: userView(user) };
  }));

  router.get('/apps', edge.route((req) => {
    const principal = principalOf(req);
    const apps = principal.scope === 'all' ? store.allApps() : principal.scope === 'user' ? store.appsOf(principal.userId) : [store.app(principal.scope.appId)!];
    return listAnswer(apps.map((app) => appView(store, app)), inputOf(req), ['organization.name'], store.settings);
  }));

  router.post('/apps', edge.route((req) => {
    const principal = principalOf(req);
    if (principal.scope !== 'user') throw SinaoError.forbidden('An API key is bound to one application and cannot create another; log in with POST /login');
    const name = stringField(inputOf(req), 'organization_name', { required: true })!.trim();
    if (name.length < 3 || !/\p{L}/u.test(name)) throw SinaoError.invalid('The organization name format is invalid : minimum 3 characters with 1 alpha');
    return { status: 200, body: appView(store, store.createApp(name, principal.userId)) };
  }));

  router.get('/apps/:appId', edge.route((req) => ({ status: 200, body: appView(store, appOf(store, req)) })));

  const adminApp = (req: Request) => {
    const app = appOf(store, req);
    const principal = principalOf(req);
    if (principal.scope !== 'all' && !(principal.scope === 'user' && principal.userId === app.admin_user_id)) {
      throw SinaoError.forbidden("Only the application's administrator, logged in, can manage its API keys");
    }
    return app;
  };

  router.get('/apps/:appId/apikeys', edge.route((req) => {
    const app = adminApp(req);
    const keys = store.keysOf(app.id).map(({ key: _key, app_id: _app, ...rest }) => rest);
    return { status: 200, body: { data: keys } };
  }));

  // The specification answers ApiResponse (code, message, type) and says nowhere where the new key is;
  // the sandbox puts it in `message`.
  router.post('/apps/:appId/apikeys', edge.route((req) => {
    const app = adminApp(req);
    const input = inputOf(req);
    const name = stringField(input, 'name', { required: true, min: 4 })!;
    const record = store.createApiKey(app.id, name, { apiPartnerId: intField(input, 'api_partner_id') ?? null });
    return { status: 200, body: { code: 200, message: record.key, type: 'success' } };
  }));

  router.delete('/apps/:appId/apikeys/:id', edge.route((req) => {
    const app = adminApp(req);
    if (!store.deleteApiKey(app.id, idParam(req))) throw SinaoError.notFound('API key', req.params.id);
    return { status: 200, body: { code: 200, message: 'API key deleted', type: 'success' } };
  }));

  return router;
}
