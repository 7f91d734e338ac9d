import { loadConfig } from '../../src/config';
import { parseXeroConnection } from '../../src/providers/xero/xero.settings';

const base = { NODE_ENV: 'test', CODAT_API_KEY: 'k-123456789' };

describe("Xero's environment section", () => {
  it("uses the embedded sandbox with the sandbox's app when SANDBOX is on, and Xero's hosts when it is off", () => {
    expect(loadConfig(base).providers.XERO).toMatchObject({ clientId: null, identityUrl: null, apiUrl: null, statementLines: 'reconciled' });
    expect(loadConfig({ ...base, SANDBOX: 'false' }).providers.XERO).toMatchObject({ identityUrl: 'https://identity.xero.com', apiUrl: 'https://api.xero.com' });
  });

  it('takes the app, its callback and the statement-line setting, and refuses half an app or a foreign callback', () => {
    const env = { ...base, XERO_CLIENT_ID: 'ABC', XERO_CLIENT_SECRET: 'shh-secret', XERO_REDIRECT_URI: 'https://gw.lender.example/oauth/xero/callback', XERO_STATEMENT_LINES: 'unreconciled' };
    expect(loadConfig(env).providers.XERO).toMatchObject({ clientId: 'ABC', clientSecret: 'shh-secret', redirectUri: 'https://gw.lender.example/oauth/xero/callback', statementLines: 'unreconciled' });
    expect(() => loadConfig({ ...base, XERO_CLIENT_ID: 'ABC' })).toThrow(/^XERO_CLIENT_SECRET=\(unset\) is invalid/);
    expect(() => loadConfig({ ...base, XERO_CLIENT_ID: 'ABC', XERO_CLIENT_SECRET: 'x'.repeat(20), XERO_REDIRECT_URI: 'https://gw.example/callback' })).toThrow(/^XERO_REDIRECT_URI=.* is invalid/);
    expect(() => loadConfig({ ...base, XERO_STATEMENT_LINES: 'sometimes' })).toThrow(/^XERO_STATEMENT_LINES="sometimes" is invalid: expected reconciled, unreconciled or feed$/);
  });

  it('never repeats the client secret in an error', () => {
    expect(() => loadConfig({ ...base, XERO_CLIENT_SECRET: 'very-secret-value' })).toThrow(/XERO_CLIENT_ID/);
    let message = '';
    try {
      loadConfig({ ...base, XERO_CLIENT_SECRET: 'very-secret-value', XERO_CLIENT_ID: 'ABC', XERO_TIMEOUT_MS: '1' });
    } catch (err) {
      message = String(err);
    }
    expect(message).toMatch(/XERO_TIMEOUT_MS="1" is invalid/);
    expect(message).not.toContain('very-secret-value');
  });
});

describe('a Xero connection input', () => {
  it('holds the place of a borrower not yet authorised, or the organisation required', () => {
    const pending = parseXeroConnection({});
    expect(pending).toMatchObject({ config: { tenantId: null, connectionId: null }, secrets: null, keyField: 'tenantId' });
    expect(pending.key).toMatch(/^pending:/);
    expect(parseXeroConnection({}).key).not.toBe(pending.key);
    expect(parseXeroConnection({ tenantId: 'F9AF7030-D441-5BDB-9F66-C3167775A87D' })).toMatchObject({ key: 'f9af7030-d441-5bdb-9f66-c3167775a87d', config: { tenantId: 'f9af7030-d441-5bdb-9f66-c3167775a87d' } });
  });
});
