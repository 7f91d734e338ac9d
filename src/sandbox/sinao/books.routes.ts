import { Router, type Request } from 'express';
import { listAnswer } from './list-query';
import { appOf } from './sinao-auth';
import { SinaoError } from './sinao-error';
import { boolField, idParam, inputOf, sinaoDateTime, stringField } from './sinao-input';
import type { SinaoSandboxStore } from './sinao-sandbox.store';
import type { AccountRecord, OrganizationRecord } from './sinao-sandbox.types';
import { accountView, invoiceView, organizationView } from './representations';
import type { Edge } from '../kit';

/**
 * The chart of accounts (`/apps/{appId}/accounts/`), contact organisations
 * (`/apps/{appId}/organizations`) and sales invoices (`/apps/{appId}/invoices`), at the
 * specification's paths. Invoices are read-only here: the seeded ones are what the gateway reads.
 */
export function booksRoutes(store: SinaoSandboxStore, edge: Edge): Router {
  const router = Router({ strict: true });
  const books = (req: Request) => appOf(store, req).books;

  router.get('/apps/:appId/accounts/', edge.route((req) => (
    listAnswer(books(req).accounts.map(accountView), inputOf(req), ['accounting_number', 'name', 'keywords'], store.settings)
  )));

  router.post('/apps/:appId/accounts/', edge.route((req) => {
    const b = books(req);
    const input = inputOf(req);
    const accountingNumber = stringField(input, 'accounting_number', { required: true })!.trim();
    // The plan comptable général numbers accounts with digits, the first giving the class.
    if (!/^[1-8]\d{1,9}$/.test(accountingNumber)) throw SinaoError.invalid('The accounting number format is invalid.');
    if (b.accounts.some((a) => a.accounting_number === accountingNumber)) throw SinaoError.invalid('The accounting number has already been taken.');
    const account: AccountRecord = {
      id: store.nextId('account'),
      accounting_number: accountingNumber,
      name: stringField(input, 'name', { required: true })!,
      description: stringField(input, 'description') ?? null,
      journalcode: stringField(input, 'journalcode') ?? null,
      keywords: stringField(input, 'keywords') ?? null,
      is_cashflow: boolField(input, 'is_cashflow') ?? false,
      is_sales: boolField(input, 'is_sales') ?? false,
      is_purchase: boolField(input, 'is_purchase') ?? false,
      is_associate: false,
      is_various: false,
      editable: true,
    };
    b.accounts.push(account);
    return { status: 200, body: accountView(account) };
  }));

  router.get('/apps/:appId/accounts/:id', edge.route((req) => {
    const id = idParam(req);
    const account = books(req).accounts.find((a) => a.id === id);
    if (!account) throw SinaoError.notFound('Account', id);
    return { status: 200, body: accountView(account) };
  }));

  router.get('/apps/:appId/organizations', edge.route((req) => (
    listAnswer(books(req).organizations.map(organizationView), inputOf(req), ['name', 'billing_name', 'national_id'], store.settings)
  )));

  router.post('/apps/:appId/organizations', edge.route((req) => {
    const b = books(req);
    const input = inputOf(req);
    const name = stringField(input, 'name', { required: true, min: 2 })!.trim();
    if (!/[\p{L}0-9]/u.test(name)) throw SinaoError.invalid('The name format is invalid.');
    const org: OrganizationRecord = {
      id: store.nextId('organization'),
      name,
      billing_name: stringField(input, 'billing_name') ?? null,
      legal_form: stringField(input, 'legal_form') ?? null,
      country_iso2: stringField(input, 'country_iso2') ?? 'FR',
      national_id: stringField(input, 'national_id') ?? null,
      vat_id: stringField(input, 'vat_id') ?? null,
      created_at: sinaoDateTime(),
    };
    b.organizations.push(org);
    return { status: 200, body: organizationView(org) };
  }));

  router.get('/apps/:appId/organizations/:id', edge.route((req) => {
    const id = idParam(req);
    const org = books(req).organizations.find((o) => o.id === id);
    if (!org) throw SinaoError.notFound('Organization', id);
    return { status: 200, body: organizationView(org) };
  }));

  router.get('/apps/:appId/invoices', edge.route((req) => {
    const b = books(req);
    return listAnswer(b.invoices.map((i) => invoiceView(b, i)), inputOf(req), ['number', 'title', 'customer.name'], store.settings);
  }));

  router.get('/apps/:appId/invoices/:id', edge.route((req) => {
    const b = books(req);
    const id = idParam(req);
    const invoice = b.invoices.find((i) => i.id === id);
    if (!invoice) throw SinaoError.notFound('Invoice', id);
    return { status: 200, body: invoiceView(b, invoice) };
  }));

  return router;
}
