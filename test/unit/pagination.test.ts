import { AppError } from '../../src/errors';
import { decodeCursor, decodeIntCursor, encodeCursor, keysetPage, pageOf, type Page } from '../../src/common/pagination';

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof AppError ? { code: e.code, field: e.details.field, message: e.message } : e;
  }
  throw new Error('expected a refusal');
};
const INVALID = { code: 'BAD_USER_INPUT', field: 'after', message: 'Invalid cursor in `after`: pass the `endCursor` of the previous page' };

describe('cursors', () => {
  it('give back the key they carry, after the list’s prefix', () => {
    expect(decodeCursor(encodeCursor('s:42'), 's:')).toBe('42');
    expect(decodeCursor(encodeCursor('é/ü'))).toBe('é/ü');
    expect(decodeIntCursor(encodeCursor('o:50'), 'o:')).toBe(50);
  });

  it('are opaque, URL-safe text', () => {
    expect(encodeCursor('o:50')).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(encodeCursor('o:50')).not.toContain('50');
  });

  it('refuse a cursor of another list, without a key, or not issued by the gateway', () => {
    expect(refusal(() => decodeCursor(encodeCursor('o:5'), 's:'))).toEqual(INVALID);
    expect(refusal(() => decodeCursor(encodeCursor('s:'), 's:'))).toEqual(INVALID);
    expect(refusal(() => decodeCursor('not base64url!', 's:'))).toEqual(INVALID);
    expect(refusal(() => decodeCursor(''))).toEqual(INVALID);
    // Base64 with padding decodes to the same text but is not what the gateway hands out.
    expect(refusal(() => decodeCursor(Buffer.from('s:42').toString('base64') + '=', 's:'))).toEqual(INVALID);
  });

  it('refuse a cursor whose key is not text the gateway would issue', () => {
    expect(refusal(() => decodeCursor(encodeCursor('s:4\u00002'), 's:'))).toEqual(INVALID);
    expect(refusal(() => decodeCursor(encodeCursor('s:' + 'x'.repeat(300)), 's:'))).toEqual(INVALID);
  });

  it('refuse an integer cursor that is not a whole number within 15 digits', () => {
    for (const key of ['-1', '1.5', '1e3', 'ten', '1234567890123456']) expect(refusal(() => decodeIntCursor(encodeCursor(`o:${key}`), 'o:'))).toEqual(INVALID);
    expect(decodeIntCursor(encodeCursor('o:999999999999999'), 'o:')).toBe(999_999_999_999_999);
  });
});

describe('pageOf', () => {
  const items = Array.from({ length: 7 }, (_, i) => `item-${i}`);

  it('walks a list page by page with endCursor, ending with hasNextPage false', () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: Page<string> = pageOf(items, { first: 3, after });
      expect(page.totalCount).toBe(7);
      seen.push(...page.nodes);
      pages++;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(items);
    expect(pages).toBe(3);
  });

  it('takes 50 by default and has no cursor for an empty page', () => {
    const many = Array.from({ length: 60 }, (_, i) => i);
    expect(pageOf(many, {}).nodes).toHaveLength(50);
    expect(pageOf([], {})).toEqual({ nodes: [], totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('refuses a cursor of a keyset list', () => {
    expect(refusal(() => pageOf(items, { after: encodeCursor('s:3') }))).toEqual(INVALID);
  });
});

describe('keysetPage', () => {
  it('drops the extra row read to learn that another page exists, and points at the last row kept', () => {
    const rows = [{ seq: 1 }, { seq: 2 }, { seq: 3 }];
    const page = keysetPage(rows, { first: 2 }, 10, (r) => String(r.seq), 's:');
    expect(page.nodes).toEqual([{ seq: 1 }, { seq: 2 }]);
    expect(page.totalCount).toBe(10);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(decodeCursor(page.pageInfo.endCursor!, 's:')).toBe('2');
  });

  it('says there is no next page when no extra row came back', () => {
    const page = keysetPage([{ seq: 1 }], { first: 2 }, 1, (r) => String(r.seq), 's:');
    expect(page.pageInfo).toEqual({ hasNextPage: false, endCursor: encodeCursor('s:1') });
    expect(keysetPage([], { first: 2 }, 0, String).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });
});
