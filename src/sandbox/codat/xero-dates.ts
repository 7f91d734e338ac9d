/**
 * Dates the way Codat shows Xero's: unqualified local date-times (`2023-02-25T00:00:00`) for
 * business dates and UTC instants (`…Z`) for Codat's own timestamps.
 */

/** Midnight `offsetDays` from `now`, in the unqualified form Xero dates come back in. */
export function dayOffset(now: Date, offsetDays: number): string {
  const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offsetDays));
  return `${date.toISOString().slice(0, 10)}T00:00:00`;
}

/**
 * The calendar day (YYYY-MM-DD) a Codat DateTime names. Offsets are ignored, as Codat's bank-feed
 * docs say they are; null when the value is not a date.
 */
export function calendarDay(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value.trim());
  if (!match) return null;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return null;
  return `${y}-${m}-${d}`;
}

/** The full local date-time a value names, for ordering statement lines within one day. */
export function localDateTime(value: string): string {
  const trimmed = value.trim().replace(' ', 'T').replace(/(Z|[+-]\d{2}:?\d{2})$/, '');
  return trimmed.length === 10 ? `${trimmed}T00:00:00` : trimmed;
}
