import type { GatewayPool } from './soak-gateways';
import type { OpenInvoice } from './soak-plan';
import type { SandboxProcess } from './soak-processes';
import type { SoakProvider } from './soak-providers';

/** A borrower of the run: its ids in the gateway and at the provider, its lender account and open invoices. */
export interface Borrower {
  id: string;
  /** The provider's id for the borrower's books (a Codat company, a Sinao application). */
  ref: string;
  lenderBankAccountId: string;
  invoices: OpenInvoice[];
}

const REGISTER = `mutation ($input: RegisterCompanyInput!) { registerCompany(input: $input) { id } }`;
const LENDER_ACCOUNT = `mutation ($companyId: ID!, $input: CreateLenderBankAccountInput!) {
  createLenderBankAccount(companyId: $companyId, input: $input) { status bankAccount { id } operation { id status lastError } } }`;
const EXPENSE_ACCOUNT = `mutation ($companyId: ID!, $input: CreateExpenseAccountInput!) {
  createExpenseAccount(companyId: $companyId, input: $input) { status account { id } operation { id status lastError } } }`;
const SUPPLIER = `mutation ($companyId: ID!) { ensureLenderSupplier(companyId: $companyId) { outcome supplier { id } operation { id status lastError } } }`;
const BANK_ACCOUNTS = `query ($companyId: ID!) { bankAccounts(companyId: $companyId, first: 100) { nodes { id name currency status } } }`;
const ACCOUNTS = `query ($companyId: ID!) { accounts(companyId: $companyId, first: 500) { nodes { id nominalCode type status } } }`;
const CONFIGURE = `mutation ($companyId: ID!, $input: ConfigureMappingInput!) { configureMapping(companyId: $companyId, input: $input) { isComplete missing } }`;
const ENABLE = `mutation ($companyId: ID!) { setWritebackEnabled(companyId: $companyId, enabled: true) { writebackEnabled } }`;
const INVOICES = `query ($companyId: ID!) { invoices(companyId: $companyId, first: 500) { nodes { id amountDue currency status } } }`;

const OPERATION = `query ($id: ID!) { writebackOperation(id: $id) { status lastError providerRecordIds } }`;

/** The record an operation answered PENDING created, once the provider has finished it (a slow machine makes that common). */
async function completed(gw: GatewayPool, operationId: string, timeoutMs = 60_000): Promise<string | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { writebackOperation: op } = await gw.must<{ writebackOperation: { status: string; lastError: string | null; providerRecordIds: string[] } }>(OPERATION, { id: operationId });
    if (op.status === 'SUCCEEDED') return op.providerRecordIds[0] ?? null;
    if (op.status === 'FAILED' || Date.now() > deadline) return null;
    await new Promise((r) => setTimeout(r, 200));
  }
}

type Payload<K extends string, R extends string> = Record<K, { status: string; operation: { id: string; status: string; lastError: string | null } | null } & Record<R, { id: string } | null>>;

/** The gateway calls a borrower's mapping is made with, for one company. */
export interface MappingCalls {
  /** Runs a mutation that creates a record and answers its id (failing if it did not complete). */
  created<K extends string, R extends string>(query: string, field: K, record: R, input?: object): Promise<string>;
  bankAccounts(): Promise<{ id: string; name: string; currency: string; status: string }[]>;
  accounts(): Promise<{ id: string; nominalCode: string | null; type: string; status: string }[]>;
}

export const MAPPING_MUTATIONS = { LENDER_ACCOUNT, EXPENSE_ACCOUNT, SUPPLIER };

/**
 * A borrower set up as the README's walkthrough does it, with the fault injection off: the
 * borrower's books at the provider (as the provider's profile creates them), registered with the
 * gateway, the mapping the profile makes complete, write-back on.
 */
export async function setUpBorrower(gw: GatewayPool, provider: SoakProvider, sandbox: SandboxProcess, n: number): Promise<Borrower> {
  const name = provider.borrowerName(n);
  const { ref, connection } = await provider.createBorrower(sandbox, name);
  const { registerCompany } = await gw.must<{ registerCompany: { id: string } }>(REGISTER, { input: { name, externalRef: `soak-${provider.name}-${ref}`, connection } });
  const companyId = registerCompany.id;
  await provider.connect?.(sandbox, gw, companyId, ref);
  const calls: MappingCalls = {
    async created<K extends string, R extends string>(query: string, field: K, record: R, input?: object) {
      const answer = (await gw.must<Payload<K, R>>(query, input ? { companyId, input } : { companyId }))[field];
      const id = answer[record]?.id ?? (answer.status === 'PENDING' && answer.operation ? await completed(gw, answer.operation.id) : null);
      if (!id) throw new Error(`${field} for ${name} did not complete: ${answer.status} ${answer.operation?.lastError ?? ''}`);
      return id;
    },
    bankAccounts: async () => (await gw.must<{ bankAccounts: { nodes: { id: string; name: string; currency: string; status: string }[] } }>(BANK_ACCOUNTS, { companyId })).bankAccounts.nodes,
    accounts: async () => (await gw.must<{ accounts: { nodes: { id: string; nominalCode: string | null; type: string; status: string }[] } }>(ACCOUNTS, { companyId })).accounts.nodes,
  };
  const mapping = await provider.mapping(calls, name);
  const { configureMapping } = await gw.must<{ configureMapping: { isComplete: boolean; missing: string[] } }>(CONFIGURE, { companyId, input: mapping });
  if (!configureMapping.isComplete) throw new Error(`the mapping of ${name} is incomplete: ${configureMapping.missing.join(', ')}`);
  await gw.must(ENABLE, { companyId });
  const invoices = (await gw.must<{ invoices: { nodes: { id: string; amountDue: string; currency: string; status: string }[] } }>(INVOICES, { companyId })).invoices.nodes
    .filter((i) => i.currency === provider.currency && (i.status === 'SUBMITTED' || i.status === 'PARTIALLY_PAID'))
    .map((i) => ({ id: i.id, amountDueMinor: Math.round(Number(i.amountDue) * 100) }))
    .filter((i) => i.amountDueMinor > 0);
  return { id: companyId, ref, lenderBankAccountId: mapping.lenderBankAccountId, invoices };
}
