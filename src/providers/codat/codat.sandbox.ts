import type { ProviderSandbox, SandboxOptions } from '../provider';
import { createCodatSandbox, type CodatExchange, type CodatSandboxStore } from '../../sandbox/codat/codat-sandbox';
import type { CodatConfig, CodatConnectionInput, CodatEnv } from './codat.settings';

export type CodatProviderSandbox = ProviderSandbox<CodatConfig, CodatConnectionInput> & { store: CodatSandboxStore };

/**
 * The embedded Codat emulator as the gateway mounts it, with its demo borrower: created through
 * the emulator's own API, the way a real one is (create company, add an accounting connection).
 */
export function codatSandbox(opts: SandboxOptions<CodatEnv>): CodatProviderSandbox {
  const { router, store } = createCodatSandbox({
    apiKeys: [opts.env.apiKey],
    lenderName: opts.lenderName,
    pushDelayMs: opts.pushDelayMs,
    onExchange: opts.onExchange as ((ex: CodatExchange) => void) | undefined,
  });
  return {
    router,
    store,
    async createDemoBorrower(name, sandboxUrl) {
      const auth = `Basic ${Buffer.from(opts.env.apiKey, 'utf8').toString('base64')}`;
      const post = async (path: string, body: unknown) => {
        const res = await fetch(`${sandboxUrl}${path}`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
        if (!res.ok) throw new Error(`The Codat sandbox answered ${res.status} to POST ${path}`);
        return (await res.json()) as { id: string };
      };
      const company = await post('/companies', { name, description: 'Demo borrower of the Writeback Gateway sandbox' });
      const connection = await post(`/companies/${company.id}/connections`, { platformKey: 'gbol' });
      return { companyId: company.id, connectionId: connection.id, apiKey: null };
    },
    restoreDemoBorrower(name, config) {
      if (store.hasCompany(config.companyId)) return;
      store.createCompany(name, config.companyId);
      store.addAccountingConnection(config.companyId, { id: config.connectionId });
    },
    booksUrl: (sandboxUrl, config) => `${sandboxUrl}/_sandbox/companies/${encodeURIComponent(config.companyId)}/books`,
  };
}
