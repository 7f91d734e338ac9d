/**
 * Dates as Xero reads and writes them: requests name a day (`2019-02-27`, or a date-time whose
 * day counts), Accounting answers `/Date(1551225600000+0000)/` with a readable twin, Bank Feeds
 * answers ISO days.
 */

/** The calendar day a request's date names, or null when it names none. */
export function dayOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const ms = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/.exec(value.trim());
  if (ms) return new Date(Number(ms[1])).toISOString().slice(0, 10);
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value.trim());
  if (!match) return null;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return null;
  return `${y}-${m}-${d}`;
}

/** `/Date(ms+0000)/` for a day (its UTC midnight). */
export function msDate(day: string): string {
  return `/Date(${Date.parse(`${day}T00:00:00Z`)}+0000)/`;
}

/** `/Date(ms+0000)/` for an instant. */
export function msDateTime(ms: number): string {
  return `/Date(${ms}+0000)/`;
}

/** The readable twin Xero sends next to a date: `2019-02-27T00:00:00`. */
export function dayString(day: string): string {
  return `${day}T00:00:00`;
}

/** The day `offsetDays` from `now` (UTC). */
export function dayFrom(now: number, offsetDays: number): string {
  const date = new Date(now);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + offsetDays)).toISOString().slice(0, 10);
}

/** The same calendar day one year before `now` (UTC): "one year from the current date" in Xero's words. */
export function dayYearBefore(now: number): string {
  const date = new Date(now);
  return new Date(Date.UTC(date.getUTCFullYear() - 1, date.getUTCMonth(), date.getUTCDate())).toISOString().slice(0, 10);
}
