/**
 * Xero's books in Xero's own terms — accounts, contacts, invoices, bank transfers, bank
 * transactions, payments, bank-feed connections and statements — with the rules Xero applies to
 * each write and the messages it answers. Emulators of Xero, or of services that write to Xero,
 * keep their state here and render it in their own API's shapes.
 */
export * from './books.types';
export { ACCOUNT_TYPES, accountClass, accountNameCodeFindings, contactNameFindings, contactReferenceFindings, createAccount, createContact, resolveContact } from './account.rules';
export { checkStatement, createFeedConnection, feedProblem, settleFeedConnection, settleStatement, statementLineFieldFindings, statementWindow } from './bank-feed.rules';
export { seedDemoOrganisation, type DemoOrganisationInput } from './demo-organisation.seed';
export { lineAccount } from './line-items';
export { lenderSpellingVariant, lookalikeFinanceCompany } from './lender-names';
export { isAmount, readAmount, round2, sum2 } from './money';
export { OrganisationBooks, type AccountRef, type OrganisationProfile } from './organisation-books';
export type { Outcome } from './outcome';
export { applyToInvoice, createPayment, invoicePaymentFindings, paymentCurrencyFindings, type InvoicePaymentFindings } from './payment.rules';
export { UK_TAX_RATES } from './tax-rates';
export { bankCurrencyFindings, bankTransactionLineFinding, createBankTransaction, createBankTransfer, resolveBankAccount, transferAccountFindings, type TransferAccountFindings } from './transaction.rules';
export { dayFrom, dayOf, dayString, dayYearBefore, msDate, msDateTime } from './xero-dates';
