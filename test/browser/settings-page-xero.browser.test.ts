import type { Page } from 'playwright-core';
import type { XeroProviderSandbox } from '../../src/providers/xero/xero.sandbox';
import { CreateLenderBankAccountDocument, IssueCompanyTokenDocument, RecordFeeDocument, WritebackOperationDocument } from '../generated/graphql';
import { daysAgo, eventually } from '../helpers/fixtures';
import { ok } from '../helpers/test-gateway';
import { connectionOf, connectXero, mapXeroBorrower, registerXeroBorrower } from '../providers/xero-borrower';
import { axeViolations, describeInBrowser, screenshot } from './browser-kit';
import { card, useSettingsPageSuite, WAIT_MS, waitForText } from './settings-page.kit';

// Generous: a browser and a gateway share the machine with whatever else runs on it.
jest.setTimeout(400_000);

const BAKERY = 'Brick Lane Bakery Ltd';

describeInBrowser('the settings page of a borrower who connects their Xero themselves, in Chromium', () => {
  const suite = useSettingsPageSuite();
  const connectionRegion = (page: Page) => page.getByRole('region', { name: 'Connection' });
  /** The borrower the first test connects, reused by the second. */
  let borrower: { id: string; token: string };

  /** Presses the page's Connect or Reconnect button and allows access in the window Xero's consent page opens in, ticking the bakery. */
  async function authoriseInPopup(page: Page, button: 'Connect' | 'Reconnect'): Promise<string> {
    const [popup] = await Promise.all([page.waitForEvent('popup'), connectionRegion(page).getByRole('button', { name: button, exact: true }).click()]);
    await popup.getByRole('heading', { name: /wants to access your Xero data/ }).waitFor({ timeout: WAIT_MS });
    // The consent page lists the organisations, none ticked: the borrower picks theirs.
    await popup.getByLabel(BAKERY).check();
    await popup.getByRole('button', { name: 'Allow access' }).click();
    await popup.getByRole('heading', { name: 'Xero is connected' }).waitFor({ timeout: WAIT_MS });
    const said = await popup.locator('body').innerText();
    await popup.close();
    return said;
  }

  it('connects, disconnects and reconnects through Xero, showing the organisation the borrower chose', async () => {
    const t = suite.t;
    const companyId = await registerXeroBorrower(t.gql.bind(t), 'Brick Lane Bakery');
    const { token } = ok(await t.gql(IssueCompanyTokenDocument, { companyId, ttlSeconds: 3600 })).issueCompanyToken;
    suite.keepSecret(token);
    borrower = { id: companyId, token };
    const { page } = await suite.open(`#token=${token}`);

    // Registered by the lender, waiting for the borrower: Connect, no disabled Reconnect, no Disconnect.
    await waitForText(page, /Status Waiting for your authorisation/);
    const region = connectionRegion(page);
    expect(await region.innerText()).toMatch(/Accounting software\s+Xero/);
    expect(await region.innerText()).toMatch(/Xero has not yet been authorised to let your lender write to your books/);
    expect(await region.getByRole('button', { name: 'Reconnect' }).count()).toBe(0);
    expect(await region.getByRole('button', { name: 'Disconnect' }).count()).toBe(0);
    expect(await region.innerText()).not.toMatch(/is done by your lender/);
    expect(await axeViolations(page)).toEqual([]);

    // Connect: Xero's consent in a new window; back on the page, the organisation chosen and CONNECTED.
    expect(await authoriseInPopup(page, 'Connect')).toContain(`is connected to the Xero organisation ${BAKERY}`);
    await waitForText(page, /Status Connected/);
    expect(await region.innerText()).toMatch(new RegExp(`Organisation\\s+${BAKERY}`));
    expect(await connectionOf(t.gql.bind(t), companyId)).toMatchObject({ status: 'CONNECTED', tenantName: BAKERY });
    // The books are read once connected: the mapping offers the organisation's bank accounts.
    await waitForText(page, /Choose an existing one/);
    expect(await region.getByRole('button', { name: 'Connect', exact: true }).count()).toBe(0);
    await screenshot(page, 'xero-connected-en');

    // Disconnect asks first; cancelling changes nothing.
    await region.getByRole('button', { name: 'Disconnect' }).click();
    const question = region.locator('#disconnect-question');
    expect(await question.innerText()).toBe("End the connection to Xero? Your lender's writes will wait until you connect again; nothing already in your books changes.");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('disconnect-question');
    await region.getByRole('button', { name: 'Cancel' }).click();
    expect(await question.count()).toBe(0);
    expect((await connectionOf(t.gql.bind(t), companyId)).status).toBe('CONNECTED');

    await region.getByRole('button', { name: 'Disconnect' }).click();
    await region.getByRole('button', { name: 'Yes, disconnect' }).click();
    await waitForText(page, /Status Disconnected/);
    expect(await region.innerText()).toMatch(/The connection to Xero was ended\. Nothing can be written to your books until it is connected again\./);
    expect((await connectionOf(t.gql.bind(t), companyId)).status).toBe('DISCONNECTED');
    // Xero no longer lists the gateway's connection to the organisation.
    const store = (t.gw.sandboxes.get('XERO') as XeroProviderSandbox).store;
    expect(store.allConnections().filter((c) => c.tenantName === BAKERY && c.active)).toEqual([]);

    // Connecting again, through the same consent.
    await authoriseInPopup(page, 'Connect');
    await waitForText(page, /Status Connected/);
    expect(await region.innerText()).toMatch(new RegExp(`Organisation\\s+${BAKERY}`));
    expect(await connectionOf(t.gql.bind(t), companyId)).toMatchObject({ status: 'CONNECTED', tenantName: BAKERY });
  });

  it('offers Reconnect when Xero stops accepting the gateway, and the borrower reconnects in French', async () => {
    const t = suite.t;
    const { id: xeroCompany, token } = borrower;

    // The borrower removes the app from their organisation at Xero.
    const store = (t.gw.sandboxes.get('XERO') as XeroProviderSandbox).store;
    for (const c of store.allConnections().filter((x) => x.tenantName === BAKERY && x.active)) store.disconnect(c.id);

    const { page } = await suite.open(`#token=${token}`, { locale: 'fr-FR' });
    await waitForText(page, /État Reconnexion nécessaire/);
    const region = page.getByRole('region', { name: 'Connexion' });
    expect(await region.getByRole('button', { name: 'Reconnecter', exact: true }).isEnabled()).toBe(true);
    expect(await region.getByRole('button', { name: 'Déconnecter' }).count()).toBe(1);
    await screenshot(page, 'xero-reconnect-fr');

    const [popup] = await Promise.all([page.waitForEvent('popup'), region.getByRole('button', { name: 'Reconnecter', exact: true }).click()]);
    await popup.getByLabel(BAKERY).check();
    await popup.getByRole('button', { name: 'Allow access' }).click();
    await popup.getByRole('heading', { name: 'Xero is connected' }).waitFor({ timeout: WAIT_MS });
    await popup.close();
    await waitForText(page, /État Connecté/);
    expect(await region.innerText()).toMatch(new RegExp(`Organisation\\s+${BAKERY}`));
    await eventually(async () => (await connectionOf(t.gql.bind(t), xeroCompany)).status === 'CONNECTED', WAIT_MS, 'the company to be connected');
    expect(await axeViolations(page)).toEqual([]);
  });
});

describeInBrowser("the settings page of a Xero borrower whose lender account is a bank feed (XERO_STATEMENT_LINES=feed), in Chromium", () => {
  const suite = useSettingsPageSuite({ XERO_STATEMENT_LINES: 'feed' });
  const sandbox = () => suite.t.gw.sandboxes.get('XERO') as XeroProviderSandbox;
  const fault = async (spec: Record<string, unknown>) => expect((await suite.t.http.post('/sandbox/xero/_sandbox/faults').send(spec)).status).toBeLessThan(300);
  const failed = (id: string) =>
    eventually(async () => {
      const op = ok(await suite.t.gql(WritebackOperationDocument, { id })).writebackOperation;
      return op.status === 'FAILED' && op;
    }, WAIT_MS, 'the write to fail');

  /** A borrower connected through Xero's consent and mapped, its lender account created as a feed; `beforeMapping` queues faults. */
  async function feedBorrower(name: string, beforeMapping?: () => Promise<void>) {
    const t = suite.t;
    const gql = t.gql.bind(t);
    const { tenantId } = sandbox().store.addOrganisation({ name });
    const companyId = await registerXeroBorrower(gql, name);
    expect((await connectXero(gql, companyId, [name])).status).toBe(200);
    await beforeMapping?.();
    await mapXeroBorrower(gql, companyId);
    const { token } = ok(await t.gql(IssueCompanyTokenDocument, { companyId, ttlSeconds: 3600 })).issueCompanyToken;
    suite.keepSecret(token);
    return { companyId, tenantId, token };
  }

  it("shows the feed connected, and a set-up write Xero refused without a Retry that cannot succeed, next to a refused fee's Retry", async () => {
    const t = suite.t;
    const b = await feedBorrower('Feed Street Deli Ltd');

    // Xero refuses a second lender account as invalid: the write ends FAILED with Xero's words.
    await fault({ fault: 'VALIDATION_ERROR', message: 'Bank account number is not valid for this sort code', match: { method: 'PUT', pathIncludes: '/Accounts', companyId: b.tenantId } });
    const refused = await t.gql(CreateLenderBankAccountDocument, { companyId: b.companyId, input: { name: 'Second Lender', currency: 'GBP', sortCode: '404784', accountNumber: '11111111' } });
    expect(refused.errors?.[0].extensions?.code).toBe('PROVIDER_REJECTED');
    const setUp = await failed(refused.errors![0].extensions!.operationId as string);
    // A fee Xero refuses the same way: retrying it can succeed once the books are put right.
    await fault({ fault: 'VALIDATION_ERROR', message: 'The contact is archived', match: { method: 'PUT', pathIncludes: '/BankTransactions', companyId: b.tenantId } });
    const fee = ok(await t.gql(RecordFeeDocument, { companyId: b.companyId, input: { externalId: 'fee-refused', amount: '12.50', currency: 'GBP', date: daysAgo(1), reference: 'fee-refused', description: null } })).recordFee;
    const spend = await failed(fee.operations.find((o) => o.kind === 'SPEND_MONEY')!.id);
    expect(spend.lastError).toContain('The contact is archived');

    const { page } = await suite.open(`#token=${b.token}`);
    const lender = card(page, "Lender's account");
    await eventually(async () => /Bank feed: connected/.test(await lender.innerText()), WAIT_MS, 'the feed status');
    expect(await lender.innerText()).toMatch(/This account's statement lines arrive in your software through a bank feed/);
    expect(await lender.locator('.bank-feed .provider-message').count()).toBe(0);

    const setUpItem = page.locator(`[data-operation-id="${setUp.id}"]`);
    await eventually(async () => (await setUpItem.count()) > 0 && /Failed/.test(await setUpItem.innerText()), WAIT_MS, 'the refused set-up write on the page');
    expect(await setUpItem.locator('.provider-message .message-text').textContent()).toBe(setUp.lastError);
    expect(setUp.lastError).toContain('Bank account number is not valid for this sort code');
    expect(await setUpItem.innerText()).toMatch(/Your software refused these details, so trying again would be refused too/);
    expect(await setUpItem.getByRole('button', { name: /^Retry/ }).count()).toBe(0);

    const feeItem = page.locator(`[data-operation-id="${spend.id}"]`);
    await eventually(async () => (await feeItem.count()) > 0 && /Failed/.test(await feeItem.innerText()), WAIT_MS, 'the refused fee on the page');
    await feeItem.getByRole('button', { name: /^Retry: Fee fee-refused/ }).click();
    await eventually(async () => /Succeeded/.test(await feeItem.innerText()), WAIT_MS, 'the retried fee to succeed');

    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'xero-bank-feed-en');
  });

  it("shows Xero's reason, word for word, when Xero refused the feed, in French", async () => {
    const b = await feedBorrower('Feed Refused Pottery Ltd', () => fault({ fault: 'REJECT_FEED_CONNECTION', message: 'No feeds for this account type' }));
    const { page } = await suite.open(`#token=${b.token}`, { locale: 'fr-FR' });
    const lender = card(page, 'Compte du prêteur');
    await eventually(async () => /Flux bancaire : refusé par votre logiciel/.test(await lender.innerText()), WAIT_MS, 'the refused feed');
    expect(await lender.locator('.bank-feed .provider-message .message-text').textContent()).toBe('No feeds for this account type');
    expect(await lender.innerText()).toMatch(/Aucune ligne de relevé n'arrive pour ce compte/);
    expect(await axeViolations(page)).toEqual([]);
  });
});
