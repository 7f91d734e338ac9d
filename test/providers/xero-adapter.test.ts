import type { ServerResponse } from 'node:http';
import { heldCredentials } from '../../src/providers/accounting-provider';
import { ProviderError } from '../../src/providers/provider-error';
import { XeroAdapter } from '../../src/providers/xero/xero.adapter';
import { fromXeroAmount, markerIn, parseXeroDate, withMarker } from '../../src/providers/xero/xero.mappers';
import { XeroOAuthClient } from '../../src/providers/xero/xero-oauth.client';
import type { XeroProviderConnection, XeroSecrets } from '../../src/providers/xero/xero.settings';
import { json, startStubServer, type RecordedRequest } from './support/stub-server';

const TENANT = '8e4b2a6c-0f3d-4c1e-9a7b-2d5f6e8a9b10';
const LENDER = '7e5e243b-9fcd-4aef-8e3a-c70be1e39bfa';
const CURRENT = '6f7594f2-f059-4d56-9e67-47ac9733bfe9';
const FEES = '66b262e2-561e-423e-8937-47d558f13442';
const CONTACT = '5cc8cf28-567e-4d43-b287-687cfcaec47c';
const INVOICE = 'c7c37b83-ac95-45ea-88ba-8ad83a5f22fe';

type Route = (req: RecordedRequest, query: URLSearchParams) => [number, unknown, Record<string, string>?] | undefined | Promise<[number, unknown, Record<string, string>?] | undefined>;

/** Xero's identity service and Accounting API, answering as their specifications' examples do. */
async function xeroStub(routes: Record<string, Route>) {
  const server = await startStubServer(async (req, res: ServerResponse) => {
    const url = new URL(req.url, 'http://stub');
    const route = routes[`${req.method} ${url.pathname}`];
    const answer = route ? await route(req, url.searchParams) : undefined;
    const [status, body, headers] = answer ?? [404, { Title: 'Not Found', Status: 404, Detail: 'The resource you\'re looking for cannot be found' }];
    json(res, status, body, headers);
  });
  const oauth = new XeroOAuthClient({
    authoriseUrl: `${server.url}/identity/connect/authorize`, identityUrl: server.url, apiUrl: server.url,
    clientId: 'client-1', clientSecret: 'secret-1', redirectUri: 'http://gw.example/oauth/xero/callback', scopes: ['offline_access', 'accounting.transactions'],
  });
  const adapter = new XeroAdapter({ apiUrl: server.url, oauth, statementLines: 'reconciled' });
  return { server, adapter };
}

const live = (accessToken = 'access-1'): XeroSecrets => ({ accessToken, refreshToken: 'refresh-1', expiresAt: Date.now() + 30 * 60_000, lifetimeMs: 30 * 60_000 });
const connOf = (secrets: XeroSecrets | null): XeroProviderConnection => ({ kind: 'XERO', companyId: 'c-1', config: { tenantId: TENANT, connectionId: 'conn-1' }, credentials: heldCredentials(secrets) });
const envelope = (key: string, items: unknown[], extra: Record<string, unknown> = {}) => ({ Id: 'e5f2b7a4-0000-4000-8000-000000000000', Status: 'OK', ProviderName: 'Writeback Gateway', DateTimeUTC: '/Date(1551311317475)/', ...extra, [key]: items });
const body = (req: RecordedRequest) => JSON.parse(req.body) as Record<string, Array<Record<string, unknown>>>;

describe('Xero adapter', () => {
  const stubs: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(stubs.splice(0).map((s) => s.close()));
  });
  const stub = async (routes: Record<string, Route>) => {
    const s = await xeroStub(routes);
    stubs.push(s.server);
    return s;
  };

  it('refreshes an expired access token once for concurrent calls, stores the new pair first, and names the tenant on every call', async () => {
    let refreshes = 0;
    const { server, adapter } = await stub({
      'POST /connect/token': (req) => {
        refreshes++;
        expect(req.headers.authorization).toBe(`Basic ${Buffer.from('client-1:secret-1').toString('base64')}`);
        expect(new URLSearchParams(req.body).get('refresh_token')).toBe('refresh-1');
        return [200, { access_token: 'access-2', refresh_token: 'refresh-2', expires_in: 1800, token_type: 'Bearer', scope: 'offline_access accounting.transactions' }];
      },
      'GET /api.xro/2.0/Accounts': () => [200, envelope('Accounts', [{ AccountID: LENDER, Code: '090', Name: 'Acme Invoice Finance', Type: 'BANK', Status: 'ACTIVE', BankAccountNumber: '40478470872490', CurrencyCode: 'GBP' }])],
    });
    const conn = connOf({ ...live(), expiresAt: Date.now() - 1 });
    const answers = await Promise.all([1, 2, 3].map(() => adapter.listBankAccounts(conn)));
    expect(refreshes).toBe(1);
    expect(answers[0]).toEqual([{ id: LENDER, name: 'Acme Invoice Finance', currency: 'GBP', accountNumber: '40478470872490', sortCode: null, iban: null, status: 'ACTIVE', balanceMinor: null }]);
    expect((await conn.credentials.get())!.refreshToken).toBe('refresh-2');
    const calls = server.requests.filter((r) => r.url.startsWith('/api.xro'));
    expect(calls.map((r) => [r.headers.authorization, r.headers['xero-tenant-id']])).toEqual(Array(3).fill(['Bearer access-2', TENANT]));
  });

  it('treats a refused refresh (invalid_grant) as credentials the borrower must renew', async () => {
    const { adapter } = await stub({ 'POST /connect/token': () => [400, { error: 'invalid_grant' }] });
    const err = await adapter.listAccounts(connOf({ ...live(), expiresAt: 0 })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).kind).toBe('UNAUTHORIZED');
    expect((err as ProviderError).message).toContain('invalid_grant');
  });

  it('posts a fee as SPEND money from the lender account, one untaxed line on the expense account, reconciled, under the idempotency key', async () => {
    const { server, adapter } = await stub({
      'PUT /api.xro/2.0/BankTransactions': () => [200, envelope('BankTransactions', [{ BankTransactionID: 'bt-1', Type: 'SPEND', Status: 'AUTHORISED', StatusAttributeString: 'OK' }])],
    });
    const result = await adapter.postSpendMoney(connOf(live()), {
      marker: 'op-fee-1', date: '2026-05-02', bankAccountId: LENDER, supplierId: CONTACT, expenseAccountId: FEES, amountMinor: 1250, currency: 'GBP', description: 'Fee INV-0042 – Acme', reference: 'INV-0042',
    }, { idempotencyKey: 'key-1' });
    expect(result).toMatchObject({ status: 'SUCCESS', recordIds: ['bt-1'] });
    const [req] = server.requests;
    expect(req.url).toBe('/api.xro/2.0/BankTransactions?summarizeErrors=false');
    expect(req.headers['idempotency-key']).toBe('key-1');
    expect(body(req).BankTransactions[0]).toEqual({
      Type: 'SPEND', Contact: { ContactID: CONTACT }, BankAccount: { AccountID: LENDER }, Date: '2026-05-02', Reference: 'INV-0042 [op-fee-1]', IsReconciled: true, LineAmountTypes: 'NoTax',
      LineItems: [{ Description: 'Fee INV-0042 – Acme', Quantity: 1, UnitAmount: 12.5, AccountID: FEES }],
    });
  });

  it("answers Xero's validation errors word for word: an element's ValidationErrors, or a 400 ValidationException", async () => {
    const { adapter } = await stub({
      'PUT /api.xro/2.0/BankTransactions': () => [200, envelope('BankTransactions', [{ Type: 'SPEND', StatusAttributeString: 'ERROR', HasValidationErrors: true, ValidationErrors: [{ Message: "Account code '476' has been removed as it does not match a recognised account." }] }])],
      'PUT /api.xro/2.0/BankTransfers': () => [400, { ErrorNumber: 10, Type: 'ValidationException', Message: 'A validation exception occurred', Elements: [{ ValidationErrors: [{ Message: 'The From Bank Account and To Bank Account cannot be the same.' }] }] }],
    });
    const fee = await adapter.postSpendMoney(connOf(live()), { marker: 'm', date: '2026-05-02', bankAccountId: LENDER, supplierId: CONTACT, expenseAccountId: FEES, amountMinor: 100, currency: 'GBP', description: 'Fee' }, { idempotencyKey: 'k' });
    expect(fee).toMatchObject({ status: 'FAILED', errors: [{ field: null, message: "Account code '476' has been removed as it does not match a recognised account." }] });
    const err = await adapter.postTransfer(connOf(live()), { marker: 'm2', date: '2026-05-02', fromAccountId: LENDER, toAccountId: LENDER, amountMinor: 100, currency: 'GBP', description: 'Advance', lenderSide: 'from' }, { idempotencyKey: 'k2' }).catch((e: unknown) => e);
    expect((err as ProviderError).kind).toBe('REJECTED');
    expect((err as ProviderError).message).toContain('The From Bank Account and To Bank Account cannot be the same.');
  });

  it('posts a transfer with only the lender side reconciled, and a payment that is settled only when an id comes back', async () => {
    let withId = false;
    const { server, adapter } = await stub({
      'PUT /api.xro/2.0/BankTransfers': () => [200, envelope('BankTransfers', [{ BankTransferID: 'tr-1', Amount: 800 }])],
      'PUT /api.xro/2.0/Payments': () => [200, envelope('Payments', [withId ? { PaymentID: 'pay-1', Status: 'AUTHORISED' } : { Status: 'AUTHORISED' }])],
    });
    const transfer = await adapter.postTransfer(connOf(live()), { marker: 'op-adv', date: '2026-05-01', fromAccountId: CURRENT, toAccountId: LENDER, amountMinor: 80000, currency: 'GBP', description: 'Repayment', lenderSide: 'to' }, { idempotencyKey: 'k' });
    expect(transfer).toMatchObject({ status: 'SUCCESS', recordIds: ['tr-1'] });
    expect(body(server.requests[0]).BankTransfers[0]).toMatchObject({ FromBankAccount: { AccountID: CURRENT }, ToBankAccount: { AccountID: LENDER }, Amount: 800, FromIsReconciled: false, ToIsReconciled: true, Reference: 'Repayment [op-adv]' });
    const pay = () => adapter.postInvoicePayment(connOf(live()), { marker: 'op-pay', date: '2026-05-03', invoiceId: INVOICE, customerId: null, bankAccountId: LENDER, amountMinor: 23000, currency: 'GBP', reference: 'INV-0004' }, { idempotencyKey: 'k3' });
    expect((await pay()).status).toBe('TIMED_OUT');
    withId = true;
    expect(await pay()).toMatchObject({ status: 'SUCCESS', recordIds: ['pay-1'] });
    expect(body(server.requests[1]).Payments[0]).toEqual({ Invoice: { InvoiceID: INVOICE }, Account: { AccountID: LENDER }, Date: '2026-05-03', Amount: 230, Reference: 'INV-0004 [op-pay]', IsReconciled: true });
  });

  it('finds a write again by the marker in its reference, across pages', async () => {
    const page = (n: number) => Array.from({ length: n === 1 ? 100 : 3 }, (_, i) => ({ BankTransactionID: `bt-${n}-${i}`, Type: 'SPEND', Status: 'AUTHORISED', Reference: `Fee [op-${n}-${i}]` }));
    const { adapter } = await stub({
      'GET /api.xro/2.0/BankTransactions': (_req, q) => [200, envelope('BankTransactions', page(Number(q.get('page'))), { pagination: { page: Number(q.get('page')), pageSize: 100, pageCount: 2, itemCount: 103 } })],
    });
    expect(await adapter.findWrites(connOf(live()), 'SPEND_MONEY', ['op-2-1', 'op-9-9', 'op-1-0'], {})).toEqual(['bt-2-1', null, 'bt-1-0']);
  });

  it('reads one invoice by id, with Xero dates and the payments applied', async () => {
    const { adapter } = await stub({
      [`GET /api.xro/2.0/Invoices/${INVOICE}`]: () => [200, envelope('Invoices', [{
        InvoiceID: INVOICE, InvoiceNumber: 'INV-0004', Type: 'ACCREC', Status: 'AUTHORISED', Contact: { ContactID: CONTACT, Name: 'City Limousines' },
        Date: '/Date(1551225600000+0000)/', DueDate: '/Date(1553644800000+0000)/', CurrencyCode: 'GBP', Total: 230, AmountDue: 229, AmountPaid: 1,
        Payments: [{ PaymentID: 'pay-1', Reference: 'INV-0004 [op-pay]', Amount: 1 }],
      }])],
    });
    expect(await adapter.getInvoice(connOf(live()), INVOICE)).toEqual({
      id: INVOICE, number: 'INV-0004', customerId: CONTACT, customerName: 'City Limousines', issueDate: '2019-02-27', dueDate: '2019-03-27', currency: 'GBP',
      totalMinor: 23000, amountDueMinor: 22900, status: 'PARTIALLY_PAID', appliedPayments: [{ recordId: 'pay-1', marker: 'op-pay' }],
    });
    expect(await adapter.getInvoice(connOf(live()), 'not-an-id')).toBeNull();
  });

  it('keeps at most five calls in flight per organisation, and hands a long Retry-After back as RATE_LIMITED', async () => {
    let inFlight = 0;
    let most = 0;
    const { adapter } = await stub({
      'GET /api.xro/2.0/Accounts': async () => {
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setTimeout(r, 150));
        inFlight--;
        return [200, envelope('Accounts', []), { 'X-MinLimit-Remaining': '50', 'X-DayLimit-Remaining': '4000', 'X-AppMinLimit-Remaining': '9000' }];
      },
      'GET /api.xro/2.0/Contacts': () => [429, { Title: 'Too Many Requests' }, { 'Retry-After': '30', 'X-Rate-Limit-Problem': 'minute' }],
    });
    await Promise.all(Array.from({ length: 12 }, () => adapter.listAccounts(connOf(live()))));
    // Calls overlap, never more than five at once (a busy machine may start fewer before the first answers).
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(5);
    const err = (await adapter.listSuppliers(connOf(live())).catch((e: unknown) => e)) as ProviderError;
    expect(err.kind).toBe('RATE_LIMITED');
    expect(err.details.retryAfterMs).toBe(30_000);
  });

  it('disconnects: removes the tenant connection, then revokes the refresh token', async () => {
    const { server, adapter } = await stub({
      'DELETE /connections/conn-1': () => [204, undefined],
      'POST /connect/revocation': () => [200, {}],
    });
    await adapter.disconnect(connOf(live()));
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['DELETE /connections/conn-1', 'POST /connect/revocation']);
    expect(new URLSearchParams(server.requests[1].body).get('token')).toBe('refresh-1');
  });
});

describe('Xero mappers', () => {
  it('reads Xero dates in both forms', () => {
    expect(parseXeroDate('/Date(1551225600000+0000)/')).toBe('2019-02-27');
    expect(parseXeroDate('/Date(1550793549392)/')).toBe('2019-02-21');
    expect(parseXeroDate('2020-07-01T00:00:00')).toBe('2020-07-01');
    expect(parseXeroDate('2019-02-27 00:00:00')).toBe('2019-02-27');
    expect(parseXeroDate(undefined)).toBeNull();
  });

  it('keeps the marker whole when a reference is trimmed to 255 characters, and reads it back', () => {
    const ref = withMarker('x'.repeat(400), 'op-123');
    expect(ref).toHaveLength(255);
    expect(markerIn(ref)).toBe('op-123');
    expect(markerIn('Fee INV-1')).toBeNull();
  });

  it('turns amounts into minor units without binary noise', () => {
    expect(fromXeroAmount(0.1 + 0.2, 'GBP')).toBe(30);
    expect(fromXeroAmount(229, 'GBP')).toBe(22900);
    expect(fromXeroAmount(1234, 'JPY')).toBe(1234);
  });
});
