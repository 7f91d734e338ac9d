import { ConfigError, loadConfig } from '../../src/config';
import { PROVIDERS } from '../../src/providers/providers';
import type { AnyProviderDefinition } from '../../src/providers/provider';

describe('configuration', () => {
  it('composes each provider\'s section, parsed by its definition, under its kind', () => {
    const config = loadConfig({ NODE_ENV: 'test', CODAT_BASE_URL: 'https://codat.example/', CODAT_API_KEY: 'k-123456789' });
    expect(config.providers).toEqual({
      CODAT: { baseUrl: 'https://codat.example', apiKey: 'k-123456789', timeoutMs: 15000 },
      SINAO: { baseUrl: null, timeoutMs: 15000 },
      XERO: { clientId: null, clientSecret: null, redirectUri: null, identityUrl: null, apiUrl: null, statementLines: 'reconciled', timeoutMs: 15000, rateWindowMs: 60000 },
    });
  });

  it('points Sinao at its production API when the sandbox is off, unless told otherwise', () => {
    const base = { NODE_ENV: 'test', SANDBOX: 'false', CODAT_API_KEY: 'k-123456789' };
    expect(loadConfig(base).providers.SINAO).toEqual({ baseUrl: 'https://api.sinao.app/v1', timeoutMs: 15000 });
    expect(loadConfig({ ...base, SINAO_BASE_URL: 'https://api.sinao.dev/v1', SINAO_TIMEOUT_MS: '4000' }).providers.SINAO).toEqual({ baseUrl: 'https://api.sinao.dev/v1', timeoutMs: 4000 });
    expect(() => loadConfig({ ...base, SINAO_TIMEOUT_MS: 'soon' })).toThrow(/^SINAO_TIMEOUT_MS="soon" is invalid/);
  });

  it('passes the embedded sandbox to the providers: no base URL, the sandbox\'s own key', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).providers.CODAT).toEqual({ baseUrl: null, apiKey: 'sandbox-codat-api-key', timeoutMs: 15000 });
  });

  it('fails fast naming the variable of a provider\'s section, with what it expects', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', CODAT_BASE_URL: 'ftp://codat.example' })).toThrow('CODAT_BASE_URL="ftp://codat.example" is invalid: expected an http(s) URL');
    expect(() => loadConfig({ NODE_ENV: 'test', SANDBOX: 'false' })).toThrow(/^CODAT_API_KEY=\(unset\) is invalid/);
    expect(() => loadConfig({ NODE_ENV: 'test', CODAT_API_KEY: 'k-123456789', CODAT_TIMEOUT_MS: '5' })).toThrow(/^CODAT_TIMEOUT_MS="5" is invalid: expected an integer from 100 to 300000$/);
  });

  it('reads the section of a provider added at boot, and lets its definition refuse a value', () => {
    const extra: AnyProviderDefinition = {
      ...PROVIDERS[0],
      kind: 'EXTRA',
      inputKey: 'extra',
      parseEnv: (env) => {
        const region = env.string('EXTRA_REGION');
        if (region !== null && !/^[a-z]{2}$/.test(region)) throw env.invalid('EXTRA_REGION', 'a two-letter region');
        return { region: region ?? 'eu', production: env.production, sandbox: env.sandbox };
      },
    };
    expect(loadConfig({ NODE_ENV: 'test', EXTRA_REGION: 'us' }, [extra]).providers).toEqual({ EXTRA: { region: 'us', production: false, sandbox: true } });
    const err = (() => {
      try {
        loadConfig({ NODE_ENV: 'test', EXTRA_REGION: 'north' }, [extra]);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toBe('EXTRA_REGION="north" is invalid: expected a two-letter region');
  });

  it('runs Postgres statements prepared unless DATABASE_PREPARED_STATEMENTS turns it off (a connection pooler without them)', () => {
    const url = 'postgres://gw@db:5432/gw';
    expect(loadConfig({ NODE_ENV: 'test', DATABASE_URL: url }).database).toEqual({ kind: 'postgres', url, preparedStatements: true });
    expect(loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, DATABASE_PREPARED_STATEMENTS: 'false' }).database).toEqual({ kind: 'postgres', url, preparedStatements: false });
    expect(() => loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, DATABASE_PREPARED_STATEMENTS: 'sometimes' })).toThrow('DATABASE_PREPARED_STATEMENTS="sometimes" is invalid: expected true or false');
  });
});
