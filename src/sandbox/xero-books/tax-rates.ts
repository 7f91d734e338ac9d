/**
 * The tax rates of a UK organisation on Xero's default settings, by TaxType code: what a line's
 * tax is computed with. A TaxType outside this list is refused as Xero refuses it.
 */
export const UK_TAX_RATES: Readonly<Record<string, { rate: number; purchases: boolean; sales: boolean }>> = {
  NONE: { rate: 0, purchases: true, sales: true },
  INPUT2: { rate: 20, purchases: true, sales: false },
  OUTPUT2: { rate: 20, purchases: false, sales: true },
  RRINPUT: { rate: 5, purchases: true, sales: false },
  RROUTPUT: { rate: 5, purchases: false, sales: true },
  ZERORATEDINPUT: { rate: 0, purchases: true, sales: false },
  ZERORATEDOUTPUT: { rate: 0, purchases: false, sales: true },
  EXEMPTINPUT: { rate: 0, purchases: true, sales: false },
  EXEMPTOUTPUT: { rate: 0, purchases: false, sales: true },
};
