/** The pages the borrower's browser sees at the end of connecting Xero: the organisation picker, and the outcome. */

export interface PickerOrganisation {
  tenantId: string;
  tenantName: string;
}

/**
 * Several organisations were granted: the borrower picks the one whose books the lender writes to.
 * The form posts back the single-use `choice` handle with the tenant chosen.
 */
export function pickerPage(input: { companyName: string; action: string; choice: string; organisations: PickerOrganisation[] }): string {
  const options = input.organisations
    .map((o, i) => `<label><input type="radio" name="tenantId" value="${escape(o.tenantId)}"${i === 0 ? ' checked' : ''}> ${escape(o.tenantName)}</label><br>`)
    .join('\n      ');
  return layout('Choose the organisation', `
    <p>You gave access to several Xero organisations. Which one keeps the books of <strong>${escape(input.companyName)}</strong>?</p>
    <form method="post" action="${escape(input.action)}">
      <input type="hidden" name="choice" value="${escape(input.choice)}">
      ${options}
      <button type="submit">Connect this organisation</button>
    </form>`);
}

export function connectedPage(companyName: string, tenantName: string | null): string {
  return layout('Xero is connected', `
    <p><strong>${escape(companyName)}</strong> is connected to the Xero organisation <strong>${escape(tenantName ?? 'chosen')}</strong>.</p>
    <p>You can close this window.</p>`);
}

export function problemPage(title: string, text: string): string {
  return layout(title, `<p role="alert">${escape(text)}</p>`);
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title></head>
  <body>
    <h1>${escape(title)}</h1>${body}
  </body>
</html>
`;
}

function escape(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
