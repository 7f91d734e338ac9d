import type { GatewayPool } from './soak-gateways';
import type { OpenInvoice } from './soak-plan';
import type { SandboxProcess } from './soak-processes';

/** A borrower of the run: its ids in the gateway and in Codat, its lender account and open invoices. */
export interface Borrower {
  id: string;
  codatCompanyId: string;
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
const CONFIGURE = `mutation ($companyId: ID!, $input: ConfigureMappingInput!) { configureMapping(companyId: $companyId, input: $input) { isComplete missing } }`;
const ENABLE = `mutation ($companyId: ID!) { setWritebackEnabled(companyId: $companyId, enabled: true) { writebackEnabled } }`;
const INVOICES = `query ($companyId: ID!) { invoices(companyId: $companyId, first: 500) { nodes { id amountDue currency status } } }`;

type Payload<K extends string, R extends string> = Record<K, { status: string; operation: { id: string; status: string; lastError: string | null } | null } & Record<R, { id: string } | null>>;

/**
 * A borrower set up as the README's walkthrough does it, with the fault injection off: a company
 * and its Xero connection in Codat, registered with the gateway, a new lender account, a new fee
 * account, the lender as a supplier, the mapping complete and write-back on.
 */
export async function setUpBorrower(gw: GatewayPool, sandbox: SandboxProcess, n: number): Promise<Borrower> {
  const name = `Soak Borrower ${n} Ltd`;
  const company = await sandbox.call('POST', '/companies', { name });
  const connection = await sandbox.call('POST', `/companies/${company.id}/connections`, { platformKey: 'gbol' });
  const { registerCompany } = await gw.must<{ registerCompany: { id: string } }>(REGISTER, {
    input: { name, externalRef: `soak-${company.id}`, connection: { codat: { companyId: company.id, connectionId: connection.id, apiKey: null } } },
  });
  const companyId = registerCompany.id;
  const created = async <K extends string, R extends string>(query: string, field: K, record: R, input?: object): Promise<string> => {
    const answer = (await gw.must<Payload<K, R>>(query, input ? { companyId, input } : { companyId }))[field];
    const id = answer[record]?.id;
    if (!id) throw new Error(`${field} for ${name} did not complete: ${answer.status} ${answer.operation?.lastError ?? ''}`);
    return id;
  };
  const lender = await created(LENDER_ACCOUNT, 'createLenderBankAccount', 'bankAccount', { name: 'Acme Invoice Finance', currency: 'GBP', sortCode: '404784', accountNumber: '70872490' });
  const expense = await created(EXPENSE_ACCOUNT, 'createExpenseAccount', 'account', { name: 'Invoice finance fees', nominalCode: '4790' });
  const supplier = await created(SUPPLIER, 'ensureLenderSupplier', 'supplier');
  const banks = (await gw.must<{ bankAccounts: { nodes: { id: string; name: string; currency: string; status: string }[] } }>(BANK_ACCOUNTS, { companyId })).bankAccounts.nodes;
  const designated = banks.find((b) => b.currency === 'GBP' && b.id !== lender && b.status !== 'ARCHIVED' && !/saving/i.test(b.name));
  if (!designated) throw new Error(`${name} has no GBP current account to designate`);
  const { configureMapping } = await gw.must<{ configureMapping: { isComplete: boolean; missing: string[] } }>(CONFIGURE, {
    companyId,
    input: { lenderBankAccountId: lender, designatedBankAccountId: designated.id, expenseAccountId: expense, lenderSupplierId: supplier },
  });
  if (!configureMapping.isComplete) throw new Error(`the mapping of ${name} is incomplete: ${configureMapping.missing.join(', ')}`);
  await gw.must(ENABLE, { companyId });
  const invoices = (await gw.must<{ invoices: { nodes: { id: string; amountDue: string; currency: string; status: string }[] } }>(INVOICES, { companyId })).invoices.nodes
    .filter((i) => i.currency === 'GBP' && (i.status === 'SUBMITTED' || i.status === 'PARTIALLY_PAID'))
    .map((i) => ({ id: i.id, amountDueMinor: Math.round(Number(i.amountDue) * 100) }))
    .filter((i) => i.amountDueMinor > 0);
  return { id: companyId, codatCompanyId: company.id, lenderBankAccountId: lender, invoices };
}
