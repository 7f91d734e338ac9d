import type { ProviderSandbox, SandboxOptions } from '../provider';
import { createSinaoSandbox, type SinaoExchange, type SinaoSandboxStore } from '../../sandbox/sinao/sinao-sandbox';
import { SANDBOX_USER } from '../../sandbox/sinao/sinao-sandbox.store';
import type { SinaoConfig, SinaoConnectionInput, SinaoEnv } from './sinao.settings';

const demoKey = (appId: number) => `sandbox-sinao-demo-key-${appId}`;

export type SinaoProviderSandbox = ProviderSandbox<SinaoConfig, SinaoConnectionInput> & { store: SinaoSandboxStore };

/**
 * The embedded Sinao emulator as the gateway mounts it, with its demo borrower set up the way a
 * real one is: the sandbox user logs in, creates an application, and creates an API key in it.
 */
export function sinaoSandbox(opts: SandboxOptions<SinaoEnv>): SinaoProviderSandbox {
  const { router, store } = createSinaoSandbox({
    lenderName: opts.lenderName,
    onExchange: opts.onExchange as ((ex: SinaoExchange) => void) | undefined,
  });
  return {
    router,
    store,
    demoName: 'Emprunteur Démo SARL',
    async createDemoBorrower(name, sandboxUrl) {
      const call = async <T>(path: string, body: unknown, token?: string): Promise<T> => {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (token) headers.authorization = `Bearer ${token}`;
        const res = await fetch(`${sandboxUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
        if (!res.ok) throw new Error(`The Sinao sandbox answered ${res.status} to POST ${path}`);
        return (await res.json()) as T;
      };
      const login = await call<{ access_token?: string; token?: string }>('/login', { email: SANDBOX_USER.email, password: SANDBOX_USER.password });
      const token = login.access_token ?? login.token;
      if (!token) throw new Error('The Sinao sandbox answered POST /login without a token');
      const app = await call<{ id: number }>('/apps', { organization_name: name }, token);
      // The key is the one POST /apps/{appId}/apikeys would make, under a value known again after a restart.
      store.createApiKey(app.id, 'Writeback Gateway', { key: demoKey(app.id) });
      return { appId: String(app.id), apiKey: demoKey(app.id) };
    },
    restoreDemoBorrower(name, config) {
      const appId = Number(config.appId);
      // The emulator numbers apps from 1 after each start: new apps are made until the stored id is reached.
      while (!store.app(appId)) {
        if (store.createApp(name).id > appId) return;
      }
      if (!store.keyScope(demoKey(appId))) store.createApiKey(appId, 'Writeback Gateway', { key: demoKey(appId) });
    },
    booksUrl: (sandboxUrl, config) => `${sandboxUrl}/_sandbox/apps/${encodeURIComponent(config.appId)}/books`,
  };
}
