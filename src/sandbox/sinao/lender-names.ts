/**
 * Organisation names that exercise the gateway's search for the lender among a borrower's
 * contacts: a spelling variant of the lender's own name (which a fuzzy matcher should accept) and
 * another financing company whose name looks alike (which it must not take for the lender).
 */

const LEGAL_FORMS = /\s+(sas|sasu|sarl|sa|eurl|sca|snc|ltd\.?|limited|plc|gmbh|inc\.?)$/i;

/** Upper-cased, legal form dropped (or " SAS" added when there is none), "&"/"et" swapped, punctuation dropped. */
export function lenderSpellingVariant(lenderName: string): string {
  let name = lenderName.trim().replace(/\s+/g, ' ');
  name = LEGAL_FORMS.test(name) ? name.replace(LEGAL_FORMS, '') : `${name} SAS`;
  if (/ & /.test(name)) name = name.replace(/ & /g, ' et ');
  else if (/ (and|et) /i.test(name)) name = name.replace(/ (and|et) /gi, ' & ');
  return name.replace(/[.,]/g, '').toUpperCase();
}

/** "<first word of the lender's name> Affacturage Conseil", or another name if that is the lender's. */
export function lookalikeFinanceCompany(lenderName: string): string {
  const words = lenderName.trim().split(/\s+/).filter((word) => !/^(the|la|le|les)$/i.test(word));
  const first = (words[0] ?? 'Capital').replace(/[^\p{L}0-9&'-]/gu, '') || 'Capital';
  const candidate = `${first} Affacturage Conseil`;
  if (normalise(lenderName).startsWith(normalise(candidate))) return `${first} Crédit Partenaires`;
  return candidate;
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}0-9]+/gu, ' ').trim();
}
