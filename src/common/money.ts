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
 * The largest amount one event may carry, in minor units: 15 digits, so that every amount is exact
 * as a JSON number and as a JavaScript number (below 2^53). Sums of amounts (running balances) are
 * kept as bigint and have no such limit.
 */
export const MAX_AMOUNT_MINOR = 999_999_999_999_999;
/** Digits an amount may have before its decimal point. */
const MAX_INTEGER_DIGITS = 13;

/** The largest amount of one event in `currency`, as a decimal string (9999999999999.99 GBP, 999999999999.999 BHD). */
export function maxAmount(currency: string): string {
  const exp = currencyExponent(currency);
  const byDigits = 10 ** (MAX_INTEGER_DIGITS + exp) - 1;
  return formatMinor(Math.min(MAX_AMOUNT_MINOR, byDigits), currency);
}

/**
 * Parses a decimal string into integer minor units without going through a float, so
 * "0.29" is exactly 29 pence. Refuses more decimals than the currency has, and more than
 * {@link maxAmount}.
 */
export function parseAmount(value: string, currency: string): ParsedAmount {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) return { ok: false, reason: `"${value}" is not a positive decimal amount such as 1250.00` };
  const exp = currencyExponent(currency);
  const frac = m[2] ?? '';
  if (frac.length > exp) {
    return { ok: false, reason: `${currency} amounts have at most ${exp} decimal place${exp === 1 ? '' : 's'}; got "${value}"` };
  }
  const minor = BigInt(m[1]) * 10n ** BigInt(exp) + BigInt(frac.padEnd(exp, '0') || '0');
  if (m[1].replace(/^0+(?=\d)/, '').length > MAX_INTEGER_DIGITS || minor > BigInt(MAX_AMOUNT_MINOR)) {
    return { ok: false, reason: `"${value}" is too large: one event carries at most ${maxAmount(currency)} ${currency}` };
  }
  return { ok: true, minor: Number(minor) };
}

/** Formats minor units as a plain decimal string with the currency's decimals ("800.00", "-12.50"), exactly also beyond 2^53. */
export function formatMinor(minor: number | bigint | string, currency: string): string {
  const exp = currencyExponent(currency);
  const value = BigInt(minor);
  const sign = value < 0n ? '-' : '';
  const digits = (value < 0n ? -value : value).toString().padStart(exp + 1, '0');
  return exp === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -exp)}.${digits.slice(-exp)}`;
}
