import type { ProviderDefinition } from '../provider';
import { CodatAdapter } from './codat.adapter';
import { codatSandbox } from './codat.sandbox';
import { CodatConnectionInput, parseCodatEnv, type CodatConfig, type CodatEnv, type CodatSecrets } from './codat.settings';

/**
 * Xero (and other platforms) through Codat's Lending API: pushes are asynchronous operations,
 * repeated requests are replayed by their Idempotency-Key, and statement lines go to a bank feed
 * (up to 1,000 per push, with running balances, so in date order).
 */
export const codat: ProviderDefinition<CodatEnv, CodatConfig, CodatSecrets, CodatConnectionInput> = {
  kind: 'CODAT',
  displayName: 'Codat',
  inputKey: 'codat',
  capabilities: {
    writes: 'async',
    idempotencyKeys: true,
    statements: 'bank-feed',
    maxStatementLines: 1000,
    orderedStatements: true,
    oauth: false,
    mappingFields: ['lenderBankAccountId', 'designatedBankAccountId', 'expenseAccountId', 'lenderSupplierId'],
  },
  parseEnv: parseCodatEnv,
  connectionInput: CodatConnectionInput,
  parseConnection: (input) => ({
    config: { companyId: input.companyId, connectionId: input.connectionId },
    secrets: input.apiKey ? { apiKey: input.apiKey } : null,
    key: `${input.companyId}/${input.connectionId}`,
    keyField: 'connectionId',
  }),
  createAdapter: ({ env, sandboxUrl, worker }) =>
    new CodatAdapter({
      baseUrl: env.baseUrl ?? sandboxUrl ?? undefined,
      apiKey: env.apiKey,
      timeoutMs: env.timeoutMs,
      // The outbox worker retries durably, with attempts it records and a lease it must not outlive.
      retryWrites: false,
      // A look-up waits for Codat's sync; it must end well within the worker's lease on the operation.
      syncWaitMs: Math.min(60_000, Math.floor(worker.leaseMs / 2)),
      syncPollMs: worker.pollMs,
    }),
  sandbox: codatSandbox,
};
