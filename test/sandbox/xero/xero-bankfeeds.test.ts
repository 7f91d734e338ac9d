import { xeroBooksKit } from './xero-books-kit';

type Kit = Awaited<ReturnType<typeof xeroBooksKit>>;
type Shown = Record<string, any>;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('Xero sandbox: Bank Feeds', () => {
  let kit: Kit;
  let lender: Shown;
  beforeEach(async () => {
    kit = await xeroBooksKit();
    lender = (await kit.accounting('put', '/Accounts', { Name: 'Acme Advances', Type: 'BANK', BankAccountNumber: '20000012345678' })).body.Accounts[0];
  });
  afterEach(() => expect(kit.violations).toEqual([]));

  const connect = async () => {
    const res = await kit.feeds('post', '/FeedConnections', { items: [{ accountToken: 'acme-1', accountId: lender.AccountID, accountType: 'BANK', currency: 'GBP' }] });
    expect(res.status).toBe(202);
    return res.body.items[0].id as string;
  };
  const statement = (feedConnectionId: string, start: number, lines: Array<[number, 'CREDIT' | 'DEBIT', string]>, end?: number) => {
    const signed = lines.reduce((sum, [amount, side]) => sum + (side === 'CREDIT' ? amount : -amount), start);
    const total = end ?? signed;
    const balance = (amount: number) => ({ amount: Math.abs(amount), creditDebitIndicator: amount < 0 ? 'DEBIT' : 'CREDIT' });
    return {
      items: [{
        feedConnectionId, startDate: day(-1), endDate: day(0), startBalance: balance(start), endBalance: balance(total),
        statementLines: lines.map(([amount, side, id]) => ({ postedDate: day(0), amount, creditDebitIndicator: side, transactionId: id, description: `Line ${id}`, reference: id })),
      }],
    };
  };

  it('connects a feed PENDING, then linked to the bank account; delivers a statement asynchronously', async () => {
    kit.sandbox.books.patchSettings({ statementDelayMs: 60_000 });
    const id = await connect();
    expect((await kit.feeds('get', `/FeedConnections/${id}`)).body).toMatchObject({ id, accountId: lender.AccountID, accountToken: 'acme-1' });
    expect((await kit.feeds('get', `/FeedConnections/${id}`)).body.status).toBeUndefined();

    const sent = await kit.feeds('post', '/Statements', statement(id, 0, [[8000, 'DEBIT', 't1'], [120, 'DEBIT', 't2'], [4800, 'CREDIT', 't3']]));
    expect(sent.status).toBe(202);
    const statementId = sent.body.items[0].id;
    expect(sent.body.items[0].status).toBe('PENDING');
    expect((await kit.feeds('get', `/Statements/${statementId}`)).body.status).toBe('PENDING');
    // Delivery runs on the sandbox's clock.
    kit.sandbox.identity.advanceClock(61);
    const delivered = (await kit.feeds('get', `/Statements/${statementId}`)).body;
    expect(delivered).toMatchObject({ status: 'DELIVERED', statementLineCount: 3, endBalance: { amount: 3320, creditDebitIndicator: 'DEBIT' } });
    const books = await kit.books();
    expect(books.accounts.find((a: Shown) => a.AccountID === lender.AccountID).StatementBalance).toBe(-3320);
    expect(books.statementLines.map((l: Shown) => l.transactionId)).toEqual(['t1', 't2', 't3']);
    expect((await kit.feeds('get', '/Statements')).body.pagination).toMatchObject({ itemCount: 1 });
  });

  it('refuses a duplicate line (409), an end balance that does not add up (422) and old or future dates (400)', async () => {
    const id = await connect();
    expect((await kit.feeds('post', '/Statements', statement(id, 0, [[50, 'CREDIT', 'a']]))).status).toBe(202);
    const duplicate = await kit.feeds('post', '/Statements', statement(id, 50, [[50, 'CREDIT', 'a']]));
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.items[0]).toMatchObject({ status: 'REJECTED', errors: [{ type: 'duplicate-statement' }] });
    const wrongEnd = await kit.feeds('post', '/Statements', statement(id, 50, [[10, 'DEBIT', 'b']], 45));
    expect(wrongEnd.status).toBe(422);
    expect(wrongEnd.body).toMatchObject({ type: 'invalid-end-balance', title: 'Invalid End Balance' });
    expect(wrongEnd.headers['content-type']).toMatch(/application\/problem\+json/);
    const old = statement(id, 50, [], 50);
    old.items[0].startDate = day(-400);
    expect((await kit.feeds('post', '/Statements', old)).body.type).toBe('invalid-start-date');
    const unknown = await kit.feeds('post', '/Statements', statement('00000000-0000-4000-8000-000000000000', 0, [], 0));
    expect(unknown.body.type).toBe('invalid-feed-connection');
  });

  it('rejects a statement or a feed connection when a fault says so, and creates a bank account for an unmatched number', async () => {
    const id = await connect();
    await kit.http().post('/sandbox/xero/_sandbox/faults').send({ fault: 'REJECT_STATEMENT', message: 'Bank feed paused' });
    const sent = await kit.feeds('post', '/Statements', statement(id, 0, [[5, 'CREDIT', 'z']]));
    const rejected = (await kit.feeds('get', `/Statements/${sent.body.items[0].id}`)).body;
    expect(rejected).toMatchObject({ status: 'REJECTED', errors: [{ detail: 'Bank feed paused' }] });

    await kit.http().post('/sandbox/xero/_sandbox/faults').send({ fault: 'REJECT_FEED_CONNECTION' });
    const second = await kit.feeds('post', '/FeedConnections', { items: [{ accountToken: 'acme-2', accountNumber: '99990001', accountName: 'Acme Feed', accountType: 'BANK' }] });
    expect((await kit.feeds('get', `/FeedConnections/${second.body.items[0].id}`)).body).toMatchObject({ status: 'REJECTED', error: { type: 'account-not-valid' } });
    const third = await kit.feeds('post', '/FeedConnections', { items: [{ accountToken: 'acme-3', accountNumber: '99990002', accountName: 'Acme Feed', accountType: 'BANK' }] });
    const linked = (await kit.feeds('get', `/FeedConnections/${third.body.items[0].id}`)).body;
    const created = (await kit.accounting('get', `/Accounts/${linked.accountId}`)).body.Accounts[0];
    expect(created).toMatchObject({ Name: 'Acme Feed', Type: 'BANK', BankAccountNumber: '99990002' });
    const again = await kit.feeds('post', '/FeedConnections', { items: [{ accountToken: 'acme-3', accountNumber: '99990003', accountType: 'BANK' }] });
    expect(again.status).toBe(400);
    expect(again.body.items[0]).toMatchObject({ status: 'REJECTED', error: { type: 'feed-already-connected-in-current-organisation' } });
  });

  it('answers 403 invalid-application to an app whose token has no bankfeeds scope', async () => {
    const plain = await xeroBooksKit({}, 'openid accounting.transactions accounting.settings offline_access');
    const res = await plain.feeds('get', '/FeedConnections');
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ type: 'invalid-application', status: 403 });
  });
});
