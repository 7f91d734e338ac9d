import { CodatAdapter } from '../../src/providers/codat/codat.adapter';
import { codat } from '../../src/providers/codat/codat.provider';
import type { AnyProviderDefinition } from '../../src/providers/provider';
import { ProviderRegistry } from '../../src/providers/registry';

describe('ProviderRegistry', () => {
  it('gives the definition of a kind, and its adapter once started', () => {
    const registry = new ProviderRegistry([codat]);
    expect(registry.definition('CODAT')).toBe(codat);
    expect(() => registry.get('CODAT')).toThrow('The Codat adapter is not started yet');
    const adapter = new CodatAdapter({ apiKey: 'k' });
    registry.start('CODAT', adapter);
    expect(registry.get('CODAT')).toEqual({ definition: codat, adapter });
    expect(registry.kinds()).toEqual(['CODAT']);
    expect(() => registry.start('CODAT', adapter)).toThrow('already started');
  });

  it('names the unknown kind and the registered ones', () => {
    const registry = new ProviderRegistry([codat]);
    expect(() => registry.get('SINAO')).toThrow('No accounting provider is registered for kind "SINAO" (registered: CODAT)');
    expect(() => new ProviderRegistry([]).definition('XERO')).toThrow('(registered: none)');
    expect(registry.has('XERO')).toBe(false);
  });

  it('refuses two providers of one kind, or taking one connection input', () => {
    expect(() => new ProviderRegistry([codat, codat])).toThrow('Two providers are defined for kind CODAT');
    const twin: AnyProviderDefinition = { ...codat, kind: 'TWIN' };
    expect(() => new ProviderRegistry([codat, twin])).toThrow('Two providers take the connection input "codat"');
  });
});
