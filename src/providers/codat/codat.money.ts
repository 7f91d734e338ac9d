import { ExactDecimal } from '../../common/exact-json';
import { currencyExponent, formatMinor } from '../../common/money';

/**
 * Integer minor units ↔ the decimal JSON numbers Codat sends and expects.
 * Both directions go through decimal strings, never through float multiplication,
 * so 0.1 + 0.2 reads as 30 pence and 12345 pence is sent as exactly 123.45.
 */

/** Minor units to a decimal JSON number, e.g. (12345, 'GBP') → 123.45, (500, 'JPY') → 500. */
export function toDecimal(minor: number, currency: string): number {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`${minor} is not a whole number of minor units of ${currency}`);
  return Number(formatMinor(minor, currency));
}

/**
 * Minor units that may exceed 2^53 (a running balance) to a decimal JSON number: a plain number
 * while a double holds it exactly, else an {@link ExactDecimal} the HTTP client writes digit for digit.
 */
export function toExactDecimal(minor: number | bigint | string, currency: string): number | ExactDecimal {
  const value = BigInt(minor);
  if (value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)) return toDecimal(Number(value), currency);
  return new ExactDecimal(formatMinor(value, currency));
}

/**
 * A decimal JSON number to minor units, rounding half away from zero at the currency's precision:
 * (0.30000000000000004, 'GBP') → 30, (1.005, 'GBP') → 101, (1234, 'JPY') → 1234.
 */
export function toMinor(value: number, currency: string): number {
  if (!Number.isFinite(value)) throw new RangeError(`${value} is not an amount of ${currency}`);
  const exponent = currencyExponent(currency);
  // String(value) is the shortest text that reads back as the same double, so it carries no binary noise.
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
  if (!match) throw new RangeError(`${value} is not an amount of ${currency}`);
  const [, sign, int, frac = '', exp = '0'] = match;
  // Place the decimal point `exponent` digits further right: digits before it are the minor units.
  const shift = Number(exp) + exponent;
  const all = int + frac;
  const point = int.length + shift;
  const padded = point > all.length ? all.padEnd(point, '0') : all;
  const units = point <= 0 ? '0' : padded.slice(0, point);
  const firstDropped = point < 0 ? '0' : (padded[point] ?? '0');
  let minor = Number(units) + (firstDropped >= '5' ? 1 : 0);
  if (!Number.isSafeInteger(minor)) throw new RangeError(`${value} ${currency} is too large`);
  minor = sign === '-' ? -minor : minor;
  return minor === 0 ? 0 : minor;
}
