import type { Borrower } from './soak-borrowers';
import type { GatewayPool } from './soak-gateways';

/** The ledger writes: each carries its operation id as marker (statement lines as their own id). */
const LEDGER_KINDS = ['TRANSFER', 'SPEND_MONEY', 'INVOICE_PAYMENT', 'STATEMENT_LINE'];
const TERMINAL = ['SUCCEEDED', 'FAILED'];

export interface Op {
  id: string;
  companyId: string;
  kind: string;
  status: string;
  eventId: string | null;
  lastError: string | null;
  providerRecordIds: string[];
  event: { id: string; kind: string; externalId: string } | null;
}

const operations = (fields: string) => `query ($companyId: ID!, $after: String) {
  writebackOperations(companyId: $companyId, first: 500, after: $after) { nodes { ${fields} } pageInfo { hasNextPage endCursor } }
}`;
const FULL = operations('id companyId kind status eventId lastError providerRecordIds event { id kind externalId }');
const BRIEF = operations('id kind status');

/** Every ledger write-back operation of the borrowers, as the gateway shows them (`brief`: id, kind and status only). */
export async function ledgerOperations(gw: GatewayPool, borrowers: Borrower[], brief = false): Promise<Op[]> {
  const all: Op[] = [];
  for (const b of borrowers) {
    let after: string | null = null;
    for (;;) {
      type Page = { writebackOperations: { nodes: Op[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
      const page: Page = await gw.must<Page>(brief ? BRIEF : FULL, { companyId: b.id, after });
      all.push(...page.writebackOperations.nodes.filter((op) => LEDGER_KINDS.includes(op.kind)));
      if (!page.writebackOperations.pageInfo.hasNextPage) break;
      after = page.writebackOperations.pageInfo.endCursor;
    }
  }
  return all;
}

/** Waits until every operation is SUCCEEDED or FAILED; answers the operations, and those still open at the deadline. */
export async function waitUntilTerminal(gw: GatewayPool, borrowers: Borrower[], timeoutMs: number): Promise<{ ops: Op[]; open: Op[] }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = (await ledgerOperations(gw, borrowers, true)).filter((op) => !TERMINAL.includes(op.status));
    if (!open.length || Date.now() > deadline) {
      const ops = await ledgerOperations(gw, borrowers);
      return { ops, open: ops.filter((op) => !TERMINAL.includes(op.status)) };
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export interface RetryOutcome {
  /** Operations retryWritebackOperation was called for (members of a batch retried with another are included). */
  retried: Set<string>;
  /** Calls refused for a reason other than "already retried with its batch". */
  refused: string[];
}

const RETRY = `mutation ($id: ID!) { retryWritebackOperation(id: $id) { id status } }`;
const ONE = `query ($id: ID!) { writebackOperation(id: $id) { id status } }`;

/** The documented remedy, applied to every FAILED operation. */
export async function retryFailed(gw: GatewayPool, failed: Op[]): Promise<RetryOutcome> {
  const outcome: RetryOutcome = { retried: new Set(), refused: [] };
  for (const op of failed) {
    outcome.retried.add(op.id);
    const now = await gw.must<{ writebackOperation: { status: string } }>(ONE, { id: op.id });
    // A statement line retried with its batch is no longer FAILED.
    if (now.writebackOperation.status !== 'FAILED') continue;
    const answer = await gw.call<{ retryWritebackOperation: { status: string } }>(RETRY, { id: op.id });
    // Retried meanwhile with its batch: nothing to do.
    if (answer.kind === 'error' && /only a FAILED operation/i.test(answer.message)) continue;
    if (answer.kind !== 'data') outcome.refused.push(`${op.id}: ${answer.kind === 'error' ? `${answer.code} ${answer.message}` : answer.message}`);
  }
  return outcome;
}
