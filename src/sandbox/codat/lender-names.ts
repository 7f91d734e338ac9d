/** The lender's near-miss names, as Xero's demo books hold them (Codat's books are Xero's). */
export { lenderSpellingVariant, lookalikeFinanceCompany } from '../xero-books/lender-names';
