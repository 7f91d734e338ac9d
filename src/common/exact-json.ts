import { randomUUID } from 'node:crypto';

/**
 * A decimal number written into JSON digit for digit. A JavaScript number holds about 15
 * significant digits; an amount or running balance beyond 2^53 minor units needs more.
 * `JSON.stringify` alone writes it as the nearest double; {@link stringifyJson} writes it exactly.
 */
export class ExactDecimal {
  constructor(readonly digits: string) {
    if (!/^-?\d+(\.\d+)?$/.test(digits)) throw new RangeError(`${digits} is not a decimal number`);
  }

  toJSON(): number {
    return Number(this.digits);
  }
}

/** `JSON.stringify`, except that every {@link ExactDecimal} is written with all its digits. */
export function stringifyJson(value: unknown): string {
  const exact: string[] = [];
  // A per-call token: no string in the value can collide with the placeholders.
  const token = `exact-decimal-${randomUUID()}`;
  const text = JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const original = this[key];
    if (!(original instanceof ExactDecimal)) return v;
    exact.push(original.digits);
    return `${token}:${exact.length - 1}`;
  });
  if (!exact.length) return text;
  return text.replace(new RegExp(`"${token}:(\\d+)"`, 'g'), (_m, i: string) => exact[Number(i)]);
}
