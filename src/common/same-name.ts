/**
 * Whether two names in the books are the same to a person: spaces around them, case and accents
 * do not count. The mapping mutations refuse a second record by this rule, and a set-up write whose
 * outcome is unknown is searched for by it.
 *
 * @example sameName(' Acme Finance ', 'ACME FINANCE') // true
 */
export function sameName(a: string | null | undefined, b: string | null | undefined): boolean {
  return a != null && b != null && a.trim().localeCompare(b.trim(), 'en', { sensitivity: 'base' }) === 0;
}
