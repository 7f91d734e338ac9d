import request from 'supertest';
import { SANDBOX_USER } from '../../../src/sandbox/sinao/sinao-sandbox';
import { PREFIX, expectApiResponse, newBorrower, sinaoKit, type SinaoKit } from './sinao-test-kit';

describe('Sinao sandbox: users, apps and API keys', () => {
  let kit: SinaoKit;
  beforeEach(() => {
    kit = sinaoKit();
  });
  afterEach(() => expect(kit.violations).toEqual([]));

  const login = (email: string, password: string) => request(kit.app).post(`${PREFIX}/login`).send({ email, password });

  it('logs the sandbox user in, creates an app and a key, and the key opens that app', async () => {
    const token = await login(SANDBOX_USER.email, SANDBOX_USER.password).expect(200);
    expect(token.body).toEqual({ access_token: expect.any(String), token_type: 'bearer', expires_in: 86_400 });
    const bearer = `Bearer ${token.body.access_token}`;
    const me = await request(kit.app).get(`${PREFIX}/me`).set('Authorization', bearer).expect(200);
    expect(me.body).toMatchObject({ email: SANDBOX_USER.email });
    expect(me.body.password).toBeUndefined();

    const app = await request(kit.app).post(`${PREFIX}/apps`).set('Authorization', bearer).send({ organization_name: 'Atelier Bernard SARL' }).expect(200);
    expect(app.body).toMatchObject({ id: expect.any(Number), organization: { name: 'Atelier Bernard SARL' } });
    const key = await request(kit.app).post(`${PREFIX}/apps/${app.body.id}/apikeys`).set('Authorization', bearer).send({ name: 'passerelle' }).expect(200);
    expect(key.body).toEqual({ code: 200, message: expect.stringMatching(/^[0-9a-f]{48}$/), type: 'success' });

    const viaHeader = await request(kit.app).get(`${PREFIX}/apps/${app.body.id}`).set('Api-Key', key.body.message).expect(200);
    expect(viaHeader.body.organization.name).toBe('Atelier Bernard SARL');
    // Sinao's guides send the key as a bearer token too.
    await request(kit.app).get(`${PREFIX}/apps/${app.body.id}/cashflowsources/`).set('Authorization', `Bearer ${key.body.message}`).expect(200);
    const refreshed = await request(kit.app).get(`${PREFIX}/refresh`).set('Authorization', bearer).expect(200);
    expect(refreshed.body.access_token).toEqual(expect.any(String));
    const listed = await request(kit.app).get(`${PREFIX}/apps/${app.body.id}/apikeys`).set('Authorization', bearer).expect(200);
    expect(listed.body.data).toEqual([expect.objectContaining({ name: 'passerelle' })]);
    expect(JSON.stringify(listed.body)).not.toContain(key.body.message);
  });

  it('refuses a wrong password, an unknown email and a missing field, as the specification lists them', async () => {
    expectApiResponse((await login(SANDBOX_USER.email, 'wrong').expect(401)).body, 401, /Invalid password/);
    expectApiResponse((await login('nobody@example.fr', 'x').expect(404)).body, 404, /Email address/);
    expectApiResponse((await request(kit.app).post(`${PREFIX}/login`).send({ email: SANDBOX_USER.email }).expect(422)).body, 422, /password/);
  });

  it('binds a key to its own app, and lets only a logged-in user create apps and keys', async () => {
    const first = await newBorrower(kit, 'Première SARL');
    const second = await newBorrower(kit, 'Seconde SAS');
    const crossed = await request(kit.app).get(`${PREFIX}/apps/${second.appId}/transactions/`).set('Api-Key', first.apiKey).expect(403);
    expectApiResponse(crossed.body, 403);
    const apps = await request(kit.app).get(`${PREFIX}/apps`).set('Api-Key', first.apiKey).expect(200);
    expect(apps.body.map((a: { id: number }) => a.id)).toEqual([first.appId]);
    expectApiResponse((await request(kit.app).post(`${PREFIX}/apps`).set('Api-Key', first.apiKey).send({ organization_name: 'Autre SAS' }).expect(403)).body, 403);
    expectApiResponse((await first.post('/apikeys', { name: 'encore' }).expect(403)).body, 403);
    expectApiResponse((await request(kit.app).post(`${PREFIX}/apps`).set('Authorization', `Bearer ${first.token}`).send({ organization_name: '12' }).expect(422)).body, 422, /minimum 3 characters with 1 alpha/);

    const [key] = (await request(kit.app).get(`${PREFIX}/apps/${first.appId}/apikeys`).set('Authorization', `Bearer ${first.token}`).expect(200)).body.data;
    await request(kit.app).delete(`${PREFIX}/apps/${first.appId}/apikeys/${key.id}`).set('Authorization', `Bearer ${first.token}`).expect(200);
    expectApiResponse((await first.get('/cashflowsources/').expect(401)).body, 401);
  });

  it('answers 401 without credentials, 404 for an unknown app, and 404 off the specification\'s paths', async () => {
    const b = await newBorrower(kit);
    expectApiResponse((await request(kit.app).get(`${PREFIX}/apps/${b.appId}/transactions/`).expect(401)).body, 401);
    expectApiResponse((await request(kit.app).get(`${PREFIX}/apps/${b.appId}`).set('Api-Key', 'not-a-key').expect(401)).body, 401);
    expectApiResponse((await request(kit.app).get(`${PREFIX}/apps/999999`).set('Authorization', `Bearer ${b.token}`).expect(404)).body, 404);
    // Collections end with a slash where the specification writes one, and only there.
    expectApiResponse((await b.get('/transactions').expect(404)).body, 404);
    expectApiResponse((await b.get('/organizations/').expect(404)).body, 404);
    await b.get('/organizations').expect(200);
  });
});
