import { contactById, invoiceById } from './books-lookup';
import { money, sameAmount, sumMoney } from './money';
import { PushFindings, asArray, asObject } from './push-findings';
import type { Books, JsonObject } from './sandbox.types';
import {
  bankCurrencyFindings, bankTransactionLineFinding, contactReferenceFindings, invoicePaymentFindings, lineAccount, paymentCurrencyFindings,
  resolveBankAccount, transferAccountFindings, type Account, type OrganisationBooks,
} from '../xero-books';
import { xeroView } from './xero-projection';

/**
 * The bank account a payment or a direct cost's allocation pays through: required by Codat's
 * model, then Xero's rule for it on the Xero view of the books.
 */
function requireBank(findings: PushFindings, view: OrganisationBooks, id: unknown, itemId: string): Account | undefined {
  if (id === undefined || id === null || id === '') {
    findings.error(itemId, `${itemId} must be provided.`);
    return undefined;
  }
  const messages: string[] = [];
  const account = resolveBankAccount(view, { AccountID: id }, itemId, messages);
  for (const message of messages) findings.error(itemId, message);
  return account;
}

/** The contact a direct cost is paid to: required by Codat's model, then Xero's rule for it (exists, not archived). */
function requireContact(findings: PushFindings, view: OrganisationBooks, id: unknown, itemId: string): void {
  if (id === undefined || id === null || id === '') return findings.error(itemId, `${itemId} must be provided.`);
  for (const message of contactReferenceFindings(view, id)) findings.error(itemId, message);
}

/**
 * The customer a payment names. Xero's payment names the invoice, not the contact, so this is
 * Codat's own check of its payment model, in its own words.
 */
function requireCustomer(findings: PushFindings, books: Books, id: unknown, itemId: string): void {
  if (id === undefined || id === null || id === '') return findings.error(itemId, `${itemId} must be provided.`);
  const contact = contactById(books, id);
  if (!contact) findings.error(itemId, `${itemId} must match the ID of an existing contact.`);
  else if (contact.status === 'Archived') findings.error(itemId, `${itemId} refers to an archived contact.`);
}

/**
 * P4, by Codat's Xero model O4: equal positive amounts on both sides (Codat's own rule), and
 * Xero's rules for the two bank accounts, applied on the Xero books model.
 */
export function validateTransfer(books: Books, body: JsonObject): PushFindings {
  const findings = new PushFindings('Transfer');
  findings.requireDate(body.date, 'Date');
  findings.optionalEnum(body.status, 'Status', ['Unknown', 'Unreconciled', 'Reconciled', 'Void']);
  const parts = (['from', 'to'] as const).map((side) => {
    const label = side === 'from' ? 'From' : 'To';
    const part = findings.requireObject(body[side], label);
    if (!part) return undefined;
    const id = asObject(part.accountRef)?.id;
    if (id === undefined || id === null || id === '') findings.error(`${label}.AccountRef.Id`, `${label}.AccountRef.Id must be provided.`);
    const amount = findings.requireAmount(part.amount, `${label}.Amount`);
    if (amount !== undefined && amount <= 0) findings.error(`${label}.Amount`, `${label}.Amount must be greater than zero.`);
    findings.optionalEnum(part.status, `${label}.Status`, ['Unknown', 'Unreconciled', 'Reconciled']);
    return { part, id, amount, label };
  });
  const [from, to] = parts;
  if (from?.id && to?.id) {
    const xero = transferAccountFindings(xeroView(books), { AccountID: from.id }, { AccountID: to.id });
    for (const { side, message } of xero) findings.error(`${side}.AccountRef.Id`, message);
    for (const [side, account] of [[from, xero.from], [to, xero.to]] as const) {
      if (account && typeof side.part.currency === 'string' && side.part.currency !== account.currencyCode) {
        findings.error(`${side.label}.Currency`, `${side.label}.Currency must match the currency of the bank account (${account.currencyCode}).`);
      }
    }
  }
  if (from?.amount !== undefined && to?.amount !== undefined && !sameAmount(from.amount, to.amount)) {
    findings.error('From.Amount', 'From.Amount must be equal to To.Amount.');
  }
  return findings;
}

/** The total of a direct-cost line: as sent, or quantity × unit amount plus tax. */
export function lineTotal(line: JsonObject): number {
  if (typeof line.totalAmount === 'number') return line.totalAmount;
  return money(Number(line.quantity ?? 0) * Number(line.unitAmount ?? 0) - Number(line.discountAmount ?? 0) + Number(line.taxAmount ?? 0));
}

/** P6, by the schema's required fields and Codat's Xero model O6. */
export function validateDirectCost(books: Books, body: JsonObject): PushFindings {
  const findings = new PushFindings('DirectCost');
  findings.requireDate(body.issueDate, 'IssueDate');
  const currency = findings.requireString(body.currency, 'Currency');
  findings.requireAmount(body.subTotal, 'SubTotal');
  findings.requireAmount(body.taxAmount, 'TaxAmount');
  const total = findings.requireAmount(body.totalAmount, 'TotalAmount');
  if (typeof body.reference === 'string' && body.reference.length > 255) findings.error('Reference', 'Reference must not exceed 255 characters.');
  const view = xeroView(books);
  const contact = findings.requireObject(body.contactRef, 'ContactRef');
  if (contact) requireContact(findings, view, contact.id, 'ContactRef.Id');

  const lines = findings.requireList(body.lineItems, 'LineItems') ?? [];
  lines.forEach((line, i) => {
    const at = `LineItems[${i}]`;
    findings.requireString(line.description, `${at}.Description`, 4000);
    findings.requireAmount(line.quantity, `${at}.Quantity`);
    findings.requireAmount(line.unitAmount, `${at}.UnitAmount`);
    findings.requireAmount(line.taxAmount, `${at}.TaxAmount`);
    const accountId = asObject(line.accountRef)?.id;
    if (accountId === undefined || accountId === null || accountId === '') findings.error(`${at}.AccountRef.Id`, `${at}.AccountRef.Id must be provided.`);
    else {
      // Xero's rules for the account a spend (or receive) money line is coded to, on the Xero view of the books.
      const { account, message } = lineAccount(view, { AccountID: accountId });
      const problem = message ?? (account && bankTransactionLineFinding(account));
      if (problem) findings.error(`${at}.AccountRef.Id`, problem);
    }
    const tracking = asArray(line.trackingCategoryRefs);
    if (tracking && tracking.length > 2) findings.error(`${at}.TrackingCategoryRefs`, 'Maximum of 2 Tracking Categories.');
  });
  const lineTotals = lines.map(lineTotal);
  if (lineTotals.some((t) => t < 0) && !lineTotals.every((t) => t < 0)) findings.error('LineItems', 'When one line is negative, all lines must be negative.');
  const linesSum = sumMoney(lineTotals);
  if (total !== undefined && lines.length > 0 && !sameAmount(total, linesSum)) {
    findings.error('TotalAmount', `TotalAmount (${total}) must be equal to the sum of line items (${linesSum}).`);
  }

  const allocations = findings.requireList(body.paymentAllocations, 'PaymentAllocations') ?? [];
  allocations.forEach((allocation, i) => {
    const at = `PaymentAllocations[${i}]`;
    const payment = findings.requireObject(allocation.payment, `${at}.Payment`);
    const bank = payment ? requireBank(findings, view, asObject(payment.accountRef)?.id, `${at}.Payment.AccountRef.Id`) : undefined;
    // Xero books the allocation as money spent (or received) through the bank account, in its currency.
    if (bank && currency !== undefined) for (const message of bankCurrencyFindings(bank, currency)) findings.error(`${at}.Payment.AccountRef.Id`, message);
    const detail = findings.requireObject(allocation.allocation, `${at}.Allocation`);
    if (detail) findings.requireAmount(detail.totalAmount, `${at}.Allocation.TotalAmount`);
  });
  const allocated = sumMoney(allocations.map((a) => Number(asObject(a.allocation)?.totalAmount ?? 0)));
  if (allocations.length > 0 && lines.length > 0 && !sameAmount(allocated, linesSum)) {
    findings.error('PaymentAllocations[0].Allocation.TotalAmount', `Allocation.TotalAmount (${allocated}) must be equal to the sum of line items (${linesSum}).`);
  }
  return findings;
}

/** P7, by Codat's Xero model O7 and the schema's sign rules for paying invoices. */
export function validatePayment(books: Books, body: JsonObject): PushFindings {
  const findings = new PushFindings('Payment');
  const view = xeroView(books);
  const customer = findings.requireObject(body.customerRef, 'CustomerRef');
  if (customer) requireCustomer(findings, books, customer.id, 'CustomerRef.Id');
  const account = findings.requireObject(body.accountRef, 'AccountRef');
  const bank = account ? requireBank(findings, view, account.id, 'AccountRef.Id') : undefined;
  const total = findings.requireAmount(body.totalAmount, 'TotalAmount');
  if (total !== undefined && total <= 0) findings.error('TotalAmount', 'TotalAmount must be greater than 0, unless the payment is a credit note allocation.');
  findings.requireDate(body.date, 'Date');
  const currency = findings.requireString(body.currency, 'Currency');

  const owed = new Map<string, number>();
  const lines = findings.requireList(body.lines, 'Lines') ?? [];
  lines.forEach((line, i) => {
    const amount = findings.requireAmount(line.amount, `Lines[${i}].Amount`);
    const links = findings.requireList(line.links, `Lines[${i}].Links`) ?? [];
    links.forEach((link, j) => {
      const at = `Lines[${i}].Links[${j}]`;
      findings.requireString(link.id, `${at}.Id`);
      const linkAmount = findings.requireAmount(link.amount, `${at}.Amount`);
      if (link.type === undefined) return findings.error(`${at}.Type`, `${at}.Type must be provided.`);
      findings.optionalEnum(link.type, `${at}.Type`, ['Invoice', 'CreditNote', 'Payment']);
      if (link.type !== 'Invoice' || typeof link.id !== 'string') {
        if (link.type === 'CreditNote' || link.type === 'Payment') findings.error(`${at}.Id`, `${at}.Id must match the ID of an existing ${link.type === 'CreditNote' ? 'credit note' : 'payment'}.`);
        return;
      }
      // Xero's rules for paying an invoice, on the Xero books model; what it owes in total is checked below.
      const xero = invoicePaymentFindings(view, { InvoiceID: link.id });
      const invoice = invoiceById(books, link.id);
      for (const { message } of xero) findings.error(`${at}.Id`, message);
      if (!invoice) return;
      if (currency !== undefined && invoice.currency !== currency) findings.error('Currency', `Currency must match the invoice's currency (${invoice.currency}).`);
      if (linkAmount !== undefined && linkAmount >= 0) findings.error(`${at}.Amount`, `${at}.Amount must be negative to reduce what the invoice owes.`);
      if (linkAmount !== undefined) owed.set(invoice.id, money((owed.get(invoice.id) ?? 0) - linkAmount));
    });
    const linked = sumMoney(links.map((link) => (typeof link.amount === 'number' ? link.amount : 0)));
    if (amount !== undefined && links.length > 0 && !sameAmount(amount + linked, 0)) {
      findings.error(`Lines[${i}].Amount`, `Lines[${i}].Amount plus the amounts of its links must be zero.`);
    }
  });
  for (const [invoiceId, paying] of owed) {
    const xero = invoicePaymentFindings(view, { InvoiceID: invoiceId }, paying);
    for (const { message } of xero.filter((finding) => finding.field === 'Amount')) findings.error('Lines', message);
    if (bank && xero.invoice) for (const message of paymentCurrencyFindings(bank, xero.invoice)) findings.error('AccountRef.Id', message);
  }
  const linesSum = sumMoney(lines.map((line) => (typeof line.amount === 'number' ? line.amount : 0)));
  if (total !== undefined && lines.length > 0 && !sameAmount(total, linesSum)) {
    findings.error('TotalAmount', `TotalAmount (${total}) must equal the sum of the lines (${linesSum}).`);
  }
  return findings;
}
