import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { completeXeroConsent } from '../../src/sandbox/xero/consent-script';
import {
  BankAccountsDocument, ConfigureMappingDocument, CreateExpenseAccountDocument, CreateLenderBankAccountDocument, EnsureLenderSupplierDocument,
  RegisterCompanyDocument, SetWritebackEnabledDocument,
} from '../generated/graphql';
import { ok, type GqlResult } from '../helpers/test-gateway';

/** A GraphQL client of a gateway, in this process (`t.gql`) or another (`remoteGql`). */
export type Gql = <T, V>(doc: TypedDocumentNode<T, V>, variables: V) => Promise<GqlResult<T>>;

type Connection = { provider: string; status: string; tenantName: string | null; lastError: string | null };
export const StartXeroConnectionDocument = parse('mutation StartXeroConnection($companyId: ID!) { startXeroConnection(companyId: $companyId) { authorisationUrl expiresAt } }') as TypedDocumentNode<
  { startXeroConnection: { authorisationUrl: string; expiresAt: string } },
  { companyId: string }
>;
export const CompanyConnectionDocument = parse('query CompanyConnection($id: ID!) { company(id: $id) { id connection { provider status tenantName lastError } } }') as TypedDocumentNode<
  { company: { id: string; connection: Connection } },
  { id: string }
>;

/** Registers a Xero borrower (pending authorisation until it connects). */
export async function registerXeroBorrower(gql: Gql, name: string): Promise<string> {
  const input = { name, externalRef: `xero-${name.toLowerCase().replace(/\W+/g, '-')}-${Date.now()}`, connection: { xero: {} } };
  return ok(await gql(RegisterCompanyDocument, { input })).registerCompany.id;
}

/**
 * The borrower connects their Xero: the gateway's authorisation address, the sandbox's consent
 * page (ticking `organisations`, by name), and their browser following the redirect to the
 * gateway's callback. Answers the page the callback showed.
 */
export async function connectXero(gql: Gql, companyId: string, organisations: string[]): Promise<{ status: number; html: string; callback: URL }> {
  const { authorisationUrl } = ok(await gql(StartXeroConnectionDocument, { companyId })).startXeroConnection;
  const callback = await completeXeroConsent(authorisationUrl, { choose: (orgs) => orgs.filter((o) => organisations.includes(o.tenantName)).map((o) => o.tenantId) });
  const res = await fetch(callback, { redirect: 'manual' });
  return { status: res.status, html: await res.text(), callback };
}

export async function connectionOf(gql: Gql, companyId: string): Promise<Connection> {
  return ok(await gql(CompanyConnectionDocument, { id: companyId })).company.connection;
}

/**
 * Maps a connected Xero borrower as a lender's settings page does: the lender account created as a
 * BANK account, the borrower's current account, a new fee account and the lender contact; then
 * switches write-back on.
 */
export async function mapXeroBorrower(gql: Gql, companyId: string) {
  const lender = ok(await gql(CreateLenderBankAccountDocument, { companyId, input: { name: 'Acme Invoice Finance', currency: 'GBP', sortCode: '404784', accountNumber: '70872490' } })).createLenderBankAccount;
  if (!lender.bankAccount) throw new Error(`The lender account was not created: ${JSON.stringify(lender)}`);
  const banks = ok(await gql(BankAccountsDocument, { companyId, first: 100 })).bankAccounts.nodes;
  const designated = banks.find((a) => a.currency === 'GBP' && a.id !== lender.bankAccount!.id && a.status !== 'ARCHIVED' && !/saving/i.test(a.name));
  if (!designated) throw new Error(`No current account among ${JSON.stringify(banks)}`);
  const expense = ok(await gql(CreateExpenseAccountDocument, { companyId, input: { name: 'Invoice finance fees', nominalCode: '4790' } })).createExpenseAccount;
  if (!expense.account) throw new Error(`The fee account was not created: ${JSON.stringify(expense)}`);
  const supplier = ok(await gql(EnsureLenderSupplierDocument, { companyId, input: null })).ensureLenderSupplier.supplier;
  if (!supplier) throw new Error('The lender contact was neither found nor created');
  const ids = { lenderId: lender.bankAccount.id, designatedId: designated.id, expenseId: expense.account.id, supplierId: supplier.id };
  ok(await gql(ConfigureMappingDocument, { companyId, input: { lenderBankAccountId: ids.lenderId, designatedBankAccountId: ids.designatedId, expenseAccountId: ids.expenseId, lenderSupplierId: ids.supplierId } }));
  ok(await gql(SetWritebackEnabledDocument, { companyId, enabled: true, releaseHeld: null }));
  return ids;
}
