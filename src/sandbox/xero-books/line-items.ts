import { newUuid } from '../kit';
import type { Account, LineAmountTypes, LineItem } from './books.types';
import { readAmount, round2, sum2 } from './money';
import type { OrganisationBooks } from './organisation-books';
import { object, text } from './outcome';
import { UK_TAX_RATES } from './tax-rates';

export interface PricedLines {
  lineItems: LineItem[];
  subTotal: number;
  totalTax: number;
  total: number;
}

/**
 * Line items as Xero prices them: the line amount is quantity × unit amount (or the one given),
 * tax is computed per line at the TaxType's rate (the account's default when none is given) and
 * rounded to the penny, then summed. `accept` says which accounts a line may be coded to.
 */
export function priceLines(
  books: OrganisationBooks, raw: unknown, amountTypes: LineAmountTypes, messages: string[], accept: (account: Account) => string | undefined,
): PricedLines | undefined {
  const list = Array.isArray(raw) ? raw : [];
  if (list.length === 0) {
    messages.push('At least one line item must be specified.');
    return undefined;
  }
  const lineItems: LineItem[] = [];
  list.forEach((value) => {
    const line = object(value) ?? {};
    const code = text(line.AccountCode);
    const { account, message } = lineAccount(books, { AccountID: line.AccountID, Code: code });
    if (message) messages.push(message);
    else {
      const problem = accept(account!);
      if (problem) messages.push(problem);
    }

    const quantity = line.Quantity === undefined ? 1 : readAmount(line.Quantity);
    const unit = readAmount(line.UnitAmount);
    const given = readAmount(line.LineAmount);
    if (quantity === undefined) messages.push('Quantity must be a number.');
    if (unit === undefined && given === undefined) messages.push('A UnitAmount or LineAmount must be specified for each line item.');
    const lineAmount = round2(given ?? (quantity ?? 1) * (unit ?? 0));
    const taxType = amountTypes === 'NoTax' ? 'NONE' : text(line.TaxType) ?? account?.taxType ?? 'NONE';
    const rate = UK_TAX_RATES[taxType];
    if (!rate) messages.push(`The TaxType code ${taxType} does not exist or cannot be used for this type of transaction.`);
    const percent = rate?.rate ?? 0;
    const computed = amountTypes === 'Inclusive' ? (lineAmount * percent) / (100 + percent) : (lineAmount * percent) / 100;
    const taxAmount = round2(readAmount(line.TaxAmount) ?? computed);
    lineItems.push({
      lineItemId: newUuid(),
      description: text(line.Description),
      quantity: quantity ?? 1,
      unitAmount: unit ?? round2(lineAmount / (quantity || 1)),
      accountCode: account?.code ?? code,
      accountId: account?.accountId,
      taxType,
      taxAmount,
      lineAmount,
    });
  });
  const net = sum2(lineItems.map((l) => l.lineAmount));
  const totalTax = sum2(lineItems.map((l) => l.taxAmount));
  const subTotal = amountTypes === 'Inclusive' ? round2(net - totalTax) : net;
  return { lineItems, subTotal, totalTax, total: round2(subTotal + totalTax) };
}

/**
 * The account a line is coded to, by `AccountID` or `AccountCode`, or the message Xero answers
 * when there is none or it is archived.
 *
 * @example
 * lineAccount(books, { Code: '498' }).message; // "Account code '498' has been archived, or has been deleted. …"
 */
export function lineAccount(books: OrganisationBooks, ref: { AccountID?: unknown; Code?: string }): { account?: Account; message?: string } {
  const byId = text(ref.AccountID);
  if (!byId && !ref.Code) return { message: 'An account code must be specified for each line item.' };
  const account = byId ? books.accountById(byId) : books.accountByCode(ref.Code);
  if (!account) return { message: `Account code '${ref.Code ?? byId}' is not a valid code for this document.` };
  if (account.status !== 'ACTIVE') return { account, message: `Account code '${account.code ?? account.name}' has been archived, or has been deleted. Each line item must reference a valid account.` };
  return { account };
}

export function lineAmountTypes(value: unknown, messages: string[]): LineAmountTypes {
  if (value === undefined || value === null || value === '') return 'Exclusive';
  const found = (['Exclusive', 'Inclusive', 'NoTax'] as const).find((t) => t.toLowerCase() === String(value).toLowerCase());
  if (!found) messages.push('LineAmountTypes must be one of Exclusive, Inclusive or NoTax.');
  return found ?? 'Exclusive';
}
