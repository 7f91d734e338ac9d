import type { AccountingProvider } from '../../src/providers/accounting-provider';
import { CodatAdapter } from '../../src/providers/codat/codat.adapter';
import { ProviderRegistry } from '../../src/providers/registry';

describe('ProviderRegistry', () => {
  it('returns the adapter registered for a kind', () => {
    const codat = new CodatAdapter({ apiKey: 'k' });
    const registry = new ProviderRegistry().register(codat);
    expect(registry.get('CODAT')).toBe(codat);
    expect(registry.has('CODAT')).toBe(true);
    expect(registry.kinds()).toEqual(['CODAT']);
  });

  it('names the unknown kind and the registered ones', () => {
    const registry = new ProviderRegistry().register(new CodatAdapter());
    expect(() => registry.get('SINAO')).toThrow('No accounting provider is registered for kind "SINAO" (registered: CODAT)');
    expect(() => new ProviderRegistry().get('XERO')).toThrow('(registered: none)');
    expect(registry.has('XERO')).toBe(false);
  });

  it('refuses two adapters for one kind', () => {
    const registry = new ProviderRegistry().register(new CodatAdapter());
    expect(() => registry.register({ kind: 'CODAT' } as AccountingProvider)).toThrow('already registered for CODAT');
  });
});
