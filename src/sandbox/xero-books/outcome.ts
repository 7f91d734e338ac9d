/**
 * What a write to Xero's books comes to: the record written, or the validation messages Xero
 * answers instead (each becomes a `ValidationErrors[].Message`). Nothing is written on failure.
 */
export type Outcome<T> = { ok: true; record: T } | { ok: false; messages: string[] };

export function refused<T>(messages: string[]): Outcome<T> {
  return { ok: false, messages };
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function object(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
