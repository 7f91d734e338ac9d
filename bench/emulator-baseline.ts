import { randomUUID } from 'node:crypto';
import { directCostBody } from '../src/providers/codat/codat.write.mappers';
import type { BenchCompany, BenchGateway } from './bench-gateway';
import type { LoadResult } from './load';
import { runInThread } from './load-thread';

/**
 * The emulator's own ceiling: POST /push/directCosts straight to it, with the body the gateway
 * itself sends for a fee, from as many concurrent clients as the worker delivers with. Every
 * request carries a fresh Idempotency-Key, so none is answered from the replay cache.
 */
export async function measureRawPosts(
  b: BenchGateway,
  companies: BenchCompany[],
  opts: { warmup: number; requests: number; concurrency: number; date: string },
): Promise<LoadResult> {
  const result = await runInThread({
    concurrency: opts.concurrency,
    headers: { authorization: b.codatAuth },
    freshIdempotencyKey: true,
    expect: 'codat-push',
    warmup: opts.warmup,
    requests: Array.from({ length: opts.warmup + opts.requests }, (_, i) => {
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
        reference: `raw-${i}`,
      });
      return { url: `${b.codatUrl}/companies/${c.codatCompanyId}/connections/${c.codatConnectionId}/push/directCosts`, body: JSON.stringify(body) };
    }),
  });

  // A fast answer to a body Xero would refuse is no baseline: every push must have been booked.
  const refused = await b.sandbox.refusedPushes(companies.map((c) => c.codatCompanyId));
  if (refused.count) throw new Error(`${refused.count} raw pushes did not succeed, e.g. ${JSON.stringify(refused.example)}`);
  return result;
}
