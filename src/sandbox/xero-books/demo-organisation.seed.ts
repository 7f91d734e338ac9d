import { deterministicUuid } from '../kit';
import type { Account, AccountType, Contact, Invoice } from './books.types';
import { lenderSpellingVariant, lookalikeFinanceCompany } from './lender-names';
import { round2 } from './money';
import { OrganisationBooks } from './organisation-books';
import { applyToInvoice } from './payment.rules';
import { dayFrom } from './xero-dates';

export interface DemoOrganisationInput {
  tenantId: string;
  name: string;
  /** The lender's name: a contact is seeded under a spelling variant of it, and one under a lookalike. */
  lenderName: string;
  now?: () => number;
}

/** [label, code, name, type, tax type, status] after Xero's default UK chart. */
const CHART: Array<[string, string, string, AccountType, string, 'ACTIVE' | 'ARCHIVED']> = [
  ['acc:sales', '200', 'Sales', 'REVENUE', 'OUTPUT2', 'ACTIVE'],
  ['acc:other-revenue', '260', 'Other Revenue', 'REVENUE', 'OUTPUT2', 'ACTIVE'],
  ['acc:cogs', '310', 'Cost of Goods Sold', 'DIRECTCOSTS', 'INPUT2', 'ACTIVE'],
  ['acc:advertising', '400', 'Advertising & Marketing', 'OVERHEADS', 'INPUT2', 'ACTIVE'],
  ['acc:bank-fees', '404', 'Bank Fees', 'OVERHEADS', 'NONE', 'ACTIVE'],
  ['acc:general', '429', 'General Expenses', 'OVERHEADS', 'INPUT2', 'ACTIVE'],
  ['acc:interest-paid', '437', 'Interest Paid', 'EXPENSE', 'NONE', 'ACTIVE'],
  ['acc:office', '453', 'Office Expenses', 'OVERHEADS', 'INPUT2', 'ACTIVE'],
  ['acc:factoring-fees', '480', 'Factoring Fees', 'EXPENSE', 'EXEMPTINPUT', 'ACTIVE'],
  ['acc:old-finance-costs', '498', 'Old Finance Costs', 'EXPENSE', 'NONE', 'ARCHIVED'],
  ['acc:debtors', '610', 'Accounts Receivable', 'CURRENT', 'NONE', 'ACTIVE'],
  ['acc:creditors', '800', 'Accounts Payable', 'CURRLIAB', 'NONE', 'ACTIVE'],
  ['acc:vat', '820', 'VAT', 'CURRLIAB', 'NONE', 'ACTIVE'],
  ['acc:loan', '900', 'Loan', 'TERMLIAB', 'NONE', 'ACTIVE'],
  ['acc:capital', '970', 'Owner A Funds Introduced', 'EQUITY', 'NONE', 'ACTIVE'],
];

/** [label, code, name, number, opening balance, status] */
const BANKS: Array<[string, string, string, string, number, 'ACTIVE' | 'ARCHIVED']> = [
  ['bank:current', '090', 'Business Current Account', '40478471562940', 18432.57, 'ACTIVE'],
  ['bank:savings', '091', 'Business Savings Account', '40478483920175', 25000, 'ACTIVE'],
  ['bank:old', '093', 'Old Business Current Account', '30963410457723', 0, 'ARCHIVED'],
];

/**
 * A small UK business on Xero (GBP, VAT registered): bank accounts, Xero's default expense and
 * revenue accounts, suppliers (the lender's name misspelt among them, next to a lookalike finance
 * company) and customers, and sales invoices AUTHORISED, part paid, PAID, DRAFT and VOIDED. Ids
 * derive from the tenant id and dates from `now`, so a restart seeds the same ids and recent dates.
 *
 * @example
 * const books = seedDemoOrganisation({ tenantId, name: 'Brick Lane Bakery Ltd', lenderName: 'Acme Invoice Finance Ltd' });
 */
export function seedDemoOrganisation(input: DemoOrganisationInput): OrganisationBooks {
  const now = input.now ?? Date.now;
  const books = new OrganisationBooks({ tenantId: input.tenantId, name: input.name, baseCurrency: 'GBP', countryCode: 'GB', currencies: ['GBP', 'EUR'] }, now);
  const id = (label: string) => deterministicUuid(input.tenantId, label);
  const stamp = now() - 120 * 86_400_000;
  const day = (offset: number) => dayFrom(now(), offset);

  for (const [label, code, name, number, balance, status] of BANKS) {
    books.accounts.push({
      accountId: id(label), code, name, type: 'BANK', status, taxType: 'NONE', bankAccountNumber: number, bankAccountType: 'BANK',
      currencyCode: 'GBP', enablePaymentsToAccount: false, openingBalance: balance, updatedAt: stamp,
    });
  }
  for (const [label, code, name, type, taxType, status] of CHART) {
    const account: Account = { accountId: id(label), code, name, type, status, taxType, enablePaymentsToAccount: false, openingBalance: 0, updatedAt: stamp };
    if (label === 'acc:debtors') account.systemAccount = 'DEBTORS';
    if (label === 'acc:creditors') account.systemAccount = 'CREDITORS';
    books.accounts.push(account);
  }

  const contact = (label: string, name: string, email?: string, status: Contact['status'] = 'ACTIVE'): Contact => ({
    contactId: id(label), name, emailAddress: email, status, updatedAt: stamp,
  });
  books.contacts.push(
    contact('contact:lender', lenderSpellingVariant(input.lenderName), 'accounts@lender.example'),
    contact('contact:lookalike', lookalikeFinanceCompany(input.lenderName), 'hello@factoring.example'),
    contact('contact:hmrc', 'HM Revenue & Customs'),
    contact('contact:bt', 'BT Business', 'billing@bt.example'),
    contact('contact:viking', 'Viking Direct', 'orders@viking.example'),
    contact('contact:hargreaves', 'Hargreaves Print Ltd', 'sales@hargreavesprint.example', 'ARCHIVED'),
    contact('contact:harbour', 'Harbour Logistics Ltd', 'accounts@harbour.example'),
    contact('contact:greenfield', 'Greenfield Retail Group', 'accounts@greenfield.example'),
    contact('contact:pennine', 'Pennine Engineering Ltd', 'accounts@pennine.example'),
    contact('contact:meridian', 'Meridian Health Clinics', 'accounts@meridian.example'),
  );

  const sales = books.accountById(id('acc:sales'))!;
  // [number, customer, net, status, issued days ago, paid, what the work was]
  const rows: Array<[string, string, number, Invoice['status'], number, number, string]> = [
    ['INV-0097', 'contact:greenfield', 600, 'VOIDED', 118, 0, 'Shop-fit design consultation'],
    ['INV-0098', 'contact:harbour', 2000, 'AUTHORISED', 95, 2400, 'Warehouse racking installation'],
    ['INV-0099', 'contact:meridian', 800, 'AUTHORISED', 80, 500, 'Clinic signage'],
    ['INV-0100', 'contact:harbour', 4000, 'AUTHORISED', 45, 0, 'Loading bay barriers'],
    ['INV-0101', 'contact:greenfield', 833.33, 'AUTHORISED', 30, 0, 'Display units, phase 2'],
    ['INV-0102', 'contact:pennine', 10500, 'AUTHORISED', 14, 0, 'Fabricated steel brackets'],
    ['INV-0103', 'contact:meridian', 1250, 'DRAFT', 3, 0, 'Reception refurbishment deposit'],
  ];
  for (const [number, customer, net, status, age, paid, work] of rows) {
    const tax = round2(net * 0.2);
    const total = round2(net + tax);
    const invoice: Invoice = {
      invoiceId: id(`invoice:${number}`), type: 'ACCREC', invoiceNumber: number, reference: work, contactId: id(customer),
      date: day(-age), dueDate: day(-age + 30), status, lineAmountTypes: 'Exclusive',
      lineItems: [{ lineItemId: id(`line:${number}`), description: work, quantity: 1, unitAmount: net, accountCode: sales.code, accountId: sales.accountId, taxType: 'OUTPUT2', taxAmount: tax, lineAmount: net }],
      subTotal: net, totalTax: tax, total, amountPaid: 0, amountDue: status === 'VOIDED' ? 0 : total, currencyCode: 'GBP', paymentIds: [], updatedAt: stamp,
    };
    books.invoices.push(invoice);
    if (paid > 0) {
      const payment = {
        paymentId: id(`payment:${number}`), invoiceId: invoice.invoiceId, accountId: id('bank:current'), amount: paid, date: day(-age + 20),
        reference: number, isReconciled: true, status: 'AUTHORISED' as const, paymentType: 'ACCRECPAYMENT' as const, updatedAt: stamp,
      };
      applyToInvoice(invoice, payment, stamp);
      books.payments.push(payment);
      // The seeded opening balance already holds the money received.
      books.accountById(id('bank:current'))!.openingBalance = round2(books.accountById(id('bank:current'))!.openingBalance - paid);
    }
  }
  return books;
}
