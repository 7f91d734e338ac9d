import type { AccountingProvider } from './accounting-provider';
import type { AnyProviderDefinition } from './provider';

/**
 * The providers this gateway speaks to, by kind: each definition, and its adapter once started.
 *
 * @example
 * const registry = new ProviderRegistry(PROVIDERS);
 * registry.start(definition.kind, definition.createAdapter(deps));
 * const { definition, adapter } = registry.get(company.provider);
 */
export class ProviderRegistry {
  private readonly byKind = new Map<string, { definition: AnyProviderDefinition; adapter: AccountingProvider | null }>();

  constructor(definitions: readonly AnyProviderDefinition[]) {
    const inputKeys = new Set<string>();
    for (const definition of definitions) {
      if (this.byKind.has(definition.kind)) throw new Error(`Two providers are defined for kind ${definition.kind}`);
      if (inputKeys.has(definition.inputKey)) throw new Error(`Two providers take the connection input "${definition.inputKey}"`);
      inputKeys.add(definition.inputKey);
      this.byKind.set(definition.kind, { definition, adapter: null });
    }
  }

  definitions(): AnyProviderDefinition[] {
    return [...this.byKind.values()].map((p) => p.definition);
  }

  kinds(): string[] {
    return [...this.byKind.keys()];
  }

  has(kind: string): boolean {
    return this.byKind.has(kind);
  }

  definition(kind: string): AnyProviderDefinition {
    return this.entry(kind).definition;
  }

  /** Sets the adapter that serves a kind, with the capabilities its environment section gives; boot does it once the sandbox URL is known. */
  start(kind: string, adapter: AccountingProvider, env?: unknown): void {
    const entry = this.entry(kind);
    if (entry.adapter) throw new Error(`The ${entry.definition.displayName} adapter is already started`);
    entry.adapter = adapter;
    if (entry.definition.capabilitiesFor && env !== undefined) entry.definition = { ...entry.definition, capabilities: entry.definition.capabilitiesFor(env) };
  }

  get(kind: string): { definition: AnyProviderDefinition; adapter: AccountingProvider } {
    const { definition, adapter } = this.entry(kind);
    if (!adapter) throw new Error(`The ${definition.displayName} adapter is not started yet`);
    return { definition, adapter };
  }

  private entry(kind: string) {
    const entry = this.byKind.get(kind);
    if (!entry) {
      const known = this.kinds();
      throw new Error(`No accounting provider is registered for kind "${kind}" (registered: ${known.length ? known.join(', ') : 'none'})`);
    }
    return entry;
  }
}
