import { timeOrderedId } from '../../src/common/time-ordered-id';

describe('timeOrderedId', () => {
  it('is a version 7 UUID carrying its creation time', () => {
    const at = Date.UTC(2026, 11, 2, 12, 0, 0, 123);
    const id = timeOrderedId(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });

  it('sorts later ids after earlier ones, as text', () => {
    const start = Date.now();
    const ids = Array.from({ length: 1000 }, (_, i) => timeOrderedId(start + i));
    expect([...ids].sort()).toEqual(ids);
  });

  it('makes different ids within one millisecond', () => {
    const at = Date.now();
    expect(new Set(Array.from({ length: 10_000 }, () => timeOrderedId(at))).size).toBe(10_000);
  });
});
