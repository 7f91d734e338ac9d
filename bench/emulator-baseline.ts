import { randomUUID } from 'node:crypto';
import { directCostBody } from '../src/providers/codat/codat.write.mappers';
import type { BenchCompany, BenchGateway } from './bench-gateway';
import { runClosedLoop, type LoadResult } from './load';

/**
 * The emulator's own ceiling: POST /push/directCosts straight to it, with the body the gateway
 * itself would send for a fee, from as many concurrent clients as the worker delivers with.
 * Every request carries a fresh Idempotency-Key, so none is answered from the replay cache.
 */
export async function measureRawPosts(
  b: BenchGateway,
  companies: BenchCompany[],
  opts: { warmup: number; requests: number; concurrency: number; date: string },
): Promise<LoadResult> {
  const post = async (label: string, i: number) => {
    const c = companies[i % companies.length];
    const body = directCostBody({
      marker: randomUUID(),
      date: opts.date,
      bankAccountId: c.lenderBankAccountId,
      supplierId: c.lenderSupplierId,
      expenseAccountId: c.expenseAccountId,
      amountMinor: 100 + (i % 9900),
      currency: 'GBP',
      description: 'Invoice finance fee',
      reference: `${label}-${i}`,
    });
    const res = await fetch(`${b.codatUrl}/companies/${c.codatCompanyId}/connections/${c.codatConnectionId}/push/directCosts`, {
      method: 'POST',
      headers: { authorization: b.codatAuth, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify(body),
    });
    const answer = (await res.json()) as { status?: string };
    if (res.status !== 200 || answer.status === 'Failed') throw new Error(`POST push/directCosts answered ${res.status} ${JSON.stringify(answer).slice(0, 300)}`);
  };
  await runClosedLoop(opts.warmup, opts.concurrency, (i) => post('raw-warmup', i));
  const result = await runClosedLoop(opts.requests, opts.concurrency, (i) => post('raw', i));

  // A fast answer to a body Xero would refuse is no baseline: every push must have been booked.
  b.store.settleDue();
  for (const c of companies) {
    const refused = b.store.pushes.list(c.codatCompanyId).filter((op) => op.status !== 'Success');
    if (refused.length) throw new Error(`${refused.length} raw pushes did not succeed, e.g. ${JSON.stringify(refused[0].validation)}`);
  }
  return result;
}
