import { registerDecorator, type ValidationArguments } from 'class-validator';
import type { ValidatorFn } from 'type-graphql';
import { badInput } from '../errors';
import { isCurrency } from './money';

/** How long a free-text value may be, and whether it may span lines. */
export interface TextRules {
  /** Most characters (UTF-16 code units) accepted. */
  max: number;
  /** Fewest characters; 1 unless given. */
  min?: number;
  /** Multi-line descriptions may carry tab and line feed; nothing else below U+0020 is ever accepted. */
  multiline?: boolean;
}

/** Text limits shared by the schema's inputs and arguments (see the README's *Input limits*). */
export const LIMITS = {
  id: 100,
  name: 200,
  search: 200,
  cursor: 200,
  line: 500,
} as const;

// C0 controls (tab and line feed are decided by `multiline`), DEL, C1 controls, and Unicode non-characters.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]/;
const LINE_BREAKS = /[\t\n]/;
// With the u flag only unpaired surrogates match; a pair is one code point.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** Why a free-text value is refused, or null when it is fine. `field` names it in the message. */
export function textProblem(field: string, value: unknown, rules: TextRules): string | null {
  if (typeof value !== 'string') return `${field} must be a string`;
  const min = rules.min ?? 1;
  if (value.length > rules.max) return `${field} must be at most ${rules.max} characters; got ${value.length}`;
  if (CONTROL.test(value) || (!rules.multiline && LINE_BREAKS.test(value))) {
    return `${field} must not contain control characters${rules.multiline ? ' (tab and line feed excepted)' : ''}`;
  }
  // A lone surrogate is not text: it cannot be stored as UTF-8 or shown in the books.
  if (LONE_SURROGATE.test(value)) return `${field} must be well-formed Unicode text`;
  if (value.trim() === '') return `${field} must not be blank`;
  if (value.length < min) return `${field} must be at least ${min} characters`;
  return null;
}

/**
 * A free-text input field: at most `max` characters, not blank, no control characters.
 * Applies to every string field of an input class; pair it with `@IsOptional()` when the field is.
 */
export function IsText(rules: TextRules): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isText',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [rules],
      validator: {
        validate: (value: unknown, args: ValidationArguments) => textProblem(args.property, value, rules) === null,
        defaultMessage: (args: ValidationArguments) => textProblem(args.property, args.value, rules) ?? `${args.property} is invalid`,
      },
    });
}

/** An ISO 4217 code of a real currency (not XXX, XTS or another fund or test code). */
export function IsCurrencyCode(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCurrencyCode',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isCurrency(value),
        defaultMessage: (args: ValidationArguments) => `${args.property} must be an ISO 4217 currency code such as GBP; got ${JSON.stringify(args.value)}`.slice(0, 200),
      },
    });
}

/** `@Arg` options that apply the text rules to a plain string argument (null passes: nullability is the schema's). */
export function textArg(field: string, rules: TextRules): { validateFn: ValidatorFn } {
  return {
    validateFn: (value: unknown) => {
      if (value === null || value === undefined) return;
      const problem = textProblem(field, value, rules);
      if (problem) throw badInput(field, problem);
    },
  };
}

/** `@Arg` options for an id argument: the ids the gateway hands out are short, printable and never blank. */
export const idArg = (field: string) => textArg(field, { max: LIMITS.id });
