// Units of account, funds, metals and the test and "no currency" codes are no money a bank account holds.
const NOT_MONEY = new Set(['XXX', 'XTS', 'XDR', 'XSU', 'XUA', 'XAU', 'XAG', 'XPD', 'XPT', 'XBA', 'XBB', 'XBC', 'XBD']);
const KNOWN = new Set(Intl.supportedValuesOf('currency').filter((c) => !NOT_MONEY.has(c)));

/** An ISO 4217 code of a currency money can be held in (GBP, EUR…); XXX, XTS and the like are refused. */
export function isCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && KNOWN.has(code);
}

const exponents = new Map<string, number>();

/** Decimal places of an ISO 4217 currency (GBP 2, JPY 0, BHD 3); 2 when the runtime does not know the code. */
export function currencyExponent(currency: string): number {
  const code = currency.toUpperCase();
  let exponent = exponents.get(code);
  if (exponent === undefined) {
    try {
      exponent = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      // Intl rejects malformed codes; a provider's "XXX" (unknown currency) and the like read with 2 decimals.
      exponent = 2;
    }
    exponents.set(code, exponent);
  }
  return exponent;
}

export type ParsedAmount = { ok: true; minor: number } | { ok: false; reason: string };

/**
 * Parses a decimal string into integer minor units without going through a float, so
 * "0.29" is exactly 29 pence. Refuses more decimals than the currency has.
 */
export function parseAmount(value: string, currency: string): ParsedAmount {
  const m = /^(\d{1,13})(?:\.(\d+))?$/.exec(value.trim());
  if (!m) return { ok: false, reason: `"${value}" is not a positive decimal amount such as 1250.00` };
  const exp = currencyExponent(currency);
  const frac = m[2] ?? '';
  if (frac.length > exp) {
    return { ok: false, reason: `${currency} amounts have at most ${exp} decimal place${exp === 1 ? '' : 's'}; got "${value}"` };
  }
  const minor = Number(m[1]) * 10 ** exp + Number(frac.padEnd(exp, '0') || '0');
  if (!Number.isSafeInteger(minor)) return { ok: false, reason: `"${value}" is too large` };
  return { ok: true, minor };
}

/** Formats minor units as a plain decimal string with the currency's decimals ("800.00", "-12.50"). */
export function formatMinor(minor: number, currency: string): string {
  const exp = currencyExponent(currency);
  const sign = minor < 0 ? '-' : '';
  const digits = Math.abs(minor).toString().padStart(exp + 1, '0');
  return exp === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -exp)}.${digits.slice(-exp)}`;
}
