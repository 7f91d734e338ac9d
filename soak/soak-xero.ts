import { completeXeroConsent } from '../src/sandbox/xero/consent-script';
import { COMMON_FAULTS } from '../src/sandbox/kit';
import { MAPPING_MUTATIONS } from './soak-borrowers';
import type { BooksAudit, CredentialsAudit, Marks, SoakProvider } from './soak-providers';
import { startSandbox } from './soak-processes';

/** The lender's Xero app, registered in the soak's sandbox with a callback address any gateway of the run answers behind. */
const APP = { clientId: 'SOAKXEROCLIENT0000000000000000000', clientSecret: 'soak-xero-client-secret-0123456789abcdef', redirectUri: 'http://127.0.0.1:9/oauth/xero/callback' };
/** Access tokens run out every few seconds; refresh tokens are single-use, with Xero's own grace period for a lost answer. */
const ACCESS_TOKEN_SECONDS = 3;
/** A kill this soon after a refresh token's exchange may have taken the answer before the gateway stored it. */
const KILL_WINDOW_MS = 5000;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const START = 'mutation ($companyId: ID!) { startXeroConnection(companyId: $companyId) { authorisationUrl } }';

type Shown = { Reference?: string | null; Type?: string };
type XeroBooks = {
  bankTransfers: (Shown & { BankTransferID: string })[];
  bankTransactions: (Shown & { BankTransactionID: string })[];
  payments: (Shown & { PaymentID: string })[];
};

/**
 * Xero directly: its sandbox in its own process with short-lived access tokens and single-use
 * refresh tokens, borrowers registered pending authorisation and connected through the consent
 * page, the lender-account entries created reconciled.
 */
export const xeroSoak: SoakProvider = {
  name: 'xero',
  label: 'Xero',
  currency: 'GBP',
  faultKinds: COMMON_FAULTS,
  inFlight: { method: 'PUT', pathIncludes: '/BankTransactions', what: 'a spend money' },
  startSandbox: ({ logDir }) => startSandbox({
    name: 'xero-sandbox',
    script: 'scripts/xero-sandbox.js',
    env: {
      XERO_CLIENT_ID: APP.clientId, XERO_CLIENT_SECRET: APP.clientSecret, XERO_REDIRECT_URI: APP.redirectUri,
      XERO_ACCESS_TOKEN_SECONDS: String(ACCESS_TOKEN_SECONDS),
      // Xero's call limits are not what this run is about: high enough never to be met.
      XERO_PER_MINUTE: '1000000', XERO_CONCURRENT: '1000', XERO_PER_DAY: '100000000',
    },
    headers: {},
    logDir,
  }),
  gatewayEnv: (sandbox, timeoutMs) => ({
    XERO_CLIENT_ID: APP.clientId,
    XERO_CLIENT_SECRET: APP.clientSecret,
    XERO_REDIRECT_URI: APP.redirectUri,
    XERO_IDENTITY_URL: sandbox.url,
    XERO_API_URL: sandbox.url,
    XERO_TIMEOUT_MS: String(timeoutMs),
    // Codat's settings are read whatever the borrowers' provider; no borrower of the run uses them.
    CODAT_API_KEY: 'soak-codat-api-key',
  }),
  borrowerName: (n) => `Soak Xero Borrower ${n} Ltd`,
  /** An organisation of the sandbox's user; the company is registered pending authorisation. */
  async createBorrower(sandbox, name) {
    const org = await sandbox.call<{ tenantId: string }>('POST', '/_sandbox/identity/organisations', { name });
    return { ref: org.tenantId, connection: { xero: {} } };
  },
  /** The borrower grants their organisation on the consent page; their browser follows the redirect to a live gateway. */
  async connect(_sandbox, gw, companyId, ref) {
    const { startXeroConnection } = await gw.must<{ startXeroConnection: { authorisationUrl: string } }>(START, { companyId });
    const callback = await completeXeroConsent(startXeroConnection.authorisationUrl, { choose: (orgs) => orgs.filter((o) => o.tenantId === ref).map((o) => o.tenantId) });
    const res = await fetch(`${await gw.origin()}${callback.pathname}${callback.search}`, { redirect: 'manual' });
    if (res.status !== 200) throw new Error(`the Xero callback answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  },
  /** A new lender account (BANK), a new fee account, the lender contact, the GBP current account. */
  async mapping(calls, name) {
    const lender = await calls.created(MAPPING_MUTATIONS.LENDER_ACCOUNT, 'createLenderBankAccount', 'bankAccount', { name: 'Acme Invoice Finance', currency: 'GBP', sortCode: '404784', accountNumber: '70872490' });
    const expense = await calls.created(MAPPING_MUTATIONS.EXPENSE_ACCOUNT, 'createExpenseAccount', 'account', { name: 'Invoice finance fees', nominalCode: '4790' });
    const supplier = await calls.created(MAPPING_MUTATIONS.SUPPLIER, 'ensureLenderSupplier', 'supplier');
    const designated = (await calls.bankAccounts()).find((b) => b.currency === 'GBP' && b.id !== lender && b.status !== 'ARCHIVED' && !/saving/i.test(b.name));
    if (!designated) throw new Error(`${name} has no GBP current account to designate`);
    return { lenderBankAccountId: lender, designatedBankAccountId: designated.id, expenseAccountId: expense, lenderSupplierId: supplier };
  },
  /** Transfers, spend money and payments by the marker in their Reference (a transfer's two legs are the transfer). */
  async readBooks(sandbox, borrowers): Promise<BooksAudit> {
    const marks: Marks = new Map();
    const add = (reference: string | null | undefined, id: string) => {
      for (const m of new Set((reference ?? '').toLowerCase().match(UUID) ?? [])) marks.set(m, [...(marks.get(m) ?? []), id]);
    };
    for (const b of borrowers) {
      const books = await sandbox.call<XeroBooks>('GET', `/_sandbox/organisations/${b.ref}/books`);
      for (const t of books.bankTransfers) add(t.Reference, t.BankTransferID);
      for (const t of books.bankTransactions.filter((tx) => !tx.Type?.endsWith('-TRANSFER'))) add(t.Reference, t.BankTransactionID);
      for (const p of books.payments) add(p.Reference, p.PaymentID);
    }
    return { marks, incomplete: new Map() };
  },
  /**
   * From the identity service's count of each refresh token's presentations: one presentation not
   * exchanged is one invalid_grant; a token presented twice is a race between refreshes unless a
   * kill came right after its first exchange (the gateway died holding the answer), or it came
   * back a time-out after it (the gateway's retry of a refresh whose answer was late or lost).
   */
  async auditCredentials(sandbox, { killedAt, timeoutMs }): Promise<CredentialsAudit> {
    type Usage = { presented: number; exchanged: number; usedAt?: number; lastPresentedAt?: number };
    const usage = await sandbox.call<Usage[]>('GET', '/_sandbox/identity/refresh-tokens');
    const twice = usage.filter((u) => u.presented > 1);
    const afterKill = (u: Usage) => u.usedAt !== undefined && killedAt.some((k) => k >= u.usedAt! && k - u.usedAt! <= KILL_WINDOW_MS);
    const afterTimeout = (u: Usage) => !afterKill(u) && u.usedAt !== undefined && u.presented === 2 && (u.lastPresentedAt ?? 0) - u.usedAt >= timeoutMs;
    return {
      refreshTokensUsedTwice: twice.filter((u) => !afterKill(u) && !afterTimeout(u)).length,
      reusedAfterKill: twice.filter(afterKill).length,
      reusedAfterTimeout: twice.filter(afterTimeout).length,
      invalidGrants: usage.reduce((sum, u) => sum + Math.max(0, u.presented - u.exchanged), 0),
      refreshes: usage.reduce((sum, u) => sum + u.exchanged, 0),
    };
  },
};
