import { xeroBooksKit } from './xero-books-kit';

describe('Xero sandbox: rate limits and injected faults', () => {
  it('counts calls per organisation per minute, answers 429 with Retry-After and the limit hit, and opens again in the next window', async () => {
    const kit = await xeroBooksKit({ rateLimits: { perMinute: 3 } });
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await kit.accounting('get', '/Accounts');
      expect(res.status).toBe(200);
      remaining.push(res.headers['x-minlimit-remaining']);
      expect(res.headers['x-daylimit-remaining']).toBe(String(5000 - i - 1));
      expect(res.headers['x-appminlimit-remaining']).toBe(String(10000 - i - 1));
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const refused = await kit.accounting('get', '/Accounts');
    expect(refused.status).toBe(429);
    expect(refused.headers['x-rate-limit-problem']).toBe('minute');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // The windows run on the sandbox's clock: a minute later the organisation may call again.
    kit.sandbox.identity.advanceClock(61);
    const next = await kit.accounting('get', '/Accounts');
    expect([next.status, next.headers['x-minlimit-remaining'], next.headers['x-daylimit-remaining']]).toEqual([200, '2', '4996']);
    expect(kit.sandbox.books.rateLimits.refusals).toEqual({ minute: 1 });
  });

  it('refuses a call over the concurrent limit, and the day\'s budget with the day limit', async () => {
    const kit = await xeroBooksKit({ rateLimits: { concurrent: 2, latencyMs: 1500 } });
    const statuses = await Promise.all([0, 1, 2].map(async () => {
      const res = await kit.accounting('get', '/Contacts');
      return [res.status, res.headers['x-rate-limit-problem']];
    }));
    expect(statuses.sort()).toEqual([[200, undefined], [200, undefined], [429, 'concurrent']]);

    kit.sandbox.books.patchSettings({ perDay: 4, latencyMs: 0 });
    expect((await kit.accounting('get', '/Contacts')).status).toBe(200);
    expect((await kit.accounting('get', '/Contacts')).status).toBe(200);
    const day = await kit.accounting('get', '/Contacts');
    expect([day.status, day.headers['x-rate-limit-problem'], day.headers['x-daylimit-remaining']]).toEqual([429, 'day', '0']);
    expect(Number(day.headers['retry-after'])).toBeGreaterThan(3600);
  });

  it('injects a 429 from the fault queue without using the idempotency key, and a 500 after the write', async () => {
    const kit = await xeroBooksKit();
    const faults = (body: object) => kit.http().post('/sandbox/xero/_sandbox/faults').send(body);
    expect((await faults({ fault: 'RATE_LIMIT', retryAfterSeconds: 7, match: { method: 'PUT' } })).status).toBe(201);
    const account = { Name: 'Acme Advances', Type: 'BANK', BankAccountNumber: '20000012345678' };
    const limited = await kit.accounting('put', '/Accounts', account, { 'Idempotency-Key': 'k1' });
    expect([limited.status, limited.headers['retry-after']]).toEqual([429, '7']);
    const created = await kit.accounting('put', '/Accounts', account, { 'Idempotency-Key': 'k1' });
    expect(created.status).toBe(200);
    const otherBody = await kit.accounting('put', '/Accounts', { ...account, Name: 'Other' }, { 'Idempotency-Key': 'k1' });
    expect(otherBody.status).toBe(409);

    await faults({ fault: 'SERVER_ERROR', applied: true, match: { pathIncludes: 'BankTransfers' } });
    const [current, savings] = (await kit.accounting('get', '/Accounts').query({ where: 'Type=="BANK" AND Status=="ACTIVE"', order: 'Code' })).body.Accounts;
    const sent = await kit.accounting('put', '/BankTransfers', { BankTransfers: [{ FromBankAccount: { Code: current.Code }, ToBankAccount: { Code: savings.Code }, Amount: 10, Reference: 'landed' }] });
    expect(sent.status).toBe(500);
    expect((await kit.accounting('get', '/BankTransfers').query({ where: 'Reference=="landed"' })).body.BankTransfers).toHaveLength(1);
    const log = (await kit.http().get('/sandbox/xero/_sandbox/requests')).body;
    expect(log.map((e: { status: number }) => e.status)).toEqual(expect.arrayContaining([429, 200, 409, 500]));
  });

  it('answers 401 without a live token and 403 for an organisation the app is not connected to', async () => {
    const kit = await xeroBooksKit();
    const anonymous = await kit.http().get('/sandbox/xero/api.xro/2.0/Accounts').set('xero-tenant-id', kit.tenantId);
    expect(anonymous.status).toBe(401);
    const other = [...kit.sandbox.identity.organisations.keys()].find((id) => id !== kit.tenantId)!;
    const elsewhere = await kit.http().get('/sandbox/xero/api.xro/2.0/Accounts').set('Authorization', `Bearer ${kit.accessToken}`).set('xero-tenant-id', other);
    expect(elsewhere.status).toBe(403);
  });
});

describe('Xero sandbox: a payment answered without an id', () => {
  it('answers 200 with no PaymentID and writes nothing when the PAYMENT_WITHOUT_ID fault is queued', async () => {
    const kit = await xeroBooksKit();
    await kit.http().post('/sandbox/xero/_sandbox/faults').send({ fault: 'PAYMENT_WITHOUT_ID' });
    const invoice = (await kit.accounting('get', '/Invoices').query({ InvoiceNumbers: 'INV-0100' })).body.Invoices[0];
    const payment = { Invoice: { InvoiceID: invoice.InvoiceID }, Account: { Code: '090' }, Amount: 10, Date: '2026-11-21' };
    const silent = await kit.accounting('put', '/Payments', { Payments: [payment] });
    expect(silent.status).toBe(200);
    expect(silent.body.Payments[0].PaymentID).toBeUndefined();
    expect((await kit.accounting('get', `/Invoices/${invoice.InvoiceID}`)).body.Invoices[0].AmountPaid).toBe(0);
    const real = await kit.accounting('put', '/Payments', { Payments: [payment] });
    expect(real.body.Payments[0].PaymentID).toEqual(expect.any(String));
    expect(kit.violations).toEqual([]);
  });
});
