import type { BenchCompany, BenchGateway } from './bench-gateway';
import { runClosedLoop, type LoadResult } from './load';

// What a lender's backend would read back: the event and the writes it became.
const RECORD_FEE = `mutation ($companyId: ID!, $input: RecordFeeInput!) {
  recordFee(companyId: $companyId, input: $input) { id operations { id kind status } }
}`;

/**
 * Records `count` fees through GraphQL from `clients` concurrent clients, round-robin over the
 * companies. All carry the same date, so concurrent events of one company can never arrive out
 * of date order (the gateway refuses those).
 */
export function recordFees(b: BenchGateway, companies: BenchCompany[], opts: { prefix: string; count: number; clients: number; date: string }): Promise<LoadResult> {
  return runClosedLoop(opts.count, opts.clients, async (i) => {
    const company = companies[i % companies.length];
    const externalId = `${opts.prefix}-${i}`;
    const { recordFee } = await b.gql<{ recordFee: { operations: unknown[] } }>(RECORD_FEE, {
      companyId: company.id,
      input: { externalId, amount: `${1 + (i % 250)}.${String(i % 100).padStart(2, '0')}`, currency: 'GBP', date: opts.date, reference: externalId },
    });
    if (recordFee.operations.length !== 2) throw new Error(`recordFee ${externalId} queued ${recordFee.operations.length} operations, expected 2`);
  });
}
