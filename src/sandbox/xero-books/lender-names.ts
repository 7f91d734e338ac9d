/**
 * Contact names that exercise a client's search for the lender among a borrower's contacts: a
 * spelling variant of the lender's own name (a fuzzy matcher should accept it) and another
 * finance company whose name looks alike (it must not be taken for the lender).
 */

/** Upper-cased, with "Ltd" and "Limited" swapped (or "Ltd" added), "&"/"and" swapped and punctuation dropped. */
export function lenderSpellingVariant(lenderName: string): string {
  let name = lenderName.trim().replace(/\s+/g, ' ');
  if (/\bltd\.?$/i.test(name)) name = name.replace(/\bltd\.?$/i, 'Limited');
  else if (/\blimited$/i.test(name)) name = name.replace(/\blimited$/i, 'Ltd');
  else if (/\bplc$/i.test(name)) name = name.replace(/\bplc$/i, 'P.L.C.');
  else name = `${name} Ltd`;
  if (/ & /.test(name)) name = name.replace(/ & /g, ' and ');
  else if (/ and /i.test(name)) name = name.replace(/ and /gi, ' & ');
  name = name.replace(/[,]/g, '').replace(/\.(?=\s|$)(?<!P\.L\.C\.)/g, '');
  return name.toUpperCase();
}

/** "<first word of the lender's name> Factoring Services", or another finance name if that is the lender's. */
export function lookalikeFinanceCompany(lenderName: string): string {
  const words = lenderName.trim().split(/\s+/).filter((word) => !/^the$/i.test(word));
  const first = (words[0] ?? 'Capital').replace(/[^A-Za-z0-9&'-]/g, '') || 'Capital';
  const candidate = `${first} Factoring Services`;
  if (normalise(lenderName).startsWith(normalise(candidate))) return `${first} Asset Finance Partners`;
  return candidate;
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}
