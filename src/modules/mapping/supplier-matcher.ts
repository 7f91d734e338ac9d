import * as fuzz from 'fuzzball';

export interface MatchCandidate {
  id: string;
  name: string;
  status?: string;
}

export interface ScoredCandidate {
  candidate: MatchCandidate;
  score: number;
}

export type SupplierMatch =
  | { kind: 'MATCH'; candidate: MatchCandidate; score: number }
  | { kind: 'AMBIGUOUS'; candidates: ScoredCandidate[] }
  | { kind: 'NONE'; best: ScoredCandidate | null };

export interface MatchOptions {
  /** Lowest score, in [0, 1], that may count as the same supplier. */
  threshold?: number;
  /** A runner-up this close to the best (both above the threshold) makes the result ambiguous. */
  ambiguityMargin?: number;
}

export const DEFAULT_MATCH_THRESHOLD = 0.88;
export const DEFAULT_AMBIGUITY_MARGIN = 0.03;

/**
 * Legal forms, as normalised token sequences, that say nothing about which
 * supplier a name refers to. Longest first so "public limited company" wins
 * over "company". They are only stripped from the end: at the start or in
 * the middle ("Co Finance Partners") they are part of the trading name.
 */
const LEGAL_SUFFIXES: string[][] = [
  'public limited company', 'limited liability partnership', 'limited liability company',
  'limited', 'ltd', 'plc', 'llp', 'llc', 'lp', 'inc', 'incorporated', 'corp', 'corporation',
  'and co', 'and company', 'co', 'company', 'sas', 'sasu', 'sarl', 'sa', 'eurl', 'snc',
  'gmbh', 'kg', 'ag', 'bv', 'nv', 'pty',
]
  .map((s) => s.split(' '))
  .sort((a, b) => b.length - a.length);

// Letters that Unicode decomposition leaves intact, so stripping marks alone would not fold them.
const LETTER_FOLDS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd' };

// A reordering alone is not enough to call two names the same company ("Bridge Capital" vs "Capital Bridge"),
// so a score that only token sorting achieves is scaled to land below the default threshold.
const REORDER_WEIGHT = 0.85;

// Tokens at least this close are the same word with a typo; below it they are different words.
const TOKEN_MATCH_RATIO = 70;

// In short words and numbers one character is the identity, not a typo: Acme/Acne, "Funding 1"/"Funding 2".
const needsExact = (token: string): boolean => token.length <= 4 || /\d/.test(token);

const RAW = { full_process: false } as const;

/**
 * Longest name, in characters, compared. Fuzzy ratios cost the product of the two lengths and run
 * on the request's thread, so neither a search nor a name from the books may be unbounded; no
 * company name is longer (Companies House allows 160).
 */
export const MAX_MATCH_LENGTH = 200;
export const MAX_MATCH_WORDS = 20;

export function normaliseCompanyName(name: string): string {
  const folded = name
    .slice(0, MAX_MATCH_LENGTH)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđ]/g, (ch) => LETTER_FOLDS[ch] ?? ch)
    .replace(/&/g, ' and ')
    // Dots and apostrophes join rather than split so "S.A.R.L." and "Sainsbury's" keep one token.
    .replace(/[.'’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    // NFKD can lengthen a name (ligatures, compatibility forms); bound what the ratios see.
    .slice(0, MAX_MATCH_LENGTH)
    .trim();
  // Word-by-word coverage compares every pair of words; no company name has more than this many.
  let tokens = folded === '' ? [] : folded.split(' ').slice(0, MAX_MATCH_WORDS);
  if (tokens.length > 1 && tokens[0] === 'the') tokens = tokens.slice(1);
  // Repeat so stacked forms ("Acme & Co Ltd", "GmbH & Co KG") all go; never strip the name to nothing.
  for (let stripped = true; stripped; ) {
    stripped = false;
    for (const suffix of LEGAL_SUFFIXES) {
      if (tokens.length > suffix.length && suffix.every((t, i) => tokens[tokens.length - suffix.length + i] === t)) {
        tokens = tokens.slice(0, tokens.length - suffix.length);
        stripped = true;
        break;
      }
    }
  }
  return tokens.join(' ');
}

/**
 * Share of tokens, across both names, that have a close counterpart in the other
 * name. Whole-string ratios forgive an added or swapped word in a long name
 * ("Finance Partners" vs "Co Finance Partners" is 0.91), which is exactly what
 * distinguishes a different legal entity, so every unmatched word costs.
 */
function tokenCoverage(a: string[], b: string[]): number {
  const covered = (from: string[], to: string[]): number =>
    from.filter((t) => to.some((u) => t === u || (!needsExact(t) && !needsExact(u) && fuzz.ratio(t, u, RAW) >= TOKEN_MATCH_RATIO)))
      .length;
  return (covered(a, b) + covered(b, a)) / (a.length + b.length);
}

/** Similarity in [0, 1] of two already normalised names. */
function similarity(a: string, b: string): number {
  if (a === '' || b === '') return 0;
  if (a === b) return 1;
  const inOrder = fuzz.ratio(a, b, RAW);
  const reordered = fuzz.token_sort_ratio(a, b, RAW) * REORDER_WEIGHT;
  const base = Math.max(inOrder, reordered) / 100;
  // Names that differ only in spacing ("Acmefinance" vs "Acme Finance") are the same words.
  if (a.replace(/ /g, '') === b.replace(/ /g, '')) return base;
  return base * tokenCoverage(a.split(' '), b.split(' '));
}

/** Every item scored against the query, best first; equal scores keep their input order. */
export function rankBySimilarity<T>(
  query: string,
  items: T[],
  nameOf: (t: T) => string,
): { item: T; score: number }[] {
  const q = normaliseCompanyName(query);
  return items
    .map((item) => ({ item, score: similarity(q, normaliseCompanyName(nameOf(item))) }))
    .sort((x, y) => y.score - x.score);
}

// Scores are hundredths divided by 100, so float noise must not flip an "at the margin" comparison.
const EPSILON = 1e-9;

function isActive(c: MatchCandidate): boolean {
  return c.status == null || c.status.toUpperCase() === 'ACTIVE';
}

/**
 * Finds the supplier that `name` refers to. Writing lending to the wrong
 * supplier is worse than creating a duplicate, so anything short of one clear
 * winner is reported rather than guessed.
 */
export function matchSupplier(name: string, candidates: MatchCandidate[], opts: MatchOptions = {}): SupplierMatch {
  const threshold = opts.threshold ?? DEFAULT_MATCH_THRESHOLD;
  const margin = opts.ambiguityMargin ?? DEFAULT_AMBIGUITY_MARGIN;
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError(`threshold must be in (0, 1], got ${threshold}`);
  if (!(margin >= 0 && margin < 1)) throw new RangeError(`ambiguityMargin must be in [0, 1), got ${margin}`);

  const ranked = rankBySimilarity(name, candidates.filter(isActive), (c) => c.name).map(
    ({ item, score }): ScoredCandidate => ({ candidate: item, score }),
  );
  const best = ranked[0];
  if (!best || best.score < threshold - EPSILON) return { kind: 'NONE', best: best ?? null };

  const close = ranked.filter((r) => r.score >= threshold - EPSILON && best.score - r.score <= margin + EPSILON);
  if (close.length > 1) return { kind: 'AMBIGUOUS', candidates: close };
  return { kind: 'MATCH', candidate: best.candidate, score: best.score };
}
