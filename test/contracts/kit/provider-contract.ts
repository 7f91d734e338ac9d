import { Contract, type ContractOptions, type Extract } from './contract';

const extractor = require('../../../scripts/contracts/openapi-extract') as {
  buildExtract(contract: object, specDir?: string): string;
  loadContract(provider: string): { displayName: string };
};

/**
 * A provider's contract built from its spec in the shared contracts folder, as its contract file
 * (test/contracts/<provider>.contract.js) describes it, for providers with no committed extract.
 * The extract is built on first use: a missing spec fails the first check, naming the file.
 *
 * @example
 * const sinao = providerContract('sinao');
 * sinao.check({ method: 'GET', path: '/apps/7/transactions/12', status: 200, responseBody: tx }).responseErrors; // []
 */
export function providerContract(provider: string, options: Partial<ContractOptions> = {}): Contract {
  const contract = extractor.loadContract(provider);
  return new Contract(() => JSON.parse(extractor.buildExtract(contract)) as Extract, { displayName: contract.displayName, ...options });
}

