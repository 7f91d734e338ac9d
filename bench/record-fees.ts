import type { BenchCompany, BenchGateway } from './bench-gateway';
import type { LoadResult } from './load';
import { runInThread } from './load-thread';

// What a lender's backend would read back: the event and the writes it became.
const RECORD_FEE = `mutation ($companyId: ID!, $input: RecordFeeInput!) {
  recordFee(companyId: $companyId, input: $input) { id operations { id kind status } }
}`;

/**
 * Records `warmup` + `count` fees through GraphQL from `clients` concurrent clients, round-robin
 * over the companies, and times the last `count`. All carry the same date, so concurrent events
 * of one company can never arrive out of date order (the gateway refuses those).
 */
export function recordFees(b: Pick<BenchGateway, 'graphqlUrl' | 'adminKey'>, companies: BenchCompany[], opts: { prefix: string; warmup: number; count: number; clients: number; date: string }): Promise<LoadResult> {
  const requests = Array.from({ length: opts.warmup + opts.count }, (_, i) => {
    const externalId = `${opts.prefix}-${i}`;
    const input = { externalId, amount: `${1 + (i % 250)}.${String(i % 100).padStart(2, '0')}`, currency: 'GBP', date: opts.date, reference: externalId };
    return { url: b.graphqlUrl, body: JSON.stringify({ query: RECORD_FEE, variables: { companyId: companies[i % companies.length].id, input } }) };
  });
  return runInThread({ concurrency: opts.clients, headers: { authorization: `Bearer ${b.adminKey}` }, expect: 'graphql', warmup: opts.warmup, requests });
}
