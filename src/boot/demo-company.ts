import type { CompanyEntity } from '../modules/companies/company.entity';
import type { CompanyService } from '../modules/companies/company.service';
import type { AnyProviderDefinition, ProviderSandbox } from '../providers/provider';

const DEMO_REF = 'demo-borrower';
const DEMO_NAME = 'Demo Borrower Ltd';

/** The first sandbox's demo borrower keeps the reference it always had; the others' name their provider. */
export function demoRef(definition: AnyProviderDefinition, first: boolean): string {
  return first ? DEMO_REF : `${DEMO_REF}-${definition.inputKey}`;
}

/**
 * A demo borrower of an embedded sandbox: created once in the emulator the way a real borrower
 * is, registered through the company service like any other, then reused across restarts. The
 * emulator keeps its books in memory, so on a restart they are put back under the stored ids.
 */
export async function ensureDemoCompany(
  companies: CompanyService,
  definition: AnyProviderDefinition,
  sandbox: ProviderSandbox<unknown, unknown>,
  sandboxUrl: string,
  ref = DEMO_REF,
  gateway: { graphqlUrl: string; adminApiKey: string | null } | null = null,
): Promise<{ company: CompanyEntity; booksUrl: string }> {
  let company = await companies.findByExternalRef(ref);
  if (company) {
    sandbox.restoreDemoBorrower(company.name, company.providerConfig);
  } else {
    const name = sandbox.demoName ?? DEMO_NAME;
    if (!sandbox.createDemoBorrower) throw new Error(`The ${definition.displayName} sandbox has no demo borrower`);
    const input = await sandbox.createDemoBorrower(name, sandboxUrl);
    company = await companies.create({ name, externalRef: ref, definition, input, isDemo: true });
  }
  if (sandbox.connectDemoBorrower && gateway?.adminApiKey) {
    await sandbox.connectDemoBorrower({ id: company.id, config: company.providerConfig }, { graphqlUrl: gateway.graphqlUrl, adminApiKey: gateway.adminApiKey });
    company = (await companies.findByExternalRef(ref))!;
  }
  return { company, booksUrl: sandbox.booksUrl(sandboxUrl, company.providerConfig) };
}
