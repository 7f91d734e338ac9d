import type { CodatSandboxStore } from '../src/sandbox/codat/codat-sandbox.store';
import type { RequestLogEntry } from '../src/sandbox/codat/sandbox.types';

export interface ProviderRequests {
  /** POSTs to …/push/<dataType>, by data type. */
  pushPosts: Record<string, number>;
  /** GETs of one push operation's status. */
  pushPolls: number;
  /** Every other GET (data reads, company and connection checks). */
  reads: number;
  other: number;
  /** Answers outside 2xx, or connections dropped. */
  notOk: number;
}

/** A borrower's company and its accounting connection, as the emulator created them. */
export interface SandboxBorrower {
  company: { id: string };
  connection: { id: string };
}

/**
 * What the bench asks of the Codat emulator beside its API, the same whether the emulator runs in
 * the bench's own process or in one of its own: every call is asynchronous, so that both are one.
 *
 * @example
 * await sandbox.startCounting(); … const requests = await sandbox.stopCounting();
 */
export interface SandboxControl {
  createBorrower(name: string): Promise<SandboxBorrower>;
  /** Counts exchanges as they happen (the request log keeps only the latest ones), until `stopCounting`. */
  startCounting(): Promise<void>;
  stopCounting(): Promise<ProviderRequests>;
  /** Direct costs in the books, and statement lines on each company's lender bank account, once due pushes are settled. */
  booksCounts(companies: { codatCompanyId: string; lenderBankAccountId: string }[]): Promise<{ directCosts: number; statementLines: number }>;
  /** Pushes of these companies that did not succeed, once due ones are settled, and one's validation. */
  refusedPushes(companyIds: string[]): Promise<{ count: number; example?: unknown }>;
}

/** The control of an emulator in this process. */
export function embeddedSandbox(store: CodatSandboxStore): SandboxControl {
  let counting: { requests: ProviderRequests; stop: () => void } | null = null;
  return {
    async createBorrower(name) {
      const company = store.createCompany(name);
      const connection = store.addAccountingConnection(company.id);
      return { company: { id: company.id }, connection: { id: connection.id } };
    },
    async startCounting() {
      counting?.stop();
      const requests: ProviderRequests = { pushPosts: {}, pushPolls: 0, reads: 0, other: 0, notOk: 0 };
      counting = { requests, stop: store.requests.observe((entry) => tally(requests, entry)) };
    },
    async stopCounting() {
      if (!counting) throw new Error('stopCounting without startCounting');
      counting.stop();
      const { requests } = counting;
      counting = null;
      return requests;
    },
    async booksCounts(companies) {
      store.settleDue();
      let directCosts = 0;
      let statementLines = 0;
      for (const c of companies) {
        const books = store.liveBooks(c.codatCompanyId)!;
        directCosts += books.directCosts.length;
        statementLines += books.statements[c.lenderBankAccountId]?.length ?? 0;
      }
      return { directCosts, statementLines };
    },
    async refusedPushes(companyIds) {
      store.settleDue();
      const refused = companyIds.flatMap((id) => store.pushes.list(id).filter((op) => op.status !== 'Success'));
      return { count: refused.length, example: refused[0]?.validation };
    },
  };
}

function tally(out: ProviderRequests, entry: RequestLogEntry): void {
  if (entry.status < 200 || entry.status >= 300 || entry.responseLost) out.notOk++;
  const push = /\/push\/(?:bankAccounts\/[^/]+\/)?([A-Za-z]+)$/.exec(entry.path);
  if (entry.method === 'POST' && push) out.pushPosts[push[1]] = (out.pushPosts[push[1]] ?? 0) + 1;
  else if (entry.method === 'GET' && /^\/companies\/[^/]+\/push\/[^/]+$/.test(entry.path)) out.pushPolls++;
  else if (entry.method === 'GET') out.reads++;
  else out.other++;
}
