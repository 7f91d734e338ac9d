import { loadConfig } from '../../src/config';

describe('write-back worker configuration', () => {
  it('gives up after an hour by default, and takes WORKER_GIVE_UP_AFTER_MS in milliseconds', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).worker.giveUpAfterMs).toBe(3_600_000);
    expect(loadConfig({ NODE_ENV: 'test', WORKER_GIVE_UP_AFTER_MS: '90000' }).worker.giveUpAfterMs).toBe(90_000);
  });

  it('refuses a WORKER_GIVE_UP_AFTER_MS that is not a whole number of milliseconds from 1 s to 7 days, naming it', () => {
    for (const bad of ['soon', '-1', '999', '1.5', '604800001']) {
      expect(() => loadConfig({ NODE_ENV: 'test', WORKER_GIVE_UP_AFTER_MS: bad })).toThrow(/^WORKER_GIVE_UP_AFTER_MS=.* is invalid: expected an integer from 1000 to 604800000$/);
    }
  });
});
