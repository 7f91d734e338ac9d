import type { AccountingProvider, ProviderKind } from './accounting-provider';

/**
 * Provider kind → the adapter that serves it. Filled once at boot.
 *
 * @example
 * const registry = new ProviderRegistry().register(new CodatAdapter({ apiKey: config.codat.apiKey }));
 * const provider = registry.get(company.providerKind);
 */
export class ProviderRegistry {
  private readonly providers = new Map<ProviderKind, AccountingProvider>();

  register(provider: AccountingProvider): this {
    if (this.providers.has(provider.kind)) throw new Error(`An accounting provider is already registered for ${provider.kind}`);
    this.providers.set(provider.kind, provider);
    return this;
  }

  has(kind: string): kind is ProviderKind {
    return this.providers.has(kind as ProviderKind);
  }

  get(kind: string): AccountingProvider {
    const provider = this.providers.get(kind as ProviderKind);
    if (!provider) {
      const known = [...this.providers.keys()];
      throw new Error(`No accounting provider is registered for kind "${kind}" (registered: ${known.length ? known.join(', ') : 'none'})`);
    }
    return provider;
  }

  kinds(): ProviderKind[] {
    return [...this.providers.keys()];
  }
}
