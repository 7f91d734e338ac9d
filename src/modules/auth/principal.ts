/** Who is calling: an admin API key (the lender's backend) or a token scoped to one company (the borrower's browser). */
export type Principal =
  | { kind: 'admin'; keyId: string }
  | { kind: 'company'; companyId: string; expiresAt: Date };

/** How a change is attributed in histories. */
export function describePrincipal(p: Principal): string {
  return p.kind === 'admin' ? `admin-key:${p.keyId}` : `company-token:${p.companyId}`;
}
