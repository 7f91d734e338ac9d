import { PREFIX, daysAgo, expectApiResponse, newBorrower, sinaoKit, type Borrower, type SinaoKit } from './sinao-test-kit';

describe('Sinao sandbox: injected faults, the request log and the books view', () => {
  let kit: SinaoKit;
  let b: Borrower;
  let bank: number;
  beforeEach(async () => {
    kit = sinaoKit();
    b = await newBorrower(kit);
    bank = (await b.get('/cashflowsources/').expect(200)).body.find((s: any) => s.type === 'bank').id;
  });
  afterEach(() => expect(kit.violations).toEqual([]));

  const fault = async (spec: object) => (await kit.admin.post(`${PREFIX}/_sandbox/faults`).send(spec).expect(201)).body;
  const createLine = (label: string) => b.post('/transactions/', { cashflow_source_id: bank, amount: 4_200, received_at: daysAgo(0), label });
  const linesLabelled = async (label: string) => (await b.get('/transactions/').query({ search: label, limit: 100 }).expect(200)).body.length;

  it('RATE_LIMIT answers 429 with Retry-After and writes nothing', async () => {
    await fault({ fault: 'RATE_LIMIT', retryAfterSeconds: 7, match: { method: 'POST' } });
    const limited = await createLine('LIMITE');
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('7');
    expectApiResponse(limited.body, 429);
    expect(await linesLabelled('LIMITE')).toBe(0);
    await createLine('LIMITE').expect(200);
    expect(await linesLabelled('LIMITE')).toBe(1);
  });

  it('SERVER_ERROR answers 500 before the write, or after it when applied', async () => {
    await fault({ fault: 'SERVER_ERROR', match: { pathIncludes: '/transactions/' , method: 'POST' } });
    expectApiResponse((await createLine('AVANT').expect(500)).body, 500);
    expect(await linesLabelled('AVANT')).toBe(0);
    await fault({ fault: 'SERVER_ERROR', applied: true, match: { method: 'POST' } });
    expectApiResponse((await createLine('APRES').expect(500)).body, 500);
    expect(await linesLabelled('APRES')).toBe(1);
  });

  it('LOSE_RESPONSE drops the connection after the write (or before it), and the log says so', async () => {
    await fault({ fault: 'LOSE_RESPONSE', match: { method: 'POST', companyId: String(b.appId) } });
    await expect(createLine('PERDU')).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(await linesLabelled('PERDU')).toBe(1);
    const lost = kit.exchanges.find((e) => e.responseLost)!;
    expect(lost).toMatchObject({ method: 'POST', status: 200, responseBody: { label: 'PERDU' } });
    await fault({ fault: 'LOSE_RESPONSE', applied: false });
    await expect(createLine('JAMAIS')).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(await linesLabelled('JAMAIS')).toBe(0);
    const log = (await kit.admin.get(`${PREFIX}/_sandbox/requests`).expect(200)).body;
    expect(log.filter((e: any) => e.responseLost).map((e: any) => e.status)).toEqual([200, 0]);
  });

  it('has no idempotency: a resent write is a second write, whatever header it carries', async () => {
    const body = { cashflow_source_id: bank, amount: 4_200, received_at: daysAgo(0), label: 'DOUBLON' };
    const first = await b.post('/transactions/', body).set('Idempotency-Key', 'same').expect(200);
    const second = await b.post('/transactions/', body).set('Idempotency-Key', 'same').expect(200);
    expect(second.body.id).not.toBe(first.body.id);
    expect(await linesLabelled('DOUBLON')).toBe(2);
  });

  it('SLOW_RESPONSE holds the answer back', async () => {
    await fault({ fault: 'SLOW_RESPONSE', delayMs: 300 });
    const started = Date.now();
    await b.get('/accounts/').expect(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  it('consumes faults in order and as many times as counted; random faults follow their seed; bad specs are refused', async () => {
    await fault({ fault: 'SERVER_ERROR', count: 2, match: { method: 'GET' } });
    expect((await kit.admin.get(`${PREFIX}/_sandbox/faults`).expect(200)).body).toEqual([expect.objectContaining({ fault: 'SERVER_ERROR', count: 2 })]);
    await b.get('/accounts/').expect(500);
    await b.get('/accounts/').expect(500);
    await b.get('/accounts/').expect(200);
    expectApiResponse((await kit.admin.post(`${PREFIX}/_sandbox/faults`).send({ fault: 'FAIL' }).expect(400)).body, 400, /Unknown fault/);

    const draw = async () => {
      await kit.admin.post(`${PREFIX}/_sandbox/faults/random`).send({ rate: 0.5, kinds: ['RATE_LIMIT'], seed: 42 }).expect(201);
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await b.get('/accounts/')).status);
      return statuses;
    };
    const first = await draw();
    expect(first).toContain(429);
    expect(first).toContain(200);
    expect(await draw()).toEqual(first);
    expect((await kit.admin.get(`${PREFIX}/_sandbox/faults/random`).expect(200)).body).toMatchObject({ requests: 12, applied: { RATE_LIMIT: first.filter((s) => s === 429).length } });
    await kit.admin.delete(`${PREFIX}/_sandbox/faults`).expect(204);
    await b.get('/accounts/').expect(200);
  });

  it('shows an app\'s books, and resets to a fresh sandbox', async () => {
    const books = (await kit.admin.get(`${PREFIX}/_sandbox/apps/${b.appId}/books`).expect(200)).body;
    expect(books).toMatchObject({ app: { id: b.appId, name: 'Boulangerie Durand SARL' }, currency: 'EUR' });
    expect(books.cashflowSources.find((s: any) => s.id === bank).transactions.length).toBe(5);
    expectApiResponse((await kit.admin.get(`${PREFIX}/_sandbox/apps/424242/books`).expect(404)).body, 404);
    await kit.admin.post(`${PREFIX}/_sandbox/reset`).expect(204);
    await kit.admin.get(`${PREFIX}/_sandbox/apps/${b.appId}/books`).expect(404);
    expect((await kit.admin.get(`${PREFIX}/_sandbox/requests`).expect(200)).body).toEqual([]);
  });
});
