import { validate } from 'class-validator';
import { AppError } from '../../src/errors';
import { idArg, IsCurrencyCode, IsText, LIMITS, textArg, textProblem } from '../../src/common/validation';

describe('textProblem', () => {
  const rules = { max: 10 };

  it('accepts ordinary text, accents, emoji and text of exactly the limit', () => {
    for (const value of ['Acme', 'Société', 'Caf\u00e9 ☕', '🏦 Bank', 'x'.repeat(10)]) expect(textProblem('name', value, rules)).toBeNull();
  });

  it('refuses text over the limit, saying how long it was', () => {
    expect(textProblem('name', 'x'.repeat(11), rules)).toBe('name must be at most 10 characters; got 11');
  });

  it('refuses blank text and text under the minimum', () => {
    expect(textProblem('name', '', rules)).toBe('name must not be blank');
    expect(textProblem('name', '   ', rules)).toBe('name must not be blank');
    expect(textProblem('code', 'ab', { max: 10, min: 3 })).toBe('code must be at least 3 characters');
  });

  it('refuses control characters, and line breaks unless multi-line', () => {
    expect(textProblem('name', 'a\u0000b', rules)).toBe('name must not contain control characters');
    expect(textProblem('name', 'a\u007fb', rules)).toBe('name must not contain control characters');
    expect(textProblem('name', 'a\u0085b', rules)).toBe('name must not contain control characters');
    expect(textProblem('name', 'a\nb', rules)).toBe('name must not contain control characters');
    expect(textProblem('description', 'a\n\tb', { max: 10, multiline: true })).toBeNull();
    expect(textProblem('description', 'a\rb', { max: 10, multiline: true })).toBe('description must not contain control characters (tab and line feed excepted)');
  });

  it('refuses Unicode non-characters and lone surrogates, and accepts surrogate pairs', () => {
    expect(textProblem('name', 'a\uFFFEb', rules)).toBe('name must not contain control characters');
    expect(textProblem('name', 'a\uD800b', rules)).toBe('name must be well-formed Unicode text');
    expect(textProblem('name', 'a\uDC00', rules)).toBe('name must be well-formed Unicode text');
    expect(textProblem('name', 'a\uD83C\uDFE6', rules)).toBeNull();
  });

  it('refuses what is not a string', () => {
    expect(textProblem('name', 42, rules)).toBe('name must be a string');
    expect(textProblem('name', null, rules)).toBe('name must be a string');
  });
});

describe('validation decorators', () => {
  class Input {
    @IsText({ max: LIMITS.name }) name: unknown;
    @IsCurrencyCode() currency: unknown;
  }
  const input = (name: unknown, currency: unknown) => Object.assign(new Input(), { name, currency });
  const messages = async (value: Input) => (await validate(value)).map((e) => [e.property, Object.values(e.constraints ?? {})[0]]);

  it('passes valid values', async () => {
    expect(await messages(input('Acme Ltd', 'GBP'))).toEqual([]);
  });

  it('reports each refused field with the text rule’s message and a currency message with the value', async () => {
    expect(await messages(input(' ', 'XTS'))).toEqual([
      ['name', 'name must not be blank'],
      ['currency', 'currency must be an ISO 4217 currency code such as GBP; got "XTS"'],
    ]);
    expect(await messages(input('x'.repeat(201), 7))).toEqual([
      ['name', 'name must be at most 200 characters; got 201'],
      ['currency', 'currency must be an ISO 4217 currency code such as GBP; got 7'],
    ]);
  });

  it('keeps the currency message short whatever the value', async () => {
    const [[, message]] = await messages(input('Acme', 'X'.repeat(5000)));
    expect((message as string).length).toBe(200);
  });
});

describe('argument checks', () => {
  // type-graphql calls the function with the value, its type and the resolver data, of which only the value matters here.
  const check = (options: ReturnType<typeof textArg>, value: unknown) => options.validateFn(value, String, {} as never);
  const thrown = (fn: () => unknown): AppError => {
    try {
      fn();
    } catch (e) {
      return e as AppError;
    }
    throw new Error('expected a refusal');
  };

  it('lets null and absent arguments through (nullability is the schema’s) and good text too', () => {
    const search = textArg('search', { max: 5 });
    expect(check(search, null)).toBeUndefined();
    expect(check(search, undefined)).toBeUndefined();
    expect(check(search, 'acme')).toBeUndefined();
  });

  it('refuses bad text as BAD_USER_INPUT naming the argument', () => {
    const err = thrown(() => check(textArg('search', { max: 5 }), 'acme ltd'));
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('BAD_USER_INPUT');
    expect(err.details).toEqual({ field: 'search' });
    expect(err.message).toBe('search must be at most 5 characters; got 8');
  });

  it('limits ids to 100 printable characters', () => {
    const id = idArg('companyId');
    expect(check(id, '9f0c2d1e-7a4b-4c8e-9d2f-0a1b2c3d4e5f')).toBeUndefined();
    expect(thrown(() => check(id, 'x'.repeat(101))).details).toEqual({ field: 'companyId' });
    expect(thrown(() => check(id, 'a\tb')).message).toBe('companyId must not contain control characters');
  });
});
