import { calendarDay } from './xero-dates';
import { isAmount } from './money';
import type { JsonObject, ValidationItem, ValidationResult } from './sandbox.types';

export function asObject(value: unknown): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

export function asArray(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

export function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * Collects what Xero's rules find wrong with a pushed record, in the shape Codat reports it
 * (PushOperation.validation). Item ids name the offending property in Codat's PascalCase style,
 * e.g. `NominalCode` or `LineItems[0].AccountRef.Id`.
 */
export class PushFindings {
  readonly errors: ValidationItem[] = [];
  readonly warnings: ValidationItem[] = [];

  constructor(readonly validatorName: string) {}

  error(itemId: string | null, message: string): void {
    this.errors.push({ itemId, message, validatorName: this.validatorName });
  }

  warning(itemId: string | null, message: string): void {
    this.warnings.push({ itemId, message, validatorName: this.validatorName });
  }

  get ok(): boolean {
    return this.errors.length === 0;
  }

  result(): ValidationResult {
    return { errors: [...this.errors], warnings: [...this.warnings] };
  }

  requireString(value: unknown, itemId: string, maxLength?: number): string | undefined {
    if (!nonEmptyString(value)) {
      this.error(itemId, `${itemId} must be provided.`);
      return undefined;
    }
    if (maxLength !== undefined && value.length > maxLength) {
      this.error(itemId, `${itemId} must not be longer than ${maxLength} characters long.`);
    }
    return value;
  }

  requireAmount(value: unknown, itemId: string): number | undefined {
    if (!isAmount(value)) {
      this.error(itemId, `${itemId} must be provided.`);
      return undefined;
    }
    return value;
  }

  requireObject(value: unknown, itemId: string): JsonObject | undefined {
    const object = asObject(value);
    if (!object) this.error(itemId, `${itemId} must be provided.`);
    return object;
  }

  requireList(value: unknown, itemId: string): JsonObject[] | undefined {
    const list = asArray(value);
    if (!list || list.length === 0) {
      this.error(itemId, `${itemId} must be provided.`);
      return undefined;
    }
    list.forEach((item, index) => {
      if (!asObject(item)) this.error(`${itemId}[${index}]`, `${itemId}[${index}] must be an object.`);
    });
    return list.filter((item): item is JsonObject => asObject(item) !== undefined);
  }

  /** Returns the calendar day (YYYY-MM-DD) the date names. */
  requireDate(value: unknown, itemId: string): string | undefined {
    if (value === undefined || value === null || value === '') {
      this.error(itemId, `${itemId} must be provided.`);
      return undefined;
    }
    const day = calendarDay(value);
    if (!day) this.error(itemId, `${itemId} must be a valid date.`);
    return day ?? undefined;
  }

  optionalEnum(value: unknown, itemId: string, allowed: readonly string[]): void {
    if (value === undefined || value === null) return;
    if (typeof value !== 'string' || !allowed.includes(value)) {
      this.error(itemId, `${itemId} must be one of: ${allowed.join(', ')}.`);
    }
  }

  optionalCurrency(value: unknown, itemId: string): void {
    if (value === undefined || value === null) return;
    if (typeof value !== 'string' || !/^[A-Z]{3}$/.test(value)) this.error(itemId, `${itemId} must be an ISO 4217 currency code.`);
  }
}
