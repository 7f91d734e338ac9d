import undici from 'undici';
import { RecordDisbursementDocument, RecordFeeDocument } from '../generated/graphql';
import { daysAgo, eventually, mappedBorrower, settled } from '../helpers/fixtures';
import { errorCode, ok, useTestGateway } from '../helpers/test-gateway';

/** Amounts and running balances in minor units, exact beyond 2^53. */
describe('money beyond 2^53 minor units', () => {
  const t = useTestGateway({ skipDemo: true });
  let sent: string[];
  let sendSpy: jest.SpyInstance;

  beforeAll(async () => {
    // Watches what the gateway sends to Codat, byte for byte; every request still goes through.
    sent = [];
    const realSend = undici.request;
    sendSpy = jest.spyOn(undici, 'request').mockImplementation(((url: string, options: { body?: unknown }) => {
      if (String(url).includes('/bankTransactions') && typeof options?.body === 'string') sent.push(options.body);
      return realSend(url, options as never);
    }) as never);
  });
  afterAll(() => sendSpy.mockRestore());

  const disburse = (companyId: string, externalId: string, amount: string) =>
    t.gql(RecordDisbursementDocument, { companyId, input: { externalId, amount, currency: 'GBP', date: daysAgo(0), reference: externalId, description: null, invoiceId: null } });

  it('sends the exact running balance after ten disbursements of 9,999,999,999,999.99 and one of 0.01', async () => {
    const b = await mappedBorrower(t);
    for (let i = 0; i < 10; i++) ok(await disburse(b.id, `big-${i}`, '9999999999999.99'));
    ok(await disburse(b.id, 'small', '0.01'));
    await settled(t, b.id, 60000);
    const lines = await eventually(async () => {
      const all = sent.flatMap((body) => body.match(/"balance":-?[\d.e+]+/g) ?? []);
      return all.length >= 11 && all;
    }, 10000, 'eleven statement lines');
    expect(lines[9]).toBe('"balance":-99999999999999.90');
    expect(lines[10]).toBe('"balance":-99999999999999.91');
  });

  it('refuses an amount above the maximum per event, naming it', async () => {
    const b = await mappedBorrower(t);
    const fee = (externalId: string, amount: string, currency = 'GBP') =>
      t.gql(RecordFeeDocument, { companyId: b.id, input: { externalId, amount, currency, date: daysAgo(0), reference: null, description: null } });
    const tooLong = await fee('fee-long', '10000000000000.00');
    expect(errorCode(tooLong)).toBe('BAD_USER_INPUT');
    expect(tooLong.errors![0].message).toMatch(/at most 13 digits before the decimal point/);
    // Three decimals: 13 digits before the point would pass 2^53 minor units; the maximum says so.
    const bhd = await fee('fee-bhd', '1000000000000.000', 'BHD');
    expect(errorCode(bhd)).toBe('BAD_USER_INPUT');
    expect(bhd.errors![0].extensions!.field).toBe('amount');
    expect(bhd.errors![0].message).toMatch(/at most 999999999999\.999 BHD/);
    ok(await fee('fee-max', '9999999999999.99'));
  });
});
