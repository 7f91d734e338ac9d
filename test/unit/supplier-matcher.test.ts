import {
  DEFAULT_MATCH_THRESHOLD,
  MatchCandidate,
  matchSupplier,
  normaliseCompanyName,
  rankBySimilarity,
} from '../../src/modules/mapping/supplier-matcher';

const c = (id: string, name: string, status?: string): MatchCandidate => ({ id, name, status });

describe('normaliseCompanyName', () => {
  it.each([
    ['ACME FINANCE LIMITED', 'acme finance'],
    ['  Acme   Finance\tLtd. ', 'acme finance'],
    ['Acme-Finance Ltd.', 'acme finance'],
    ['Société Générale Factoring SAS', 'societe generale factoring'],
    ['Müller GmbH & Co. KG', 'muller'],
    ['Straße Holdings AG', 'strasse holdings'],
    ['Smith & Jones', 'smith and jones'],
    ['Smith and Jones Company Limited', 'smith and jones'],
    ['Acme & Co', 'acme'],
    ['Acme Public Limited Company', 'acme'],
    ['Acme Limited Liability Partnership', 'acme'],
    ['Acme S.A.R.L.', 'acme'],
    ['Acme Corp.', 'acme'],
    ['Acme Incorporated', 'acme'],
    ["Sainsbury's Bank plc", 'sainsburys bank'],
    ['The Acme Group', 'acme group'],
    // Legal forms only count at the end of the name.
    ['Co Finance Partners Ltd', 'co finance partners'],
    ['SA Capital Ltd', 'sa capital'],
    ['Acme Ltd Finance', 'acme ltd finance'],
    // Never stripped down to nothing.
    ['Company', 'company'],
    ['The Ltd', 'ltd'],
    ['', ''],
    ['  &  ', 'and'],
  ])('%j -> %j', (input, expected) => {
    expect(normaliseCompanyName(input)).toBe(expected);
  });
});

describe('matchSupplier: names that must be found', () => {
  it.each([
    ['Acme Finance Ltd', 'ACME FINANCE LIMITED', 1, 1],
    ['Acme Finance Ltd', 'Acme Finance', 1, 1],
    ['Acme Finance Ltd', 'Acme-Finance Ltd.', 1, 1],
    ['Acme Finance Ltd', 'Acme Finance PLC', 1, 1],
    ['Acme Finance Ltd', 'Acme Finance & Co', 1, 1],
    ['Societe Generale Factoring', 'Société Générale Factoring SAS', 1, 1],
    ['Acme Finance Ltd', 'Acme Finanse Ltd', 0.9, 0.99],
    ['Acme Finance Ltd', 'Acme Finances Ltd', 0.9, 0.99],
    ['Acme Finance Ltd', 'AcmeFinance Ltd', 0.9, 0.99],
    ['Close Brothers Invoice Finance', 'Close Brothers Invoice Finanse Limited', 0.95, 0.99],
    ['Bibby Financial Services Ltd', 'Bibby Financial Service', 0.95, 0.99],
  ])('%j finds %j', (query, existing, min, max) => {
    const result = matchSupplier(query, [c('other', 'Northwind Traders'), c('target', existing), c('x', 'Zenith Leasing')]);
    expect(result.kind).toBe('MATCH');
    if (result.kind !== 'MATCH') return;
    expect(result.candidate.id).toBe('target');
    expect(result.score).toBeGreaterThanOrEqual(min);
    expect(result.score).toBeLessThanOrEqual(max);
  });
});

describe('matchSupplier: near misses that must not match', () => {
  it.each([
    ['different second word', 'Acme Finance', 'Acme Factoring Ltd'],
    ['query is a subset', 'Acme', 'Acme Finance Ltd'],
    ['candidate is a subset', 'Acme Finance Ltd', 'Acme'],
    ['extra trailing word', 'Acme Finance Ltd', 'Acme Finance UK Ltd'],
    ['extra leading word', 'Finance Partners Ltd', 'Co Finance Partners'],
    ['other entity sharing first word', 'Barclays Bank', 'Barclays Partner Finance'],
    ['other entity sharing two words', 'Lloyds Bank Commercial Finance', 'Lloyds Bank Corporate Finance'],
    ['different last word', 'Societe Generale Factoring', 'Société Générale Leasing'],
    ['one letter in a short word', 'Acme Finance Ltd', 'Acne Finance Ltd'],
    ['numbered vehicle', 'Acme Funding 1 Ltd', 'Acme Funding 2 Ltd'],
    ['word order only', 'Bridge Capital Ltd', 'Capital Bridge Ltd'],
    ['unrelated', 'Acme Finance Ltd', 'Northwind Traders'],
  ])('%s: %j vs %j', (_why, query, existing) => {
    const result = matchSupplier(query, [c('near', existing)]);
    expect(result.kind).toBe('NONE');
    if (result.kind !== 'NONE') return;
    expect(result.best?.candidate.id).toBe('near');
    expect(result.best!.score).toBeLessThan(DEFAULT_MATCH_THRESHOLD);
    expect(result.best!.score).toBeGreaterThanOrEqual(0);
  });

  it('ranks a reordering high even though it is not a match', () => {
    const result = matchSupplier('Acme Finance', [c('far', 'Zenith Leasing'), c('swapped', 'Finance Acme Ltd')]);
    expect(result).toEqual({ kind: 'NONE', best: { candidate: expect.objectContaining({ id: 'swapped' }), score: 0.85 } });
  });
});

describe('matchSupplier: ambiguity', () => {
  it.each([
    ['identical after normalisation', 'Acme Finance Ltd', ['Acme Finance Ltd', 'ACME FINANCE LIMITED'], ['a', 'b']],
    ['same name, different legal form', 'Acme Finance Ltd', ['Acme Finance PLC', 'Acme Finance Ltd'], ['a', 'b']],
    ['two typos equally close', 'Acme Finance Ltd', ['Acme Finanse Ltd', 'Acme Finanve Ltd'], ['a', 'b']],
    ['close runner-up, best first', 'Close Brothers Invoice Finance', ['Close Brothers Invoice Finanse', 'Close Brothers Invoice Finance'], ['b', 'a']],
  ])('%s', (_why, query, names, expectedIds) => {
    const candidates = [c('a', names[0]), c('b', names[1]), c('far', 'Acme Factoring Ltd')];
    const result = matchSupplier(query, candidates);
    expect(result.kind).toBe('AMBIGUOUS');
    if (result.kind !== 'AMBIGUOUS') return;
    expect(result.candidates.map((r) => r.candidate.id)).toEqual(expectedIds);
    expect(result.candidates[0].score).toBeGreaterThan(DEFAULT_MATCH_THRESHOLD);
    expect(result.candidates[0].score).toBeGreaterThanOrEqual(result.candidates[1].score);
  });

  it('picks the clear winner when the runner-up is outside the margin', () => {
    const result = matchSupplier('Acme Finance Ltd', [c('typo', 'Acme Finanse Ltd'), c('exact', 'Acme Finance Limited')]);
    expect(result).toMatchObject({ kind: 'MATCH', candidate: { id: 'exact' }, score: 1 });
  });

  it.each([
    [0.03, 'MATCH'],
    [0.04, 'AMBIGUOUS'],
  ])('margin %d between 0.96 and 0.92 gives %s', (ambiguityMargin, kind) => {
    const candidates = [c('plural', 'Acme Finances Ltd'), c('typo', 'Acme Finanse Ltd')];
    expect(matchSupplier('Acme Finance Ltd', candidates, { ambiguityMargin }).kind).toBe(kind);
  });

  it('ignores a runner-up that is close but below the threshold', () => {
    const result = matchSupplier('Acme Finance Ltd', [c('typo', 'Acme Finanse Ltd'), c('swapped', 'Finance Acme')], {
      ambiguityMargin: 0.1,
    });
    expect(result).toMatchObject({ kind: 'MATCH', candidate: { id: 'typo' } });
  });
});

describe('matchSupplier: candidate set', () => {
  it.each([
    ['archived duplicate', [c('old', 'Acme Finance Ltd', 'ARCHIVED'), c('live', 'ACME FINANCE LIMITED', 'ACTIVE')], 'live'],
    ['inactive duplicate', [c('live', 'Acme Finance Ltd'), c('old', 'Acme Finance Ltd', 'INACTIVE')], 'live'],
    ['lower-case active status', [c('live', 'Acme Finance Ltd', 'active')], 'live'],
  ])('%s', (_why, candidates, id) => {
    expect(matchSupplier('Acme Finance Ltd', candidates)).toMatchObject({ kind: 'MATCH', candidate: { id } });
  });

  it('never matches an archived supplier, however exact', () => {
    expect(matchSupplier('Acme Finance Ltd', [c('old', 'Acme Finance Ltd', 'ARCHIVED')])).toEqual({ kind: 'NONE', best: null });
  });

  it('returns NONE with no best for an empty list', () => {
    expect(matchSupplier('Acme Finance Ltd', [])).toEqual({ kind: 'NONE', best: null });
  });

  it('does not match a blank name', () => {
    expect(matchSupplier('  ', [c('a', 'Acme Finance Ltd')])).toMatchObject({ kind: 'NONE', best: { score: 0 } });
  });

  it.each([[{ threshold: 0 }], [{ threshold: 1.5 }], [{ ambiguityMargin: -0.1 }], [{ threshold: Number.NaN }]])(
    'rejects options %p',
    (opts) => {
      expect(() => matchSupplier('Acme', [], opts)).toThrow(RangeError);
    },
  );

  it('honours a lower threshold', () => {
    expect(matchSupplier('Acme Finance Ltd', [c('swapped', 'Finance Acme Ltd')], { threshold: 0.8 })).toMatchObject({
      kind: 'MATCH',
      candidate: { id: 'swapped' },
    });
  });
});

describe('rankBySimilarity', () => {
  it.each([
    [
      'Acme Finance Ltd',
      ['Acme Factoring', 'Zenith Leasing', 'Acme Finanse', 'ACME FINANCE LIMITED', 'Acme', 'Finance Acme'],
      ['ACME FINANCE LIMITED', 'Acme Finanse', 'Finance Acme', 'Acme', 'Acme Factoring', 'Zenith Leasing'],
    ],
    [
      'acme',
      ['Acme Finance Ltd', 'Acme Ltd', 'Acme Factoring Holdings', 'Acme PLC'],
      // Ties keep their input order.
      ['Acme Ltd', 'Acme PLC', 'Acme Finance Ltd', 'Acme Factoring Holdings'],
    ],
  ])('orders results for %j best first', (query, names, expected) => {
    const ranked = rankBySimilarity(query, names, (n) => n);
    expect(ranked.map((r) => r.item)).toEqual(expected);
    for (const { score } of ranked) expect(score).toBeGreaterThanOrEqual(0);
    for (const { score } of ranked) expect(score).toBeLessThanOrEqual(1);
  });

  it('keeps input order for equal scores and works on any item shape', () => {
    const items = [{ n: 'Acme Finance Ltd', k: 1 }, { n: 'Zenith', k: 2 }, { n: 'acme finance', k: 3 }, { n: 'ACME-FINANCE', k: 4 }];
    expect(rankBySimilarity('Acme Finance', items, (i) => i.n).map((r) => r.item.k)).toEqual([1, 3, 4, 2]);
  });

  it('returns an empty list for no items', () => {
    expect(rankBySimilarity('Acme', [], (n: string) => n)).toEqual([]);
  });
});
