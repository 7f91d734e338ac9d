import { currencyExponent, formatMinor, isCurrency, MAX_AMOUNT_MINOR, maxAmount, parseAmount } from '../../src/common/money';

describe('parseAmount', () => {
  it.each([
    ['1250.00', 'GBP', 125000],
    ['1250', 'GBP', 125000],
    ['0.29', 'GBP', 29],
    ['0.1', 'GBP', 10],
    [' 12.5 ', 'EUR', 1250],
    ['007.05', 'GBP', 705],
    ['1500', 'JPY', 1500],
    ['1.234', 'BHD', 1234],
    ['0', 'GBP', 0],
  ])('reads %j %s as %d minor units, exactly', (value, currency, minor) => {
    expect(parseAmount(value, currency)).toEqual({ ok: true, minor });
  });

  // 0.29 * 100 is 28.999999999999996 as a float: the parse must not go through one.
  it('keeps every two-decimal amount exact where a float multiplication would not', () => {
    for (let pence = 0; pence < 1000; pence++) {
      const value = `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, '0')}`;
      expect(parseAmount(value, 'GBP')).toEqual({ ok: true, minor: pence });
    }
  });

  it.each(['-5.00', '+5', '1,250.00', '1e3', '12.', '.5', 'abc', '', '0x10', '١٢'])('refuses %j as not a positive decimal amount', (value) => {
    const parsed = parseAmount(value, 'GBP');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toContain('is not a positive decimal amount');
  });

  it('refuses more decimals than the currency has, naming how many it has', () => {
    expect(parseAmount('1.005', 'GBP')).toEqual({ ok: false, reason: 'GBP amounts have at most 2 decimal places; got "1.005"' });
    expect(parseAmount('10.5', 'JPY')).toEqual({ ok: false, reason: 'JPY amounts have at most 0 decimal places; got "10.5"' });
    expect(parseAmount('1.2345', 'BHD')).toEqual({ ok: false, reason: 'BHD amounts have at most 3 decimal places; got "1.2345"' });
  });

  it('takes the largest amount and refuses one minor unit more', () => {
    expect(parseAmount('9999999999999.99', 'GBP')).toEqual({ ok: true, minor: 999_999_999_999_999 });
    expect(parseAmount('10000000000000.00', 'GBP')).toEqual({ ok: false, reason: '"10000000000000.00" is too large: one event carries at most 9999999999999.99 GBP' });
    expect(parseAmount('9999999999999', 'JPY')).toEqual({ ok: true, minor: 9_999_999_999_999 });
    expect(parseAmount('10000000000000', 'JPY').ok).toBe(false);
    expect(parseAmount('999999999999.999', 'BHD')).toEqual({ ok: true, minor: 999_999_999_999_999 });
    expect(parseAmount('1000000000000.000', 'BHD').ok).toBe(false);
  });

  it('does not count leading zeros against the size limit', () => {
    expect(parseAmount('00000000000000000001.00', 'GBP')).toEqual({ ok: true, minor: 100 });
  });
});

describe('formatMinor', () => {
  it.each([
    [80000, 'GBP', '800.00'],
    [-1250, 'GBP', '-12.50'],
    [5, 'GBP', '0.05'],
    [-5, 'GBP', '-0.05'],
    [0, 'EUR', '0.00'],
    [1500, 'JPY', '1500'],
    [-7, 'JPY', '-7'],
    [1234, 'BHD', '1.234'],
    [1, 'BHD', '0.001'],
  ])('writes %d %s as %j', (minor, currency, text) => {
    expect(formatMinor(minor, currency)).toBe(text);
  });

  it('is exact beyond 2^53, from a bigint or a decimal string', () => {
    expect(formatMinor(123456789012345678901n, 'GBP')).toBe('1234567890123456789.01');
    expect(formatMinor('-900719925474099312', 'GBP')).toBe('-9007199254740993.12');
  });

  it('reads back what parseAmount parsed', () => {
    for (const [value, currency] of [['1250.07', 'GBP'], ['3', 'JPY'], ['0.250', 'BHD']] as const) {
      const parsed = parseAmount(value, currency);
      expect(parsed.ok && formatMinor(parsed.minor, currency)).toBe(value);
    }
  });
});

describe('currencies', () => {
  it('knows the decimals of each currency, and reads unknown or malformed codes with 2', () => {
    expect(currencyExponent('GBP')).toBe(2);
    expect(currencyExponent('gbp')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('KWD')).toBe(3);
    expect(currencyExponent('XXX')).toBe(2);
    expect(currencyExponent('not a code')).toBe(2);
  });

  it('accepts currencies money is held in and refuses funds, metals, test codes and malformed ones', () => {
    for (const code of ['GBP', 'EUR', 'USD', 'JPY', 'CHF']) expect(isCurrency(code)).toBe(true);
    for (const code of ['XXX', 'XTS', 'XAU', 'XDR', 'gbp', 'GB', 'GBPX', 'ZZZ', '']) expect(isCurrency(code)).toBe(false);
  });

  it('gives the largest amount of one event with the currency’s decimals', () => {
    expect(maxAmount('GBP')).toBe('9999999999999.99');
    expect(maxAmount('JPY')).toBe('9999999999999');
    expect(maxAmount('BHD')).toBe('999999999999.999');
    expect(Number.isSafeInteger(MAX_AMOUNT_MINOR)).toBe(true);
  });
});
