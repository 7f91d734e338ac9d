/** What the lender's link carries in its fragment: `/settings#token=…` or `/settings#company=<id>&token=…`. */
export interface AccessLink {
  token: string | null;
  companyId: string | null;
}

/**
 * Reads the link's fragment once and removes it from the address bar and the history, so the token
 * lives in this page's memory only (never in storage, a URL the page requests, or a Referer).
 */
export function takeAccessLink(loc: Location = window.location, history: History = window.history): AccessLink {
  const params = new URLSearchParams(loc.hash.replace(/^#/, ''));
  const link = { token: params.get('token') || null, companyId: params.get('company') || null };
  if (loc.hash) history.replaceState(null, '', loc.pathname + loc.search);
  return link;
}
