import fs from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '../../src');
const LIST = 'providers/providers.ts';
/** The providers the gateway speaks to or will: each may be named only in its own folders and in the list. */
const PROVIDERS = ['codat', 'sinao', 'xero'];
/**
 * Codat is an aggregator whose accounting platform is Xero: its adapter and its emulator (which
 * applies Xero's rules on Xero's books, as real Codat does) may name Xero. Nothing else may.
 */
const ALSO_NAMED_IN: Record<string, string[]> = { xero: ['codat'] };

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** `providers/codat/…`, `sandbox/codat/…`, `sandbox/xero-books/…`: folders of provider `p`. */
const inFolderOf = (rel: string, p: string) => new RegExp(`^(providers|sandbox)/${p}([-/]|$)`).test(rel);

describe('a provider is its own folders plus one line in the list', () => {
  const sources = files(SRC).map((file) => ({ rel: path.relative(SRC, file).split(path.sep).join('/'), text: fs.readFileSync(file, 'utf8') }));

  it.each(PROVIDERS)('names %s nowhere in src/ outside its folders and the provider list', (name) => {
    const offenders = sources
      .filter(({ rel }) => rel !== LIST && !inFolderOf(rel, name) && !(ALSO_NAMED_IN[name] ?? []).some((other) => inFolderOf(rel, other)))
      .flatMap(({ rel, text }) => text.split('\n').flatMap((line, i) => (line.toLowerCase().includes(name) ? [`${rel}:${i + 1}: ${line.trim()}`] : [])));
    expect(offenders).toEqual([]);
  });

  it('registers each provider with one line of the list', () => {
    const list = sources.find((s) => s.rel === LIST)!.text;
    const entries = /PROVIDERS[^=]*=\s*\[([^\]]*)\]/.exec(list)![1].split(',').map((e) => e.trim()).filter(Boolean);
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) expect(list).toMatch(new RegExp(`^import \\{ ${entry} \\} from '\\./${entry}/${entry}\\.provider';$`, 'm'));
  });
});
