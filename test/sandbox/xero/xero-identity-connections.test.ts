import express from 'express';
import request from 'supertest';
import { requireXeroTenant, XERO_SANDBOX_PATH } from '../../../src/sandbox/xero/xero-identity-sandbox';
import { declaredStatuses } from './identity-contract';
import { BASIC, identityKit } from './xero-identity-kit';

const CONNECTION_FIELDS = ['id', 'authEventId', 'tenantId', 'tenantType', 'tenantName', 'createdDateUtc', 'updatedDateUtc'].sort();

describe('Xero sandbox: connections and revocation', () => {
  let kit: ReturnType<typeof identityKit>;
  /** A stand-in for an Accounting endpoint, authenticated the way the Accounting emulator does it. */
  let accounting: express.Express;
  const callAccounting = (accessToken: string, tenantId?: string) => {
    const req = request(accounting).get('/api.xro/2.0/Accounts').set('Authorization', `Bearer ${accessToken}`);
    return tenantId ? req.set('xero-tenant-id', tenantId) : req;
  };
  const both = (orgs: Array<{ tenantId: string }>) => orgs.map((o) => o.tenantId);

  beforeEach(() => {
    kit = identityKit();
    accounting = express();
    accounting.get('/api.xro/2.0/Accounts', requireXeroTenant(kit.store, ['accounting.settings', 'accounting.settings.read']), (_req, res) => {
      res.json({ tenantName: res.locals.xero.organisation.tenantName });
    });
  });
  afterEach(() => expect(kit.violations).toEqual([]));

  it('lists the organisations granted, with Xero’s fields, one authEventId per consent, filterable by it', async () => {
    const tokens = await kit.connect(both);
    const res = await kit.connections(tokens.access_token);
    expect(res.status).toBe(200);
    expect(res.body.map((c: { tenantName: string }) => c.tenantName).sort()).toEqual(['Boulangerie Martin SARL', 'Brick Lane Bakery Ltd']);
    for (const connection of res.body) {
      expect(Object.keys(connection).sort()).toEqual(CONNECTION_FIELDS);
      expect(connection).toMatchObject({ tenantType: 'ORGANISATION', createdDateUtc: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}$/) });
    }
    expect(new Set(res.body.map((c: { authEventId: string }) => c.authEventId)).size).toBe(1);

    // A second consent adds nothing new but moves the update date and the authEventId; both tokens see the same tenants.
    const later = await kit.connect();
    const after = await kit.connections(later.access_token);
    expect(after.body).toHaveLength(2);
    const filtered = await kit.connections(later.access_token, { authEventId: res.body[0].authEventId });
    expect(filtered.body.length).toBe(1);
    expect((await kit.connections(later.access_token, { authEventId: '00000000-0000-0000-0000-000000000000' })).body).toEqual([]);
  });

  it('answers 401 to a call without a valid token', async () => {
    const res = await kit.http().get(`${XERO_SANDBOX_PATH}/Connections`).set('Authorization', 'Bearer not-a-token');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ Title: 'Unauthorized', Status: 401, Detail: 'AuthenticationUnsuccessful' });
  });

  it('deletes a connection (204, then 404); the organisation then answers 403 on the Accounting API while the other still works', async () => {
    expect(declaredStatuses('/Connections/{id}', 'delete')).toEqual(['204', '404']);
    const tokens = await kit.connect(both);
    const [first, second] = (await kit.connections(tokens.access_token)).body;
    expect((await callAccounting(tokens.access_token, first.tenantId)).body).toEqual({ tenantName: first.tenantName });

    const del = () => kit.http().delete(`${XERO_SANDBOX_PATH}/connections/${first.id}`).set('Authorization', `Bearer ${tokens.access_token}`);
    const gone = await del();
    expect(gone.status).toBe(204);
    expect(gone.text).toBe('');
    expect((await del()).status).toBe(404);

    expect((await kit.connections(tokens.access_token)).body.map((c: { id: string }) => c.id)).toEqual([second.id]);
    const refused = await callAccounting(tokens.access_token, first.tenantId);
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ Type: null, Title: 'Forbidden', Status: 403, Detail: 'AuthenticationUnsuccessful', Instance: expect.any(String), Extensions: {} });
    expect((await callAccounting(tokens.access_token, second.tenantId.toUpperCase())).status).toBe(200);
  });

  it('answers 403 without a tenant header and 401 AuthorizationUnsuccessful without the scope', async () => {
    const tokens = await kit.connect(undefined, 'accounting.transactions offline_access');
    const [connection] = (await kit.connections(tokens.access_token)).body;
    expect((await callAccounting(tokens.access_token)).status).toBe(403);
    const noScope = await callAccounting(tokens.access_token, connection.tenantId);
    expect(noScope.status).toBe(401);
    expect(noScope.body.Detail).toBe('AuthorizationUnsuccessful');
  });

  it('reconnecting a removed organisation restores it under the same connection id', async () => {
    const tokens = await kit.connect();
    const [connection] = (await kit.connections(tokens.access_token)).body;
    await kit.http().delete(`${XERO_SANDBOX_PATH}/connections/${connection.id}`).set('Authorization', `Bearer ${tokens.access_token}`).expect(204);
    const again = await kit.connect();
    const [restored] = (await kit.connections(again.access_token)).body;
    expect(restored).toMatchObject({ id: connection.id, createdDateUtc: connection.createdDateUtc });
    expect(restored.authEventId).not.toBe(connection.authEventId);
  });

  it('revoking the refresh token removes all the user’s connections to the app and ends the token family', async () => {
    const tokens = await kit.connect(both);
    const revoke = await kit.http().post(`${XERO_SANDBOX_PATH}/connect/revocation`).set('Authorization', BASIC).type('form')
      .send(new URLSearchParams({ token: tokens.refresh_token }).toString());
    expect(revoke.status).toBe(200);
    expect((await kit.connections(tokens.access_token)).body).toEqual([]);
    expect(await kit.refresh(tokens.refresh_token)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    // An unknown token is accepted too (RFC 7009); a client without credentials is not.
    const unknown = kit.http().post(`${XERO_SANDBOX_PATH}/connect/revocation`).type('form').send('token=nothing');
    expect((await unknown.set('Authorization', BASIC)).status).toBe(200);
    const anonymous = await kit.http().post(`${XERO_SANDBOX_PATH}/connect/revocation`).type('form').send('token=nothing');
    expect(anonymous).toMatchObject({ status: 400, body: { error: 'invalid_client' } });
  });

  it('lets a test disconnect the app from Xero’s side, with or without ending the tokens', async () => {
    const tokens = await kit.connect(both);
    const [first, second] = (await kit.connections(tokens.access_token)).body;
    await kit.http().delete(`${XERO_SANDBOX_PATH}/_sandbox/identity/connections/${first.id}`).expect(204);
    const refreshed = await kit.refresh(tokens.refresh_token);
    expect(refreshed.status).toBe(200);
    await kit.http().delete(`${XERO_SANDBOX_PATH}/_sandbox/identity/connections/${second.id}?revokeTokens=true`).expect(204);
    expect(await kit.refresh(refreshed.body.refresh_token)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect((await kit.http().get(`${XERO_SANDBOX_PATH}/_sandbox/identity/connections`)).body.map((c: { active: boolean }) => c.active)).toEqual([false, false]);
  });
});
