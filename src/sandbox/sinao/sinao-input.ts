import type { Request } from 'express';
import qs from 'qs';
import { SinaoError } from './sinao-error';

export type Input = Record<string, unknown>;

/**
 * A request's inputs. Sinao's specification declares every input as a query parameter, while its
 * documentation sends form data and JSON bodies (CONTRACT.md §A.4), so the sandbox reads all three,
 * the body winning. The query string is parsed here with bracket syntax
 * (`filters[0][name]=customer.id`) whatever query parser the host app uses.
 */
export function inputOf(req: Request): Input {
  const search = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
  const query = qs.parse(search, { depth: 5, arrayLimit: 1000 }) as Input;
  const body = req.body !== null && typeof req.body === 'object' && !Array.isArray(req.body) ? (req.body as Input) : {};
  return { ...query, ...body };
}

// Messages in the words of the framework Sinao's API is built on (Laravel's validation messages).
const required = (name: string) => SinaoError.invalid(`The ${name} field is required.`);

export function has(input: Input, name: string): boolean {
  return input[name] !== undefined && input[name] !== null && input[name] !== '';
}

export function intField(input: Input, name: string, opts: { required?: boolean; min?: number } = {}): number | undefined {
  if (!has(input, name)) {
    if (opts.required) throw required(name);
    return undefined;
  }
  const value = input[name];
  const parsed = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(parsed)) throw SinaoError.invalid(`The ${name} field must be an integer.`);
  if (opts.min !== undefined && parsed < opts.min) throw SinaoError.invalid(`The ${name} field must be at least ${opts.min}.`);
  return parsed;
}

export function stringField(input: Input, name: string, opts: { required?: boolean; min?: number } = {}): string | undefined {
  if (!has(input, name)) {
    if (opts.required) throw required(name);
    return undefined;
  }
  const value = input[name];
  if (typeof value !== 'string' && typeof value !== 'number') throw SinaoError.invalid(`The ${name} field must be a string.`);
  const text = String(value);
  if (opts.min !== undefined && text.trim().length < opts.min) throw SinaoError.invalid(`The ${name} field must be at least ${opts.min} characters.`);
  return text;
}

export function enumField<T extends string>(input: Input, name: string, values: readonly T[], opts: { required?: boolean } = {}): T | undefined {
  const value = stringField(input, name, opts);
  if (value === undefined) return undefined;
  if (!values.includes(value as T)) throw SinaoError.invalid(`The selected ${name} is invalid.`);
  return value as T;
}

export function boolField(input: Input, name: string): boolean | undefined {
  if (!has(input, name)) return undefined;
  const value = input[name];
  if (value === true || value === 'true' || value === '1' || value === 1) return true;
  if (value === false || value === 'false' || value === '0' || value === 0) return false;
  throw SinaoError.invalid(`The ${name} field must be true or false.`);
}

/** An ISO 8601 date-time, stored the way Sinao answers them (`2023-10-23T09:56:57.000000Z`). */
export function dateTimeField(input: Input, name: string, opts: { required?: boolean } = {}): string | undefined {
  const value = stringField(input, name, opts);
  if (value === undefined) return undefined;
  const time = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) throw SinaoError.invalid(`The ${name} field must be a valid date.`);
  return sinaoDateTime(new Date(time));
}

export function sinaoDateTime(date: Date = new Date()): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** A path id: Sinao's ids are integers. */
export function idParam(req: Request, name = 'id'): number {
  const raw = String(req.params[name] ?? '');
  if (!/^\d+$/.test(raw)) throw SinaoError.badRequest(`${name} must be an integer`);
  return Number(raw);
}
