import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import type { XeroProviderSandbox } from '../../src/providers/xero/xero.sandbox';
import { InvoicesDocument, ReconcileInvoiceDocument, RecordDisbursementDocument, RecordFeeDocument, RecordFinalPaymentDocument, WritebackOperationsDocument } from '../generated/graphql';
import { daysAgo, eventually } from '../helpers/fixtures';
import { ok, useTestGateway } from '../helpers/test-gateway';
import { connectXero, mapXeroBorrower, registerXeroBorrower, type Gql } from '../providers/xero-borrower';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Books = any;
type Feed = { status: string; message: string | null } | null;

const LenderFeedDocument = parse('query LenderFeed($companyId: ID!) { accountMapping(companyId: $companyId) { lenderAccountFeed { status message } } }') as TypedDocumentNode<
  { accountMapping: { lenderAccountFeed: Feed } },
  { companyId: string }
>;

describe('Xero directly with XERO_STATEMENT_LINES=feed: the lender account as a bank feed, through the HTTP server', () => {
  const t = useTestGateway({ skipDemo: true, env: { XERO_STATEMENT_LINES: 'feed' } });
  const gql: Gql = (doc, variables) => t.gql(doc, variables);
  const sandbox = () => t.gw.sandboxes.get('XERO') as XeroProviderSandbox;
  const books = async (tenantId: string): Promise<Books> => (await t.http.get(`/sandbox/xero/_sandbox/organisations/${tenantId}/books`)).body;
  const feedOf = async (companyId: string) => ok(await gql(LenderFeedDocument, { companyId })).accountMapping.lenderAccountFeed;
  const operations = async (companyId: string) => ok(await gql(WritebackOperationsDocument, { companyId, status: null, first: 100, after: null })).writebackOperations.nodes.filter((o) => o.eventId);
  const settled = (companyId: string, count: number) =>
    eventually(async () => {
      const ops = await operations(companyId);
      return ops.length >= count && ops.every((o) => o.status === 'SUCCEEDED' || o.status === 'FAILED') && ops;
    }, 45_000, 'every write to settle');

  async function connectedBorrower(name: string) {
    const org = sandbox().store.addOrganisation({ name });
    const companyId = await registerXeroBorrower(gql, name);
    expect((await connectXero(gql, companyId, [name])).status).toBe(200);
    return { companyId, tenantId: org.tenantId, ...(await mapXeroBorrower(gql, companyId)) };
  }

  it("sends each entry's statement line through the lender account's feed, with the running balance Xero checks", async () => {
    const b = await connectedBorrower('Feed Example Trading Ltd');
    expect(await feedOf(b.companyId)).toEqual({ status: 'ACTIVE', message: null });
    const invoice = ok(await gql(InvoicesDocument, { companyId: b.companyId, status: 'SUBMITTED', first: 100 })).invoices.nodes.find((i) => i.currency === 'GBP' && Number(i.amountDue) >= 1000)!;
    const due = Number(invoice.amountDue);

    ok(await gql(RecordDisbursementDocument, { companyId: b.companyId, input: { externalId: 'adv-1', amount: '800.00', currency: 'GBP', date: daysAgo(3), reference: 'ADV-1', invoiceId: invoice.id, description: null } }));
    ok(await gql(RecordFeeDocument, { companyId: b.companyId, input: { externalId: 'fee-1', amount: '50.00', currency: 'GBP', date: daysAgo(2), reference: 'FEE-1', description: 'Discount fee' } }));
    ok(await gql(RecordFinalPaymentDocument, { companyId: b.companyId, input: { externalId: 'fin-1', amount: '850.00', currency: 'GBP', date: daysAgo(1), reference: 'FIN-1', description: null } }));
    ok(await gql(ReconcileInvoiceDocument, { companyId: b.companyId, input: { externalId: 'rec-1', amount: invoice.amountDue, currency: 'GBP', date: daysAgo(0), invoiceId: invoice.id, reference: 'REC-1', description: null } }));

    const ops = await settled(b.companyId, 8);
    expect(ops.filter((o) => o.kind === 'STATEMENT_LINE').map((o) => o.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    expect(ops.filter((o) => o.kind !== 'STATEMENT_LINE').map((o) => `${o.kind}:${o.status}`)).toEqual(['TRANSFER:SUCCEEDED', 'SPEND_MONEY:SUCCEEDED', 'TRANSFER:SUCCEEDED', 'INVOICE_PAYMENT:SUCCEEDED']);

    const after = await books(b.tenantId);
    const [feed] = after.feedConnections.filter((f: Books) => f.accountId === b.lenderId);
    expect(feed).toBeDefined();
    const lines = after.statementLines.filter((l: Books) => l.feedConnectionId === feed.id);
    expect(lines.map((l: Books) => [l.amount, l.creditDebitIndicator])).toEqual([[800, 'DEBIT'], [50, 'DEBIT'], [850, 'CREDIT'], [due, 'CREDIT']]);
    expect(new Set(lines.map((l: Books) => l.transactionId)).size).toBe(4);
    const lender = after.accounts.find((a: Books) => a.AccountID === b.lenderId);
    expect(lender.StatementBalance).toBeCloseTo(-800 - 50 + 850 + due, 2);
    expect(lender.Balance).toBeCloseTo(lender.StatementBalance, 2);
    // The entries are left for Xero to match with the feed's lines, not reconciled by the gateway.
    expect(after.bankTransfers.map((x: Books) => [x.FromIsReconciled, x.ToIsReconciled])).toEqual([[false, false], [false, false]]);
  }, 120_000);

  it("surfaces Xero's reason for a rejected statement in the line's lastError, and for a refused feed on the mapping", async () => {
    const b = await connectedBorrower('Feed Rejection Ltd');
    expect((await t.http.post('/sandbox/xero/_sandbox/faults').send({ fault: 'REJECT_STATEMENT', message: 'Bank feed paused by the institution' })).status).toBeLessThan(300);
    ok(await gql(RecordFeeDocument, { companyId: b.companyId, input: { externalId: 'fee-r', amount: '12.00', currency: 'GBP', date: daysAgo(0), reference: 'FEE-R', description: null } }));
    const ops = await settled(b.companyId, 2);
    const line = ops.find((o) => o.kind === 'STATEMENT_LINE')!;
    expect(line.status).toBe('FAILED');
    expect(line.lastError).toContain('Bank feed paused by the institution');
    expect(ops.find((o) => o.kind === 'SPEND_MONEY')!.status).toBe('SUCCEEDED');

    const refused = await connectedBorrowerWithRefusedFeed('Feed Refused Ltd');
    expect(await feedOf(refused)).toEqual({ status: 'REJECTED', message: 'No feeds for this account type' });
  }, 120_000);

  async function connectedBorrowerWithRefusedFeed(name: string) {
    sandbox().store.addOrganisation({ name });
    const companyId = await registerXeroBorrower(gql, name);
    expect((await connectXero(gql, companyId, [name])).status).toBe(200);
    expect((await t.http.post('/sandbox/xero/_sandbox/faults').send({ fault: 'REJECT_FEED_CONNECTION', message: 'No feeds for this account type' })).status).toBeLessThan(300);
    await mapXeroBorrower(gql, companyId);
    return companyId;
  }

  it("sent only requests Xero's specifications allow, and got only answers they describe", () => {
    expect(t.xeroContract.violations).toEqual([]);
    expect([...t.xeroContract.operations]).toEqual(expect.arrayContaining(['createFeedConnections', 'createStatements', 'getStatement']));
  });
});
