import type { ProviderDefinition } from '../provider';
import { SinaoAdapter } from './sinao.adapter';
import { sinaoSandbox } from './sinao.sandbox';
import { SinaoConnectionInput, parseSinaoEnv, type SinaoConfig, type SinaoEnv, type SinaoSecrets } from './sinao.settings';

/**
 * Sinao, the French accounting platform: writes answer at once, no idempotency key is taken (a
 * write is found again by the marker it carries), and each entry is a transaction of the lender
 * cash account — its own statement line — reconciled to an account or a sales invoice. Moves
 * between the borrower's own accounts are categorised in an internal-transfer account (class 58).
 */
export const sinao: ProviderDefinition<SinaoEnv, SinaoConfig, SinaoSecrets, SinaoConnectionInput> = {
  kind: 'SINAO',
  displayName: 'Sinao',
  inputKey: 'sinao',
  capabilities: {
    writes: 'sync',
    idempotencyKeys: false,
    statements: 'implicit',
    maxStatementLines: 1,
    orderedStatements: false,
    oauth: false,
    bankLineRules: true,
    mappingFields: ['lenderBankAccountId', 'designatedBankAccountId', 'expenseAccountId', 'lenderSupplierId', 'internalTransferAccountId'],
  },
  parseEnv: parseSinaoEnv,
  connectionInput: SinaoConnectionInput,
  parseConnection: (input) => ({
    config: { appId: input.appId },
    secrets: { apiKey: input.apiKey },
    key: input.appId,
    keyField: 'appId',
  }),
  createAdapter: ({ env, sandboxUrl }) => {
    const baseUrl = env.baseUrl ?? sandboxUrl;
    if (!baseUrl) throw new Error('SINAO_BASE_URL is not set and no Sinao sandbox is mounted');
    return new SinaoAdapter({ baseUrl, timeoutMs: env.timeoutMs });
  },
  sandbox: sinaoSandbox,
};
