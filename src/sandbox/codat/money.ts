/**
 * Money arrives as JSON numbers with decimals. Sums are cleaned of binary floating-point noise
 * (0.1 + 0.2) without rounding away real precision, and compared to the penny.
 */
export function money(value: number): number {
  return Number.parseFloat(value.toPrecision(15));
}

export function sumMoney(values: number[]): number {
  return money(values.reduce((total, value) => total + value, 0));
}

export function sameAmount(a: number, b: number): boolean {
  return Math.abs(a - b) < 0.005;
}

export function isAmount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
