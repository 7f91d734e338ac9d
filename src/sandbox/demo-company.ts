import { randomUUID } from 'node:crypto';
import type { Services } from '../context';
import { CompanyEntity } from '../modules/companies/company.entity';
import type { CodatSandboxStore } from './codat/codat-sandbox.store';

const DEMO_REF = 'demo-borrower';
const DEMO_NAME = 'Demo Borrower Ltd';

/**
 * The demo borrower: created once through the sandbox's Codat API, the way a real company is
 * (create company, add a Xero connection, register it), then reused across restarts. The sandbox
 * keeps its books in memory, so on a restart they are re-seeded under the same ids.
 */
export async function ensureDemoCompany(services: Services, store: CodatSandboxStore, codatBaseUrl: string): Promise<CompanyEntity> {
  const repo = services.db.getRepository(CompanyEntity);
  const existing = await repo.findOneBy({ externalRef: DEMO_REF });
  if (existing) {
    if (!store.hasCompany(existing.providerCompanyId)) {
      store.createCompany(existing.name, existing.providerCompanyId);
      store.addAccountingConnection(existing.providerCompanyId, { id: existing.providerConnectionId });
    }
    return existing;
  }
  const auth = `Basic ${Buffer.from(services.config.codat.apiKey!, 'utf8').toString('base64')}`;
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${codatBaseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`Codat sandbox answered ${res.status} to POST ${path}`);
    return (await res.json()) as { id: string };
  };
  const company = await post('/companies', { name: DEMO_NAME, description: 'Demo borrower of the Writeback Gateway sandbox' });
  const connection = await post(`/companies/${company.id}/connections`, { platformKey: 'gbol' });
  const check = await services.providers.get('CODAT').verifyConnection({ kind: 'CODAT', companyId: company.id, connectionId: connection.id });
  if (!check.ok) throw new Error(`Demo company connection check failed: ${check.reason}`);
  const entity = repo.create({
    id: randomUUID(),
    name: DEMO_NAME,
    externalRef: DEMO_REF,
    provider: 'CODAT',
    providerCompanyId: company.id,
    providerConnectionId: connection.id,
    credentialsSealed: null,
    writebackEnabled: false,
    isDemo: true,
  });
  await repo.insert(entity);
  return repo.findOneByOrFail({ id: entity.id });
}
