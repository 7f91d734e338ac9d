import { loadConfig } from '../../src/config';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';

const STRICT = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'";

describe('GET /settings: the settings page and its Content-Security-Policy', () => {
  let t: TestGateway;
  let framed: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ skipDemo: true });
    framed = await startTestGateway({ skipDemo: true, env: { SETTINGS_FRAME_ANCESTORS: "https://app.lender.example, https://*.lender.example 'self'" } });
  });
  afterAll(async () => {
    await t.close();
    await framed.close();
  });

  it('serves the built page with a strict policy that no site may frame', async () => {
    const res = await t.http.get('/settings');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('<script defer src="/settings/app.js"></script>');
    expect(res.headers['content-security-policy']).toBe(`${STRICT}; frame-ancestors 'none'`);
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');

    const script = await t.http.get('/settings/app.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    expect(script.headers['content-security-policy']).toBe(`${STRICT}; frame-ancestors 'none'`);
    expect((await t.http.get('/settings/app.css')).headers['content-type']).toMatch(/^text\/css/);
    expect((await t.http.get('/settings/main.tsx')).status).toBe(404);
    expect((await t.http.get('/settings/..%2Fpackage.json')).status).toBe(404);
  });

  it('lets the origins in SETTINGS_FRAME_ANCESTORS frame it, and no other', async () => {
    const res = await framed.http.get('/settings');
    expect(res.headers['content-security-policy']).toBe(`${STRICT}; frame-ancestors https://app.lender.example https://*.lender.example 'self'`);
    expect(res.headers['x-frame-options']).toBeUndefined();
  });

  it('refuses a SETTINGS_FRAME_ANCESTORS that is not a list of origins, naming it', () => {
    for (const bad of ['app.lender.example', 'https://app.lender.example/settings', '*', "'none'", 'https://a.example;script-src *', 'ftp://files.example']) {
      expect(() => loadConfig({ NODE_ENV: 'test', SETTINGS_FRAME_ANCESTORS: bad })).toThrow(/^SETTINGS_FRAME_ANCESTORS=.* is invalid: expected origins like https:\/\/app\.lender\.example/);
    }
    expect(loadConfig({ NODE_ENV: 'test', SETTINGS_FRAME_ANCESTORS: 'http://localhost:3000' }).settingsFrameAncestors).toEqual(['http://localhost:3000']);
    expect(loadConfig({ NODE_ENV: 'test' }).settingsFrameAncestors).toEqual([]);
  });
});
