import type { XeroOrganisation } from './xero-identity.types';

export interface ConsentPageInput {
  appName: string;
  userEmail: string;
  requestId: string;
  formAction: string;
  scopes: string[];
  organisations: XeroOrganisation[];
  problem?: string;
}

const SCOPE_WORDING: Record<string, string> = {
  openid: 'Know who you are (your Xero user id)',
  profile: 'View your name',
  email: 'View your email address',
  offline_access: 'Keep access when you are not using the app',
  'accounting.transactions': 'View and manage your business transactions',
  'accounting.transactions.read': 'View your business transactions',
  'accounting.contacts': 'View and manage your contacts',
  'accounting.contacts.read': 'View your contacts',
  'accounting.settings': 'View and manage your organisation settings',
  'accounting.settings.read': 'View your organisation settings',
  bankfeeds: 'Send bank statement lines to your bank accounts',
};

/**
 * The consent page: the scopes asked for, a checkbox per organisation (none ticked, so the
 * borrower picks) and the Allow / Cancel form, which posts back to the authorise address.
 * A script fills it without a browser: read the `request` field and the `tenantId` boxes, then
 * post `request=…&tenantId=…&decision=allow` as a form.
 */
export function renderConsentPage(input: ConsentPageInput): string {
  const scopes = input.scopes.map((scope) => `<li>${escape(SCOPE_WORDING[scope] ?? scope)} <code>${escape(scope)}</code></li>`).join('\n        ');
  const organisations = input.organisations.length === 0 ? '' : `
      <fieldset>
        <legend>Organisations to connect</legend>
        ${input.organisations.map((org) => `<label><input type="checkbox" name="tenantId" value="${escape(org.tenantId)}"> ${escape(org.tenantName)}</label><br>`).join('\n        ')}
      </fieldset>`;
  return layout(`${input.appName} wants to access your Xero data`, `
    <p>Logged in as ${escape(input.userEmail)}</p>
    ${input.problem ? `<p role="alert">${escape(input.problem)}</p>` : ''}
    <p><strong>${escape(input.appName)}</strong> would like to:</p>
    <ul>
        ${scopes}
    </ul>
    <form method="post" action="${escape(input.formAction)}">
      <input type="hidden" name="request" value="${escape(input.requestId)}">${organisations}
      <button type="submit" name="decision" value="allow">Allow access</button>
      <button type="submit" name="decision" value="deny">Cancel</button>
    </form>`);
}

/** The page shown when the request cannot go back to the app (unknown app, unregistered redirect URI). */
export function renderErrorPage(error: string, description: string): string {
  return layout('Sorry, something went wrong', `
    <p>Error: <code>${escape(error)}</code></p>
    <p>${escape(description)}</p>`);
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>${escape(title)}</title></head>
  <body>
    <h1>${escape(title)}</h1>${body}
  </body>
</html>
`;
}

function escape(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
