import { backoff } from '../../src/common/backoff';

describe('backoff', () => {
  afterEach(() => jest.restoreAllMocks());
  const withRandom = (r: number) => jest.spyOn(Math, 'random').mockReturnValue(r);

  it('doubles its ceiling from 200 ms with each attempt', () => {
    withRandom(0.999999);
    expect([1, 2, 3, 4, 5].map((a) => backoff(a))).toEqual([200, 400, 800, 1600, 3200]);
  });

  it('caps the ceiling at one minute however many attempts', () => {
    withRandom(0.999999);
    expect(backoff(9)).toBe(51_200);
    expect(backoff(10)).toBe(60_000);
    expect(backoff(1000)).toBe(60_000);
  });

  it('spreads waits over the whole range below the ceiling (full jitter)', () => {
    withRandom(0);
    expect(backoff(6)).toBe(0);
    withRandom(0.5);
    expect(backoff(6)).toBe(3200);
  });

  it('treats attempt 0 like the first', () => {
    withRandom(0.999999);
    expect(backoff(0)).toBe(200);
  });

  it("waits at least what the provider's Retry-After asked for, and longer when the jitter says so", () => {
    withRandom(0);
    expect(backoff(1, 5000)).toBe(5000);
    withRandom(0.999999);
    expect(backoff(8, 5000)).toBe(25_600);
  });

  it('stays within [0, ceiling] with the real random source', () => {
    for (let i = 0; i < 1000; i++) {
      const wait = backoff(3);
      expect(Number.isInteger(wait) && wait >= 0 && wait <= 800).toBe(true);
    }
  });
});
