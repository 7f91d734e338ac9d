import type { CompanyEntity } from '../modules/companies/company.entity';
import type { CompanyService } from '../modules/companies/company.service';
import type { AnyProviderDefinition, ProviderSandbox } from '../providers/provider';

const DEMO_REF = 'demo-borrower';
const DEMO_NAME = 'Demo Borrower Ltd';

/**
 * The demo borrower of the embedded sandbox: created once in the emulator the way a real borrower
 * is, registered through the company service like any other, then reused across restarts. The
 * emulator keeps its books in memory, so on a restart they are put back under the stored ids.
 */
export async function ensureDemoCompany(
  companies: CompanyService,
  definition: AnyProviderDefinition,
  sandbox: ProviderSandbox<unknown, unknown>,
  sandboxUrl: string,
): Promise<{ company: CompanyEntity; booksUrl: string }> {
  const existing = await companies.findByExternalRef(DEMO_REF);
  if (existing) {
    sandbox.restoreDemoBorrower(existing.name, existing.providerConfig);
    return { company: existing, booksUrl: sandbox.booksUrl(sandboxUrl, existing.providerConfig) };
  }
  const input = await sandbox.createDemoBorrower(DEMO_NAME, sandboxUrl);
  const company = await companies.create({ name: DEMO_NAME, externalRef: DEMO_REF, definition, input, isDemo: true });
  return { company, booksUrl: sandbox.booksUrl(sandboxUrl, company.providerConfig) };
}
