import { XERO_SANDBOX_PATH } from '../../../src/sandbox/xero/xero-identity-sandbox';
import { identityKit, PKCE_APP, WEB_APP } from './xero-identity-kit';

const DAY = 24 * 60 * 60;

describe('Xero sandbox: refresh tokens, expiry and faults', () => {
  let kit: ReturnType<typeof identityKit>;
  afterEach(() => expect(kit.violations).toEqual([]));

  describe('with Xero’s lifetimes', () => {
    beforeEach(() => {
      kit = identityKit();
    });

    it('rotates the refresh token on every refresh; the new access token works', async () => {
      const first = await kit.connect();
      const second = await kit.refresh(first.refresh_token);
      expect(second.status).toBe(200);
      expect(second.body.refresh_token).not.toBe(first.refresh_token);
      expect(second.body.access_token).not.toBe(first.access_token);
      const third = await kit.refresh(second.body.refresh_token);
      expect(third.status).toBe(200);
      expect((await kit.connections(third.body.access_token)).status).toBe(200);
      expect(kit.store.refreshTokenUsage().map((u) => [u.generation, u.presented, u.exchanged])).toEqual([[0, 1, 1], [1, 1, 1], [2, 0, 0]]);
    });

    it('takes back, after a restart, a refresh token a client still holds, with its connection', async () => {
      const first = await kit.connect();
      const tenantId = (await kit.connections(first.access_token)).body[0].tenantId;
      const restarted = identityKit();
      expect((await restarted.refresh(first.refresh_token)).status).toBe(400);
      restarted.store.restoreGrant({ clientId: WEB_APP.clientId, tenantIds: [tenantId], refreshToken: first.refresh_token, scopes: first.scope.split(' ') });
      const refreshed = await restarted.refresh(first.refresh_token);
      expect(refreshed.status).toBe(200);
      expect((await restarted.connections(refreshed.body.access_token)).body.map((c: { tenantId: string }) => c.tenantId)).toEqual([tenantId]);
      expect(restarted.violations).toEqual([]);
    });

    it('answers exactly {"error":"invalid_grant"} to a spent refresh token once its successor was used', async () => {
      const first = await kit.connect();
      const second = await kit.refresh(first.refresh_token);
      await kit.refresh(second.body.refresh_token);
      const reuse = await kit.refresh(first.refresh_token);
      expect(reuse.status).toBe(400);
      expect(reuse.text).toBe('{"error":"invalid_grant"}');
      expect(kit.store.refreshTokenUsage().find((u) => u.generation === 0)).toMatchObject({ presented: 2, exchanged: 1 });
    });

    it('refuses a spent refresh token after the 30-minute grace period even if its successor was never used', async () => {
      const first = await kit.connect();
      expect((await kit.refresh(first.refresh_token)).status).toBe(200);
      kit.store.advanceClock(30 * 60 + 1);
      expect(await kit.refresh(first.refresh_token)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    });

    it('lets a client whose answer was lost retry the old token within the grace period; the lost successor then stops working', async () => {
      const first = await kit.connect();
      await kit.http().post(`${XERO_SANDBOX_PATH}/_sandbox/identity/faults`).send({ fault: 'LOSE_RESPONSE', match: { endpoint: 'token', grantType: 'refresh_token' } }).expect(201);
      await expect(kit.refresh(first.refresh_token)).rejects.toThrow(/socket hang up|ECONNRESET/);
      const lost = kit.store.refreshTokenUsage().find((u) => u.generation === 1)!;
      expect(lost).toMatchObject({ presented: 0 });

      const retry = await kit.refresh(first.refresh_token);
      expect(retry.status).toBe(200);
      const [lostToken] = [...kit.store.refreshTokens.entries()].find(([, r]) => r.id === lost.id)!;
      expect(await kit.refresh(lostToken)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
      expect((await kit.refresh(retry.body.refresh_token)).status).toBe(200);
    });

    it('leaves only the last of two concurrent refreshes of one token working: the race behind invalid_grant', async () => {
      const first = await kit.connect();
      const [a, b] = await Promise.all([kit.refresh(first.refresh_token), kit.refresh(first.refresh_token)]);
      expect([a.status, b.status]).toEqual([200, 200]);
      const outcomes = await Promise.all([kit.refresh(a.body.refresh_token), kit.refresh(b.body.refresh_token)]);
      expect(outcomes.map((r) => r.status).sort()).toEqual([200, 400]);
      expect(kit.store.refreshTokenUsage().filter((u) => u.presented > 1)).toEqual([expect.objectContaining({ generation: 0, presented: 2 })]);
    });

    it('keeps an unused refresh token for 60 days, not a second more', async () => {
      const a = await kit.connect();
      kit.store.advanceClock(60 * DAY - 60);
      const b = await kit.refresh(a.refresh_token);
      expect(b.status).toBe(200);
      kit.store.advanceClock(60 * DAY + 1);
      expect(await kit.refresh(b.body.refresh_token)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    });

    it('expires access tokens after 30 minutes with Xero’s 401 TokenExpired problem', async () => {
      const tokens = await kit.connect();
      kit.store.advanceClock(29 * 60);
      expect((await kit.connections(tokens.access_token)).status).toBe(200);
      kit.store.advanceClock(60);
      const expired = await kit.connections(tokens.access_token);
      expect(expired.status).toBe(401);
      expect(expired.body).toEqual({
        Type: null, Title: 'Unauthorized', Status: 401, Detail: expect.stringMatching(/^TokenExpired: token expired at \d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d$/),
        Instance: expect.stringMatching(/^[0-9a-f-]{36}$/), Extensions: {},
      });
    });

    it('refuses a refresh token presented by another app', async () => {
      const tokens = await kit.connect();
      const res = await kit.token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: PKCE_APP.clientId }, null);
      expect(res).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    });

    it('answers 500 for a queued server error without rotating, and a slow answer late but whole', async () => {
      const tokens = await kit.connect();
      const faults = `${XERO_SANDBOX_PATH}/_sandbox/identity/faults`;
      await kit.http().post(faults).send({ fault: 'SERVER_ERROR', match: { endpoint: 'token' } }).expect(201);
      expect((await kit.refresh(tokens.refresh_token)).status).toBe(500);
      await kit.http().post(faults).send({ fault: 'SLOW_RESPONSE', delayMs: 150, match: { grantType: 'refresh_token' } }).expect(201);
      const started = Date.now();
      const slow = await kit.refresh(tokens.refresh_token);
      expect(slow.status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      // The server error came before the token was read: only the second attempt counts.
      expect(kit.store.refreshTokenUsage().find((u) => u.generation === 0)).toMatchObject({ presented: 1, exchanged: 1 });
      expect((await kit.http().get(faults)).body).toEqual([]);
    });
  });

  describe('with strictly single-use refresh tokens and short lifetimes set over the admin routes', () => {
    beforeEach(async () => {
      kit = identityKit();
      await kit.http().patch(`${XERO_SANDBOX_PATH}/_sandbox/identity/settings`).send({ refreshGraceSeconds: 0, accessTokenSeconds: 5 }).expect(200);
    });

    it('answers invalid_grant to the retry after a lost answer: the classic way a client loses its connection', async () => {
      const first = await kit.connect();
      expect(first.expires_in).toBe(5);
      await kit.http().post(`${XERO_SANDBOX_PATH}/_sandbox/identity/faults`).send({ fault: 'LOSE_RESPONSE', match: { grantType: 'refresh_token' } }).expect(201);
      await expect(kit.refresh(first.refresh_token)).rejects.toThrow(/socket hang up|ECONNRESET/);
      expect(await kit.refresh(first.refresh_token)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
      const usage = await kit.http().get(`${XERO_SANDBOX_PATH}/_sandbox/identity/refresh-tokens`);
      expect(usage.body).toEqual(expect.arrayContaining([expect.objectContaining({ generation: 0, presented: 2, exchanged: 1 })]));
    });

    it('lets a test see the sandbox clock move over HTTP', async () => {
      const tokens = await kit.connect();
      await kit.http().post(`${XERO_SANDBOX_PATH}/_sandbox/identity/clock`).send({ advanceSeconds: 5 }).expect(200);
      expect((await kit.connections(tokens.access_token)).status).toBe(401);
    });
  });
});
