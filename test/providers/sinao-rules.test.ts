import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { heldCredentials } from '../../src/providers/accounting-provider';
import { SinaoAdapter } from '../../src/providers/sinao/sinao.adapter';
import { createSinaoSandbox, type SinaoSandboxStore } from '../../src/sandbox/sinao/sinao-sandbox';
import { bankLineRule, sameRule } from '../../src/providers/sinao/sinao.rules';
import { compare } from '../../src/sandbox/sinao/list-query';

describe('the rule that categorises the borrower\'s bank lines with the lender', () => {
  const matches = (pattern: string, label: string) => compare(label, 'LIKE', pattern);

  it('names the bank account, the transfer account and the lender without its legal form', () => {
    expect(bankLineRule('11', '507', 'Acme Invoice Finance Ltd')).toEqual({
      on_event: 'transaction.created',
      parameter: 'account',
      value: '507',
      conditions: [['cashflow_source.id', '=', '11'], ['label', 'LIKE', '%Acme Invoice Finance%']],
    });
    expect(bankLineRule('11', '507', 'Financement Durand SAS').conditions[1][2]).toBe('%Financement Durand%');
    expect(bankLineRule('11', '507', 'Capital Sarlat').conditions[1][2]).toBe('%Capital Sarlat%');
  });

  it('matches the lender\'s name as banks print it, whatever the case, and nothing else', () => {
    const [, [, , pattern]] = bankLineRule('11', '507', 'Acme Invoice Finance Ltd').conditions;
    expect(matches(pattern, 'VIR SEPA RECU /DE ACME INVOICE FINANCE LTD /MOTIF ADV-0042')).toBe(true);
    expect(matches(pattern, 'VIR SEPA EMIS /A ACME INVOICE FINANCE /MOTIF FIN-0042')).toBe(true);
    expect(matches(pattern, 'Virement reçu de Acme Invoice Finance')).toBe(true);
    expect(matches(pattern, 'PRLV SEPA EDF /MOTIF FACTURE')).toBe(false);
    expect(matches(pattern, 'VIR ACME FINANCE')).toBe(false);
  });

  it('reads % and _ in a name as any character rather than as a wildcard run', () => {
    expect(bankLineRule('1', '2', 'Prêt_100% Finance').conditions[1][2]).toBe('%Prêt_100_ Finance%');
  });

  it('recognises its own rule as Sinao answers it, and no other', () => {
    const wanted = bankLineRule('11', '507', 'Acme Invoice Finance Ltd');
    expect(sameRule({ id: 50, priority: 0, ...wanted }, wanted)).toBe(true);
    expect(sameRule({ id: 50, ...wanted, value: 507 as unknown as string }, wanted)).toBe(true);
    expect(sameRule({ ...wanted, value: '508' }, wanted)).toBe(false);
    expect(sameRule({ ...wanted, conditions: [wanted.conditions[0]] }, wanted)).toBe(false);
    expect(sameRule({ ...bankLineRule('12', '507', 'Acme Invoice Finance Ltd') }, wanted)).toBe(false);
  });
});

describe('the Sinao adapter and the bank-line rule', () => {
  let server: Server;
  let store: SinaoSandboxStore;
  let baseUrl: string;
  let rulesAnswer: number | null = null;

  beforeAll(async () => {
    const sandbox = createSinaoSandbox({ lenderName: 'Acme Invoice Finance Ltd' });
    store = sandbox.store;
    const app = express();
    // Stands for a Sinao that does not let the key read its rules (the specification files them as hidden).
    app.use((req, res, next) => (rulesAnswer && req.path.endsWith('/rules/') ? res.status(rulesAnswer).json({ code: rulesAnswer, message: 'Not allowed', type: 'error' }) : next()));
    app.use(sandbox.router);
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  async function advance(times: number) {
    const app = store.createApp('Ébénisterie Roux SARL');
    const { key } = store.createApiKey(app.id, 'gateway');
    const books = store.books(app.id);
    const bank = books.cashflowSources.find((s) => s.type === 'bank')!;
    const transit = books.accounts.find((a) => a.accounting_number === '580000')!;
    const lender = store.nextId('cashflow_source');
    books.cashflowSources.push({ ...bank, id: lender, name: 'Acme Invoice Finance', identifiant: null, account_type: 'special', opening_amount: 0 });
    const adapter = new SinaoAdapter({ baseUrl });
    const conn = { kind: 'SINAO', companyId: null, config: { appId: String(app.id) }, credentials: heldCredentials({ apiKey: key }) };
    for (let i = 0; i < times; i++) {
      const result = await adapter.postTransfer(conn, {
        marker: `op-${app.id}-${i}`, date: '2026-11-30', fromAccountId: String(lender), toAccountId: String(bank.id), amountMinor: 80000, currency: 'EUR', description: 'Avance',
        oneSided: { side: 'from', transitAccountId: String(transit.id), bankLineRule: { counterpartyName: 'Acme Invoice Finance Ltd' } },
      }, { idempotencyKey: `op-${i}` });
      expect(result.status).toBe('SUCCESS');
    }
    return { rules: books.rules, categorised: books.links.filter((l) => l.child.type === 'account' && l.child.id === transit.id).length };
  }

  it('sends the rule with the first categorisation only', async () => {
    rulesAnswer = null;
    const books = await advance(3);
    expect(books.rules).toHaveLength(1);
    expect(books.categorised).toBe(3);
  });

  it.each([404, 403])('categorises without a rule when reading the rules answers %i', async (status) => {
    rulesAnswer = status;
    const books = await advance(2);
    expect(books.rules).toEqual([]);
    expect(books.categorised).toBe(2);
  });
});
