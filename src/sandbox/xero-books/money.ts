/** Money to the penny, free of binary floating-point noise (0.1 + 0.2). */
export function round2(value: number): number {
  return Math.round((value + Number.EPSILON * Math.sign(value)) * 100) / 100;
}

export function sum2(values: number[]): number {
  return round2(values.reduce((total, value) => total + value, 0));
}

export function isAmount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Xero's examples send some amounts as strings ("50.00"); it reads them as numbers. */
export function readAmount(value: unknown): number | undefined {
  if (isAmount(value)) return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}
