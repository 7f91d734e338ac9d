import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { RecordDisbursementDocument, RecordFeeDocument, WritebackOperationDocument, WritebackOperationsDocument } from '../generated/graphql';
import { codatPush, daysAgo, eventually, injectFault, newBorrower } from '../helpers/fixtures';
import { ok, SECRET_KEY, startTestGateway } from '../helpers/test-gateway';
import { arrowToOption, axeViolations, describeInBrowser, openPage, screenshot, tabTo } from './browser-kit';
import { card, statuses, text, useSettingsPageSuite, WAIT_MS, waitForText } from './settings-page.kit';

// Generous: a browser and a gateway share the machine with whatever else runs on it.
jest.setTimeout(400_000);

describeInBrowser("the borrower's settings page in Chromium", () => {
  const suite = useSettingsPageSuite();
  const { open, tokens } = suite;
  /** The borrower the first test maps, reused by the later ones. */
  let mapped: Awaited<ReturnType<typeof newBorrower>>;
  let t: typeof suite.t;
  let base: string;
  beforeAll(() => {
    t = suite.t;
    base = suite.base;
  });

  const borrower = async (name: string) => {
    const b = await newBorrower(t, name);
    suite.keepSecret(b.token);
    return b;
  };

  it('takes a borrower from an empty mapping to a complete one, switches write-back on and shows the writes succeed', async () => {
    mapped = await borrower('Brick Lane Bakery Ltd');
    const { page } = await open(`#token=${mapped.token}`);
    await page.getByRole('heading', { name: 'Accounting settings' }).waitFor();
    expect(new URL(page.url()).hash).toBe('');

    // Connection: the provider answered the read of the books.
    await waitForText(page, /Status Connected/);
    const connection = await page.getByRole('region', { name: 'Connection' }).innerText();
    expect(connection).toMatch(/Codat/);
    expect(connection).toMatch(/Brick Lane Bakery Ltd/);
    expect(await page.getByRole('button', { name: 'Reconnect' }).isDisabled()).toBe(true);
    expect(connection).toMatch(/Reconnecting to Codat is done by your lender/);

    const completeness = page.locator('#mapping-completeness');
    expect(await completeness.innerText()).toMatch(/Still to choose:\s*Lender's account\s*Your bank account receiving advances\s*Expense account for fees\s*Lender as a supplier/);
    // Codat's books need no internal-transfer account and have no rules for bank lines: neither is offered.
    expect(await card(page, 'Internal transfer account').count()).toBe(0);
    expect(await page.getByRole('switch', { name: /^Categorise my bank lines/ }).count()).toBe(0);

    // Switching on is refused while the mapping is incomplete, with what is missing.
    await page.getByRole('switch', { name: 'Write to my books' }).click();
    const refused = page.locator('#writeback-title ~ .refused');
    await refused.waitFor();
    expect(await refused.innerText()).toMatch(/Write-back needs a complete mapping; still missing: lenderBankAccountId, designatedBankAccountId, expenseAccountId, lenderSupplierId[\s\S]*Choose these first:[\s\S]*Lender's account/);

    // The lender's account, created in place; the API's refusal shows next to the field it names.
    const lender = card(page, "Lender's account");
    await lender.getByLabel('Account name').fill('Acme Invoice Finance');
    expect(await lender.getByLabel('Currency').inputValue()).toBe('GBP');
    await lender.getByLabel('Sort code').fill('40 47 84 x');
    await lender.getByLabel('Account number').fill('70872490');
    await lender.getByRole('button', { name: /^Create and use it/ }).click();
    const sortCode = lender.getByLabel('Sort code');
    await eventually(async () => (await sortCode.getAttribute('aria-invalid')) === 'true', WAIT_MS, 'the sort code to be marked invalid');
    const describedBy = (await sortCode.getAttribute('aria-describedby'))!.split(' ');
    expect(await page.locator(`[id="${describedBy[describedBy.length - 1]}"]`).innerText()).toBe('sortCode must be 6 digits, e.g. 40-47-84');
    await sortCode.fill('40-47-84');
    await lender.getByRole('button', { name: /^Create and use it/ }).click();
    await eventually(async () => /Currently: Acme Invoice Finance/.test(await lender.innerText()), WAIT_MS, 'the lender account to be mapped');

    // The designated account, picked from the books.
    const designated = card(page, 'Your bank account receiving advances');
    await designated.getByLabel(/^Choose an existing one/).selectOption({ label: 'Business Current Account (GBP)' });
    await designated.getByRole('button', { name: /^Use this account/ }).click();
    await eventually(async () => /Currently: Business Current Account/.test(await designated.innerText()), WAIT_MS, 'the designated account to be mapped');

    // A new expense account.
    const expense = card(page, 'Expense account for fees');
    await expense.getByLabel('Account name').fill('Invoice finance fees');
    await expense.getByLabel('Account code').fill('4790');
    await expense.getByRole('button', { name: /^Create and use it/ }).click();
    await eventually(async () => /Currently: Invoice finance fees/.test(await expense.innerText()), WAIT_MS, 'the expense account to be mapped');

    // The lender found among the suppliers by fuzzy match, with its score, and accepted.
    const supplier = card(page, 'Lender as a supplier');
    await supplier.getByRole('button', { name: 'Find the lender among your suppliers' }).click();
    const found = supplier.locator('.found');
    await found.waitFor();
    const [, foundName] = /Found "([^"]+)" \(name similarity \d+ %\)/.exec(await found.innerText())!;
    await supplier.getByRole('button', { name: 'Use this supplier' }).click();
    await eventually(async () => (await supplier.innerText()).includes(`Currently: ${foundName}`), WAIT_MS, 'the supplier to be mapped');

    await eventually(async () => (await completeness.innerText()).includes('Complete: every account is chosen.'), WAIT_MS, 'the mapping to be complete');
    await page.locator('summary', { hasText: 'Changes' }).click();
    const history = await page.locator('.history').innerText();
    expect(history).toMatch(/Changes \(4\)/);
    expect(history).toMatch(/by this page[\s\S]*Lender as a supplier: /);
    expect(history).toMatch(/Lender's account: Acme Invoice Finance/);

    // An event recorded while write-back is off is held; switching on releases it.
    ok(await t.gql(RecordFeeDocument, { companyId: mapped.id, input: { externalId: 'fee-1', amount: '25.00', currency: 'GBP', date: daysAgo(3), reference: 'fee-1', description: null } }));
    await waitForText(page, /2 writes are held\./);
    expect(await page.getByLabel('Also send the 2 held writes when switching on').isChecked()).toBe(true);
    const toggle = page.getByRole('switch', { name: 'Write to my books' });
    await toggle.click();
    await waitForText(page, /2 held writes were sent\./);
    expect(await toggle.getAttribute('aria-checked')).toBe('true');

    ok(await t.gql(RecordDisbursementDocument, { companyId: mapped.id, input: { externalId: 'adv-1', amount: '1000.00', currency: 'GBP', date: daysAgo(2), reference: 'adv-1', description: null, invoiceId: null } }));
    const all = ok(await t.gql(WritebackOperationsDocument, { companyId: mapped.id, status: null, first: 100, after: null })).writebackOperations.totalCount;
    await eventually(async () => {
      const shown = await statuses(page);
      return shown.length === all && shown.every((s) => s === 'Succeeded');
    }, WAIT_MS, `all ${all} writes to show Succeeded`);
    expect(await text(page)).toMatch(/Advance adv-1 1000\.00 GBP Succeeded Transfer/);
    expect(await text(page)).toMatch(/Fee fee-1 25\.00 GBP Succeeded Spend money/);

    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'desktop-en');
  });

  it("shows the provider's rejection word for word, and the retry button delivers the write", async () => {
    await injectFault(t, { fault: 'FAIL', message: 'The contact is archived', match: { pathIncludes: '/push/directCosts', companyId: mapped.codatCompanyId } });
    const { page } = await open(`#token=${mapped.token}`);
    const fee = ok(await t.gql(RecordFeeDocument, { companyId: mapped.id, input: { externalId: 'fee-2', amount: '12.50', currency: 'GBP', date: daysAgo(1), reference: 'fee-2', description: null } })).recordFee;
    const spend = fee.operations.find((o) => o.kind === 'SPEND_MONEY')!;
    const failed = await eventually(async () => {
      const op = ok(await t.gql(WritebackOperationDocument, { id: spend.id })).writebackOperation;
      return op.status === 'FAILED' && op;
    }, WAIT_MS, 'the spend money to fail');
    const item = page.locator(`[data-operation-id="${spend.id}"]`);
    await eventually(async () => (await item.count()) > 0 && /Failed/.test(await item.innerText()), WAIT_MS, 'the failure on the page');
    expect(await item.locator('.provider-message .message-text').textContent()).toBe(failed.lastError);
    expect(failed.lastError).toContain('The contact is archived');

    await item.getByRole('button', { name: /^Retry: Fee fee-2/ }).click();
    await eventually(async () => /Succeeded/.test(await item.innerText()), WAIT_MS, 'the retried write to succeed');
    expect(await item.getByRole('button', { name: /^Retry/ }).count()).toBe(0);
    expect(ok(await t.gql(WritebackOperationDocument, { id: spend.id })).writebackOperation.status).toBe('SUCCEEDED');
  });

  it('maps a borrower with the keyboard only, creating the lender supplier, with the focus visible at every stop', async () => {
    const b = await borrower('Harbour Ropes Ltd');
    const { page } = await open(`#token=${b.token}`);
    await waitForText(page, /Status Connected/);
    const kb = page.keyboard;
    const named = (pattern: RegExp) => (el: { name: string }) => pattern.test(el.name);

    await tabTo(page, 'the account name of the lender account', (el) => el.tag === 'input' && /^Account name/.test(el.name));
    await kb.type('Acme Invoice Finance');
    await tabTo(page, 'the sort code', named(/^Sort code/));
    await kb.type('404784');
    await tabTo(page, 'the account number', named(/^Account number/));
    await kb.type('70872490');
    await kb.press('Enter');
    const lender = card(page, "Lender's account");
    await eventually(async () => /Currently: Acme Invoice Finance/.test(await lender.innerText()), WAIT_MS, 'the lender account to be mapped');

    await tabTo(page, 'the designated account list', named(/^Choose an existing one.*receiving advances/));
    await arrowToOption(page, /^Business Current Account \(GBP\)$/);
    await tabTo(page, 'its save button', named(/^Use this account.*receiving advances/));
    await kb.press('Enter');
    const designated = card(page, 'Your bank account receiving advances');
    await eventually(async () => /Currently: Business Current Account/.test(await designated.innerText()), WAIT_MS, 'the designated account to be mapped');

    await tabTo(page, 'the expense account list', named(/^Choose an existing one.*fees/));
    const bankFees = await arrowToOption(page, /Bank/);
    await tabTo(page, 'its save button', named(/^Use this account.*fees/));
    await kb.press('Space');
    const expense = card(page, 'Expense account for fees');
    await eventually(async () => (await expense.innerText()).includes(`Currently: ${bankFees.replace(/^.* · /, '')}`), WAIT_MS, 'the expense account to be mapped');

    await tabTo(page, "the supplier's name", named(/^Lender's name as a supplier/));
    await kb.type('Northwind Trade Capital');
    await kb.press('Enter');
    const supplier = card(page, 'Lender as a supplier');
    await eventually(async () => /"Northwind Trade Capital" was created in your books[\s\S]*Currently: Northwind Trade Capital|Currently: Northwind Trade Capital[\s\S]*was created/.test(await supplier.innerText()), WAIT_MS, 'the created supplier to be mapped');

    await tabTo(page, 'the write-back switch', named(/^Write to my books/));
    await kb.press('Space');
    await eventually(async () => (await page.getByRole('switch', { name: 'Write to my books' }).getAttribute('aria-checked')) === 'true', WAIT_MS, 'write-back to be on');
    expect(await page.locator('#mapping-completeness').innerText()).toBe('Complete: every account is chosen.');
  });

  it('speaks French from the browser language, offers close supplier candidates, switches to English, and fits a 375-pixel phone', async () => {
    const b = await borrower('Boulangerie du Port SARL');
    const { page } = await open(`#token=${b.token}`, { locale: 'fr-FR', viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    await page.getByRole('heading', { name: 'Paramètres comptables' }).waitFor();
    await waitForText(page, /État Connecté/);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    // The sections load on their own: wait for each one's content.
    await waitForText(page, /Reste à choisir : Compte du prêteur Votre compte bancaire qui reçoit les avances Compte de charges pour les frais Le prêteur comme fournisseur/);
    await waitForText(page, /Aucune écriture pour le moment\./);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'phone-fr');

    // Two suppliers too close to call: the candidates, with their scores, to choose from.
    for (const supplierName of ['Zenith Receivables Ltd', 'Zenith Receivables Limited']) await codatPush(t, b, 'suppliers', { supplierName, status: 'Active' });
    const supplier = card(page, 'Le prêteur comme fournisseur');
    await supplier.getByLabel(/^Nom du prêteur comme fournisseur/).fill('Zenith Receivables');
    await supplier.getByRole('button', { name: 'Trouver le prêteur parmi vos fournisseurs' }).click();
    const candidates = supplier.getByRole('group', { name: 'Plusieurs fournisseurs sont proches. Choisissez le prêteur :' });
    await candidates.waitFor();
    expect((await candidates.innerText()).replace(/\s+/g, ' ')).toMatch(/Zenith Receivables (Ltd|Limited) \(similarité \d+ %\) Zenith Receivables (Ltd|Limited) \(similarité \d+ %\)/);
    await candidates.getByLabel(/^Zenith Receivables Limited/).check();
    await supplier.getByRole('button', { name: 'Utiliser ce fournisseur' }).click();
    await eventually(async () => /Actuellement : Zenith Receivables Limited/.test(await supplier.innerText()), WAIT_MS, 'the chosen candidate to be mapped');

    await page.getByLabel('Langue').selectOption('en');
    await page.getByRole('heading', { name: 'Accounting settings' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await waitForText(page, /Still to choose:/);
    await screenshot(page, 'phone-en');
  });

  it('shows the mapped borrower in French on a desktop, its writes included', async () => {
    const { page } = await open(`#token=${mapped.token}`, { locale: 'fr-FR' });
    await waitForText(page, /Complet : tous les comptes sont choisis\./);
    await waitForText(page, /Avance adv-1 1000,00 GBP Réussie Virement/);
    expect(await text(page)).toMatch(/Frais fee-1 25,00 GBP Réussie Dépense/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'desktop-fr');
  });

  it('shows in a frame on the sites SETTINGS_FRAME_ANCESTORS names, and on no other', async () => {
    let src = '';
    const lenderSite = http.createServer((_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><html lang="en"><title>Lender</title><iframe title="Accounting settings" width="1000" height="800" src="${src}"></iframe></html>`);
    });
    await new Promise<void>((resolve) => lenderSite.listen(0, '127.0.0.1', resolve));
    // The lender's site is on another origin than the gateway (localhost, not 127.0.0.1).
    const site = `http://localhost:${(lenderSite.address() as AddressInfo).port}`;
    const framed = await startTestGateway({ skipDemo: true, env: { SETTINGS_FRAME_ANCESTORS: site } });
    try {
      const allowed = await newBorrower(framed, 'Framed Borrower Ltd');
      suite.keepSecret(allowed.token);
      src = `http://127.0.0.1:${framed.gw.port}/settings#token=${allowed.token}`;
      const w = await openPage(suite.browser);
      await w.page.goto(site);
      const frame = w.page.frameLocator('iframe');
      await frame.getByRole('heading', { name: 'Accounting settings' }).waitFor();
      await frame.getByText('Framed Borrower Ltd').waitFor();
      expect(w.consoleErrors).toEqual([]);
      await w.close();

      src = `${base}/settings#token=${mapped.token}`;
      const refused = await openPage(suite.browser);
      const frameAnswered = refused.page.waitForResponse((r) => r.url().startsWith(`${base}/settings`));
      await refused.page.goto(site);
      expect((await frameAnswered).headers()['content-security-policy']).toMatch(/frame-ancestors 'none'$/);
      await refused.page.waitForTimeout(1000);
      expect(await refused.page.frameLocator('iframe').getByRole('heading', { name: 'Accounting settings' }).count()).toBe(0);
      expect(refused.consoleErrors.join('\n')).toMatch(/frame-ancestors 'none'/);
      for (const token of tokens) expect(refused.requestUrls.filter((u) => u.includes(token))).toEqual([]);
      await refused.close();
    } finally {
      lenderSite.close();
      await framed.close();
    }
  });

  it('says plainly when the link has no token, an expired one, or one for another company, and shows no data', async () => {
    const other = await borrower('Other Borrower Ltd');
    const signingKey = createHash('sha256').update(`company-token:${SECRET_KEY}`).digest();
    const expired = jwt.sign({ scope: 'company', exp: Math.floor(Date.now() / 1000) - 60 }, signingKey, { algorithm: 'HS256', subject: mapped.id, audience: 'writeback-gateway' });
    suite.keepSecret(expired);
    const cases: [string, RegExp][] = [
      ['', /This page opens from a link your lender gives you\./],
      ['#token=not-a-token', /This access link is not valid\./],
      [`#token=${expired}`, /Your access link has expired\./],
      [`#company=${mapped.id}&token=${other.token}`, /This access link is for another company\./],
    ];
    for (const [fragment, message] of cases) {
      const { page } = await open(fragment);
      await page.getByRole('heading', { name: 'This page cannot open' }).waitFor();
      const body = await text(page);
      expect(body).toMatch(message);
      for (const data of ['Brick Lane Bakery Ltd', 'Other Borrower Ltd', 'Connection', 'Activity', 'Acme']) expect(body).not.toContain(data);
      expect(new URL(page.url()).hash).toBe('');
    }
  });
});
