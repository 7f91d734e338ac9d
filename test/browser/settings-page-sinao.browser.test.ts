import { AutoReconcileSettingDocument, RecordDisbursementDocument, RecordFeeDocument, WritebackOperationDocument, WritebackOperationsDocument } from '../generated/graphql';
import { daysAgo, eventually, newSinaoBorrower, sinaoBooks, sinaoSandboxOf } from '../helpers/fixtures';
import { ok } from '../helpers/test-gateway';
import { axeViolations, describeInBrowser, screenshot } from './browser-kit';
import { card, statuses, text, useSettingsPageSuite, WAIT_MS, waitForMapped, waitForText } from './settings-page.kit';

// Generous: a browser and a gateway share the machine with whatever else runs on it.
jest.setTimeout(400_000);

describeInBrowser("the settings page of a borrower whose books are in Sinao, in Chromium", () => {
  const suite = useSettingsPageSuite();
  const borrower = async (name: string) => {
    const b = await newSinaoBorrower(suite.t, name);
    suite.keepSecret(b.token);
    return b;
  };
  /** The borrower the first test maps, reused by the later ones. */
  let mapped: Awaited<ReturnType<typeof newSinaoBorrower>>;

  it('takes a Sinao borrower from an empty mapping to a complete one, switches write-back on and shows the writes succeed', async () => {
    const t = suite.t;
    mapped = await borrower('Boulangerie Durand SARL');
    const { page } = await suite.open(`#token=${mapped.token}`);
    await page.getByRole('heading', { name: 'Accounting settings' }).waitFor();

    // Connection: the software, the organisation Sinao names, and why there is no reconnect button.
    await waitForText(page, /Status Connected/);
    const connection = await page.getByRole('region', { name: 'Connection' }).innerText();
    expect(connection).toMatch(/Accounting software\s+Sinao/);
    expect(connection).toMatch(/Organisation\s+Boulangerie Durand SARL/);
    expect(mapped.tenantName).toBe('Boulangerie Durand SARL');
    expect(connection).toMatch(/Last check\s+\d/);
    expect(await page.getByRole('button', { name: 'Reconnect' }).isDisabled()).toBe(true);
    expect(connection).toMatch(/Reconnecting to Sinao is done by your lender, who registers the access to your books again/);

    const completeness = page.locator('#mapping-completeness');
    expect(await completeness.innerText()).toMatch(
      /Still to choose:\s*Lender's account\s*Your bank account receiving advances\s*Expense account for fees\s*Lender as a supplier\s*Internal transfer account/,
    );

    // The lender's account with what Sinao asks for: a name and a currency, the IBAN optional; no UK details.
    const lender = card(page, "Lender's account");
    expect(await lender.getByLabel('Currency').inputValue()).toBe('EUR');
    expect(await lender.getByLabel(/^Sort code/).count()).toBe(0);
    expect(await lender.getByLabel(/^IBAN/).getAttribute('required')).toBeNull();
    await lender.getByLabel('Account name').fill('Acme Invoice Finance');
    await lender.getByRole('button', { name: /^Create and use it/ }).click();
    await waitForMapped(page, "Lender's account", /Currently: Acme Invoice Finance/);

    // The designated account, picked from the books.
    const designated = card(page, 'Your bank account receiving advances');
    await designated.getByLabel(/^Choose an existing one/).selectOption({ label: 'Compte courant Crédit Maritime (EUR)' });
    await designated.getByRole('button', { name: /^Use this account/ }).click();
    await waitForMapped(page, 'Your bank account receiving advances', /Currently: Compte courant Crédit Maritime/);

    // A new expense account: the hint follows the French chart, and a code outside class 6 is refused with the reason.
    const expense = card(page, 'Expense account for fees');
    expect(await expense.innerText()).toMatch(/For example: 6\d{5}/);
    await expense.getByLabel('Account name').fill("Frais d'affacturage");
    await expense.getByLabel('Account code').fill('4790');
    await expense.getByRole('button', { name: /^Create and use it/ }).click();
    await eventually(async () => /4790 is not an expense account number of the French chart/.test(await expense.innerText()), WAIT_MS, 'the refused code');
    await expense.getByLabel('Account code').fill('627100');
    await expense.getByRole('button', { name: /^Create and use it/ }).click();
    await waitForMapped(page, 'Expense account for fees', /Currently: Frais d'affacturage/);

    // The lender found among the suppliers by fuzzy match, with its score, and accepted.
    const supplier = card(page, 'Lender as a supplier');
    await supplier.getByRole('button', { name: 'Find the lender among your suppliers' }).click();
    const found = supplier.locator('.found');
    await found.waitFor();
    const [, foundName] = /Found "([^"]+)" \(name similarity \d+ %\)/.exec(await found.innerText())!;
    expect(foundName).toBe('ACME INVOICE FINANCE');
    await supplier.getByRole('button', { name: 'Use this supplier' }).click();
    await eventually(async () => (await supplier.innerText()).includes(`Currently: ${foundName}`), WAIT_MS, 'the supplier to be mapped');

    // The internal-transfer account, created in place. Sinao's refusals show next to the number, in
    // the API's words: a number outside class 58, then the number of the account the chart already has.
    const transfer = card(page, 'Internal transfer account');
    expect(await transfer.innerText()).toMatch(/For example: 581000/);
    const transferCode = transfer.getByLabel('Account code');
    const codeError = async () => ((await transferCode.getAttribute('aria-invalid')) === 'true' ? transfer.locator(`#${await transferCode.getAttribute('id')}-error`).innerText() : '');
    await transfer.getByLabel('Account name').fill('Virements internes - financement');
    await transferCode.fill('471000');
    await transfer.getByRole('button', { name: /^Create and use it/ }).click();
    expect(await eventually(codeError, WAIT_MS, 'the refused class')).toBe('Sinao: 471000 is not an internal-transfer account number of the French chart (class 58, e.g. 581000)');
    await transferCode.fill('580000');
    await transfer.getByRole('button', { name: /^Create and use it/ }).click();
    expect(await eventually(async () => /already has/.test(await codeError()) && codeError(), WAIT_MS, 'the clash')).toMatch(
      /^The chart of accounts already has 580000 "Virements internes" \(id \S+\); choose another nominalCode or pick that account$/,
    );
    expect(await transfer.getByRole('button', { name: /^Use the existing account instead/ }).count()).toBe(1);
    await transferCode.fill('581000');
    await transfer.getByRole('button', { name: /^Create and use it/ }).click();
    await waitForMapped(page, 'Internal transfer account', /Currently: Virements internes - financement/);

    await eventually(async () => (await completeness.innerText()).includes('Complete: every account is chosen.'), WAIT_MS, 'the mapping to be complete');

    // The automatic categorisation of the borrower's bank lines: on by default with Sinao; switched off and on again.
    const rule = page.getByRole('switch', { name: /^Categorise my bank lines for advances and repayments automatically/ });
    const setting = async () => ok(await t.gql(AutoReconcileSettingDocument, { companyId: mapped.id })).accountMapping;
    expect(await rule.getAttribute('aria-checked')).toBe('true');
    await rule.click();
    await eventually(async () => (await rule.getAttribute('aria-checked')) === 'false', WAIT_MS, 'the rule switch off');
    expect(await page.locator('#bank-line-rule-state').innerText()).toBe('Off: you categorise those bank lines yourself.');
    expect((await setting()).autoReconcileBankLines).toBe(false);
    await rule.click();
    await eventually(async () => (await rule.getAttribute('aria-checked')) === 'true', WAIT_MS, 'the rule switch on');
    const afterToggles = await setting();
    expect(afterToggles).toMatchObject({ autoReconcileBankLines: true, isComplete: true, internalTransferAccount: { name: 'Virements internes - financement', found: true } });

    await page.locator('summary', { hasText: 'Changes' }).click();
    const history = await page.locator('.history').innerText();
    expect(history).toMatch(/Changes \(7\)/);
    expect(history).toMatch(/Internal transfer account: Virements internes - financement/);
    expect(history).toMatch(/Automatic categorisation of bank lines: On → Off/);
    expect(history).toMatch(/Automatic categorisation of bank lines: Off → On/);

    // A fee recorded while write-back is off is held; switching on releases it.
    ok(await t.gql(RecordFeeDocument, { companyId: mapped.id, input: { externalId: 'frais-1', amount: '25.00', currency: 'EUR', date: daysAgo(3), reference: 'frais-1', description: null } }));
    await waitForText(page, /1 write is held\./);
    const toggle = page.getByRole('switch', { name: 'Write to my books' });
    await toggle.click();
    await waitForText(page, /1 held write was sent\./);
    expect(await toggle.getAttribute('aria-checked')).toBe('true');

    ok(await t.gql(RecordDisbursementDocument, { companyId: mapped.id, input: { externalId: 'avance-1', amount: '800.00', currency: 'EUR', date: daysAgo(2), reference: 'avance-1', description: null, invoiceId: null } }));
    const all = ok(await t.gql(WritebackOperationsDocument, { companyId: mapped.id, status: null, first: 100, after: null })).writebackOperations.totalCount;
    // Every write succeeded but the expense account Sinao refused, which the activity lists as failed.
    await eventually(async () => {
      const shown = await statuses(page);
      return shown.length === all && shown.filter((s) => s === 'Succeeded').length === all - 1 && shown.filter((s) => s === 'Failed').length === 1;
    }, WAIT_MS, `all ${all} writes to settle`);
    const refusedSetUp = page.locator('[data-operation-id]', { hasText: 'Failed' });
    expect((await refusedSetUp.innerText()).replace(/\s+/g, ' ')).toMatch(/New expense account.*4790 is not an expense account number of the French chart/);
    expect(await text(page)).toMatch(/Advance avance-1 800\.00 EUR Succeeded Transfer/);
    expect(await text(page)).toMatch(/Fee frais-1 25\.00 EUR Succeeded Spend money/);

    // What the page set up is in the Sinao books.
    const books = await sinaoBooks(t, mapped.appId);
    const cash = books.cashflowSources.find((s: { name: string }) => s.name === 'Acme Invoice Finance');
    expect(cash).toMatchObject({ type: 'bank', account_type: 'special' });
    expect(cash.transactions.map((x: { amount: number }) => x.amount)).toEqual([-2500, -80000]);
    const transferAccount = books.accounts.find((a: { accounting_number: string }) => a.accounting_number === '581000');
    expect(transferAccount).toMatchObject({ id: Number(afterToggles.internalTransferAccount!.id), name: 'Virements internes - financement' });
    // The rule the setting asked for, categorising the advance's bank lines in the account the page created.
    expect(books.rules.filter((r: { parameter: string; value: unknown }) => r.parameter === 'account' && String(r.value) === afterToggles.internalTransferAccount!.id)).toHaveLength(1);

    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'sinao-desktop-en');
  });

  it("shows Sinao's refusal word for word, and the retry button delivers the write", async () => {
    const t = suite.t;
    const { page } = await suite.open(`#token=${mapped.token}`);
    await waitForText(page, /Status Connected/);

    // The lender supplier is deleted in Sinao: Sinao refuses a transaction naming it.
    const organizations = sinaoSandboxOf(t).store.books(mapped.appId).organizations;
    const supplierAt = organizations.findIndex((o) => o.name === 'ACME INVOICE FINANCE');
    const [lenderOrg] = organizations.splice(supplierAt, 1);
    const fee = ok(await t.gql(RecordFeeDocument, { companyId: mapped.id, input: { externalId: 'frais-2', amount: '12.50', currency: 'EUR', date: daysAgo(1), reference: 'frais-2', description: null } })).recordFee;
    const spend = fee.operations.find((o) => o.kind === 'SPEND_MONEY')!;
    const failed = await eventually(async () => {
      const op = ok(await t.gql(WritebackOperationDocument, { id: spend.id })).writebackOperation;
      return op.status === 'FAILED' && op;
    }, WAIT_MS, 'the spend money to fail');
    expect(failed.lastError).toContain('The selected contact_organization_id is invalid.');

    const item = page.locator(`[data-operation-id="${spend.id}"]`);
    await eventually(async () => (await item.count()) > 0 && /Failed/.test(await item.innerText()), WAIT_MS, 'the failure on the page');
    expect(await item.locator('.provider-message .message-text').textContent()).toBe(failed.lastError);

    // Restored in Sinao, the retry delivers it.
    organizations.splice(supplierAt, 0, lenderOrg);
    await item.getByRole('button', { name: /^Retry: Fee frais-2/ }).click();
    await eventually(async () => /Succeeded/.test(await item.innerText()), WAIT_MS, 'the retried write to succeed');
    expect(await item.getByRole('button', { name: /^Retry/ }).count()).toBe(0);
    expect(ok(await t.gql(WritebackOperationDocument, { id: spend.id })).writebackOperation.status).toBe('SUCCEEDED');
    const cash = (await sinaoBooks(t, mapped.appId)).cashflowSources.find((s: { name: string }) => s.name === 'Acme Invoice Finance');
    expect(cash.transactions.map((x: { amount: number }) => x.amount)).toEqual([-2500, -80000, -1250]);
  });

  it('speaks French to a Sinao borrower on a 375-pixel phone, with the fields Sinao asks for', async () => {
    const b = await borrower('Crêperie de la Plage SARL');
    const { page } = await suite.open(`#token=${b.token}`, { locale: 'fr-FR', viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    await page.getByRole('heading', { name: 'Paramètres comptables' }).waitFor();
    await waitForText(page, /État Connecté/);
    // Each section loads on its own: wait for the mapping's summary, the last to arrive.
    const body = await waitForText(page, /Reste à choisir :/);
    expect(body).toMatch(/Logiciel comptable Sinao/);
    expect(body).toMatch(/Organisation Crêperie de la Plage SARL/);
    expect(body).toMatch(/La reconnexion à Sinao est faite par votre prêteur/);
    expect(body).toMatch(/Reste à choisir : Compte du prêteur Votre compte bancaire qui reçoit les avances Compte de charges pour les frais Le prêteur comme fournisseur Compte de virements internes/);

    const lender = card(page, 'Compte du prêteur');
    expect(await lender.getByLabel('Devise').inputValue()).toBe('EUR');
    expect(await lender.getByLabel(/^IBAN/).count()).toBe(1);
    await lender.getByLabel('Nom du compte').fill('Acme Invoice Finance');
    await lender.getByLabel(/^IBAN/).fill('FR76 3000 6000 0112 3456 7890 189');
    await lender.getByRole('button', { name: /^Créer et l'utiliser/ }).click();
    await waitForMapped(page, 'Compte du prêteur', /Actuellement : Acme Invoice Finance/);
    const created = (await sinaoBooks(suite.t, b.appId)).cashflowSources.find((s: { name: string }) => s.name === 'Acme Invoice Finance');
    expect(created.identifiant).toBe('FR7630006000011234567890189');

    const transfer = card(page, 'Compte de virements internes');
    await transfer.getByLabel(/^Choisir un compte existant/).selectOption({ label: '580000 · Virements internes' });
    await transfer.getByRole('button', { name: /^Utiliser ce compte/ }).click();
    await waitForMapped(page, 'Compte de virements internes', /Actuellement : Virements internes/);

    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'sinao-phone-fr');
  });

  it('says a reconnection is needed, with Sinao\'s words, when the key the lender registered is deleted in Sinao', async () => {
    const b = await borrower('Atelier Vélo Breizh SARL');
    const store = sinaoSandboxOf(suite.t).store;
    for (const key of store.keysOf(b.appId)) store.deleteApiKey(b.appId, key.id);
    const { page } = await suite.open(`#token=${b.token}`);
    await waitForText(page, /Status Reconnection needed/);
    const connection = await page.getByRole('region', { name: 'Connection' }).innerText();
    expect(connection).toMatch(/Sinao no longer accepts the access your lender was given\. Nothing can be written to your books until it is connected again\./);
    expect(connection).toMatch(/Last error from your software\s+\S/);
    expect(await page.getByRole('button', { name: 'Reconnect' }).isDisabled()).toBe(true);
    expect(connection).toMatch(/Reconnecting to Sinao is done by your lender/);
    // The mapping says why it offers nothing to choose instead of loading for ever.
    await waitForText(page, /Your books cannot be read at the moment, so there is nothing to choose from here: see the connection above\./);
    expect(await page.locator('.mapping-field .loading').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'sinao-reconnect-en');
  });

  it('explains a connection ended or still awaiting authorisation, in English and in French', async () => {
    const b = await borrower('Librairie des Remparts SARL');
    // The statuses a provider with an authorisation flow reports, recorded as the gateway records them.
    await suite.t.gw.services.connections.noteStatus(b.id, 'DISCONNECTED', null);
    const en = (await suite.open(`#token=${b.token}`)).page;
    await waitForText(en, /Status Disconnected/);
    expect(await en.getByRole('region', { name: 'Connection' }).innerText()).toMatch(/The connection to Sinao was ended\. Nothing can be written to your books until it is connected again\./);
    expect(await en.getByRole('button', { name: 'Reconnect' }).isDisabled()).toBe(true);

    await suite.t.gw.services.connections.noteStatus(b.id, 'PENDING_AUTHORISATION', null);
    const fr = (await suite.open(`#token=${b.token}`, { locale: 'fr-FR' })).page;
    await waitForText(fr, /État En attente de votre autorisation/);
    expect(await fr.getByRole('region', { name: 'Connexion' }).innerText()).toMatch(/Sinao n'a pas encore été autorisé à laisser votre prêteur écrire dans votre comptabilité\. Rien ne peut être écrit d'ici là\./);
    expect(await fr.getByRole('button', { name: 'Reconnecter' }).isDisabled()).toBe(true);
    expect(await axeViolations(fr)).toEqual([]);
  });
});
