import { allocateToInvoice } from './invoice-allocation';
import { deterministicUuid } from '../kit';
import { lenderSpellingVariant, lookalikeFinanceCompany } from './lender-names';
import { money } from './money';
import { seedBankAccounts, seedChartOfAccounts } from './chart.seed';
import { seedStatements } from './statements.seed';
import { dayOffset } from './xero-dates';
import type { Books, BooksRecord, CustomerRecord, InvoiceRecord, SupplierRecord } from './sandbox.types';

/**
 * The books of a small UK business on Xero. Every id comes from the company id, so the same
 * company seeds the same ids on every run; dates are relative to `now` so invoices stay recent.
 */
export function seedBooks(companyId: string, lenderName: string, now: Date): Books {
  const id = (label: string) => deterministicUuid(companyId, label);
  const modified = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const source = dayOffset(now, -120);
  const bankAccounts = seedBankAccounts(companyId, modified, source);
  const accounts = seedChartOfAccounts(companyId, bankAccounts, modified, source);
  const contact = (label: string, name: string, status: 'Active' | 'Archived', email: string) => ({
    id: id(label), name, status, email,
  });

  const suppliers: SupplierRecord[] = [
    contact('supplier:lender', lenderSpellingVariant(lenderName), 'Active', 'accounts@lender.example'),
    contact('supplier:lookalike', lookalikeFinanceCompany(lenderName), 'Active', 'hello@factoring.example'),
    contact('supplier:hmrc', 'HM Revenue & Customs', 'Active', ''),
    contact('supplier:british-gas', 'British Gas Business', 'Active', 'billing@britishgas.example'),
    contact('supplier:bt', 'BT Business', 'Active', 'billing@bt.example'),
    contact('supplier:viking', 'Viking Direct', 'Active', 'orders@viking.example'),
    contact('supplier:royal-mail', 'Royal Mail Group', 'Active', ''),
    contact('supplier:regus', 'Regus Management UK Ltd', 'Active', 'invoices@regus.example'),
    contact('supplier:amazon', 'Amazon Business', 'Active', ''),
    contact('supplier:hargreaves', 'Hargreaves Print Ltd', 'Archived', 'sales@hargreavesprint.example'),
  ].map((c) => ({
    id: c.id, supplierName: c.name, contactName: null, emailAddress: c.email, phone: null, addresses: [],
    registrationNumber: null, taxNumber: null, status: c.status, defaultCurrency: 'GBP',
    modifiedDate: modified, sourceModifiedDate: source, metadata: { isDeleted: false },
  }));

  const customers: CustomerRecord[] = [
    ['customer:harbour', 'Harbour Logistics Ltd'],
    ['customer:greenfield', 'Greenfield Retail Group'],
    ['customer:pennine', 'Pennine Engineering Ltd'],
    ['customer:oakwood', 'Oakwood Hotels Ltd'],
    ['customer:meridian', 'Meridian Health Clinics'],
  ].map(([label, name]) => ({
    id: id(label), customerName: name, contactName: null, emailAddress: `accounts@${label.split(':')[1]}.example`,
    defaultCurrency: 'GBP', phone: null, addresses: [], contacts: [], registrationNumber: null, taxNumber: null,
    status: 'Active', modifiedDate: modified, sourceModifiedDate: source, metadata: { isDeleted: false },
  }));
  const customer = (label: string) => customers.find((c) => c.id === id(label))!;
  const sales = accounts.find((a) => a.id === id('acc:sales'))!;

  // [number, customer, net, VAT, status, issued days ago, what the work was]
  const invoiceRows: Array<[string, string, number, number, InvoiceRecord['status'], number, string]> = [
    ['INV-0097', 'customer:greenfield', 600, 120, 'Void', 118, 'Shop-fit design consultation'],
    ['INV-0098', 'customer:harbour', 2000, 400, 'Submitted', 95, 'Warehouse racking installation'],
    ['INV-0099', 'customer:meridian', 800, 160, 'Submitted', 80, 'Clinic signage'],
    ['INV-0100', 'customer:oakwood', 3000, 600, 'Submitted', 65, 'Kitchen extraction service'],
    ['INV-0101', 'customer:harbour', 4000, 800, 'Submitted', 45, 'Loading bay barriers'],
    ['INV-0102', 'customer:greenfield', 833.33, 166.67, 'Submitted', 30, 'Display units, phase 2'],
    ['INV-0103', 'customer:pennine', 10500, 2100, 'Submitted', 14, 'Fabricated steel brackets'],
    ['INV-0104', 'customer:meridian', 1250, 250, 'Draft', 3, 'Reception refurbishment deposit'],
  ];
  const invoices: InvoiceRecord[] = invoiceRows.map(([number, customerLabel, net, vat, status, age, work]) => {
    const total = money(net + vat);
    const buyer = customer(customerLabel);
    return {
      id: id(`invoice:${number}`),
      invoiceNumber: number,
      customerRef: { id: buyer.id, companyName: buyer.customerName },
      salesOrderRefs: [],
      issueDate: dayOffset(now, -age),
      dueDate: dayOffset(now, -age + 30),
      currency: 'GBP',
      currencyRate: 1,
      lineItems: [{
        description: work, unitAmount: net, quantity: 1, discountAmount: 0, subTotal: net, taxAmount: vat, totalAmount: total,
        accountRef: { id: sales.id, name: sales.name }, discountPercentage: 0,
        taxRateRef: { id: 'OUTPUT2', name: '20% (VAT on Income)', effectiveTaxRate: 20 }, trackingCategoryRefs: [], isDirectIncome: false,
      }],
      paymentAllocations: [],
      withholdingTax: [],
      totalDiscount: 0,
      subTotal: net,
      additionalTaxAmount: 0,
      additionalTaxPercentage: 0,
      totalTaxAmount: vat,
      totalAmount: total,
      amountDue: status === 'Void' ? 0 : total,
      status,
      modifiedDate: modified,
      sourceModifiedDate: dayOffset(now, -age),
      metadata: { isDeleted: false },
    };
  });

  const current = bankAccounts[0];
  const payments: BooksRecord[] = ([['INV-0098', 2400, 60], ['INV-0099', 960, 50], ['INV-0100', 2000, 20]] as const).map(([number, amount, age]) => {
    const invoice = invoices.find((inv) => inv.invoiceNumber === number)!;
    const payment = {
      id: id(`payment:${number}`),
      customerRef: invoice.customerRef,
      accountRef: { id: current.id, name: current.accountName },
      totalAmount: amount, currency: 'GBP', currencyRate: 1, date: dayOffset(now, -age),
      lines: [{ amount, links: [{ type: 'Invoice', id: invoice.id, amount: -amount, currencyRate: 1 }] }],
      reference: number, modifiedDate: modified, sourceModifiedDate: dayOffset(now, -age), metadata: { isDeleted: false },
    };
    allocateToInvoice(invoice, payment, amount);
    return payment;
  });
  accounts.find((a) => a.id === id('acc:ar'))!.currentBalance = money(invoices.reduce((sum, inv) => sum + (inv.status === 'Draft' ? 0 : inv.amountDue), 0));

  const savings = bankAccounts[1];
  const transfers: BooksRecord[] = [{
    id: id('transfer:savings-to-current'), description: 'Transfer from savings to cover VAT', date: dayOffset(now, -40),
    from: { accountRef: { id: savings.id, dataType: 'bankAccounts' }, currency: 'GBP', amount: 5000 },
    to: { accountRef: { id: current.id, dataType: 'bankAccounts' }, currency: 'GBP', amount: 5000 },
    status: 'Reconciled', trackingCategoryRefs: [], depositedRecordRefs: [],
    modifiedDate: modified, sourceModifiedDate: dayOffset(now, -40), metadata: { isDeleted: false },
  }];

  const spend = (label: string, supplierLabel: string, accountLabel: string, description: string, net: number, age: number): BooksRecord => {
    const account = accounts.find((a) => a.id === id(accountLabel))!;
    const vat = money(net * 0.2);
    const total = money(net + vat);
    return {
      id: id(label), reference: description, contactRef: { id: id(supplierLabel), dataType: 'suppliers' },
      issueDate: dayOffset(now, -age), currency: 'GBP', currencyRate: 1,
      lineItems: [{ description, accountRef: { id: account.id, name: account.name }, taxRateRef: { id: 'INPUT2', name: '20% (VAT on Expenses)', effectiveTaxRate: 20 }, unitAmount: net, quantity: 1, subTotal: net, taxAmount: vat, totalAmount: total, trackingCategoryRefs: [] }],
      paymentAllocations: [{
        payment: { id: id(label), accountRef: { id: current.id, name: current.accountName }, currency: 'GBP', currencyRate: 1, paidOnDate: dayOffset(now, -age), totalAmount: total },
        allocation: { currency: 'GBP', currencyRate: 1, allocatedOnDate: dayOffset(now, -age), totalAmount: total },
      }],
      subTotal: net, taxAmount: vat, totalAmount: total,
      modifiedDate: modified, sourceModifiedDate: dayOffset(now, -age), metadata: { isDeleted: false },
    };
  };
  const directCosts = [
    spend('directCost:bt', 'supplier:bt', 'acc:telephone', 'Broadband and phone lines', 45, 88),
    spend('directCost:viking', 'supplier:viking', 'acc:office', 'Printer paper and toner', 72, 33),
  ];

  return {
    bankAccounts, accounts, suppliers, customers, invoices, payments, transfers, directCosts, directIncomes: [],
    statements: seedStatements(companyId, bankAccounts, now, modified),
  };
}
