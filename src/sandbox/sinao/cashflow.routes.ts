import { Router, type Request } from 'express';
import { linksOf, reconciledAmount, settleDocuments } from './books-ledger';
import { listAnswer } from './list-query';
import { applyRules } from './reconcile.rules';
import { appOf } from './sinao-auth';
import { SinaoError } from './sinao-error';
import { dateTimeField, enumField, has, idParam, inputOf, intField, sinaoDateTime, stringField, type Input } from './sinao-input';
import type { SinaoSandboxStore } from './sinao-sandbox.store';
import { ACCOUNT_TYPES, TRANSACTION_METHODS, type Books, type CashflowSourceRecord, type TransactionRecord } from './sinao-sandbox.types';
import { cashflowSourceView, transactionView } from './representations';
import type { Edge } from '../kit';

const SOURCE_TYPES = ['bank', 'cashdesk', 'waiting'] as const;

/**
 * Cash-flow sources and their transactions, at the specification's paths (collections with a
 * trailing slash): `/apps/{appId}/cashflowsources/`, `/apps/{appId}/cashflowsources/{id}`,
 * `/apps/{appId}/transactions/`, `/apps/{appId}/transactions/{id}`.
 */
export function cashflowRoutes(store: SinaoSandboxStore, edge: Edge): Router {
  const router = Router({ strict: true });
  const books = (req: Request) => appOf(store, req).books;

  router.get('/apps/:appId/cashflowsources/', edge.route((req) => {
    const b = books(req);
    return listAnswer(b.cashflowSources.map((s) => cashflowSourceView(b, s)), inputOf(req), ['name', 'identifiant'], store.settings);
  }));

  router.post('/apps/:appId/cashflowsources/', edge.route((req) => {
    const b = books(req);
    const input = inputOf(req);
    const now = sinaoDateTime();
    const source: CashflowSourceRecord = {
      id: 0,
      name: stringField(input, 'name', { required: true })!,
      identifiant: stringField(input, 'identifiant') ?? null,
      type: enumField(input, 'type', SOURCE_TYPES) ?? 'bank',
      account_type: enumField(input, 'account_type', ACCOUNT_TYPES) ?? 'checking',
      opening_amount: intField(input, 'balance_amount') ?? 0,
      status: 'active',
      disabled: 0,
      parent_cashflow_source_id: parentSource(b, input),
      created_at: now,
      updated_at: now,
    };
    source.id = store.nextId('cashflow_source');
    b.cashflowSources.push(source);
    return { status: 200, body: cashflowSourceView(b, source) };
  }));

  router.get('/apps/:appId/cashflowsources/:id', edge.route((req) => {
    const b = books(req);
    return { status: 200, body: cashflowSourceView(b, sourceById(b, idParam(req))) };
  }));

  router.post('/apps/:appId/cashflowsources/:id', edge.route((req) => {
    const b = books(req);
    const source = sourceById(b, idParam(req));
    const input = inputOf(req);
    const balance = intField(input, 'balance_amount');
    Object.assign(source, definedOnly({
      name: stringField(input, 'name'),
      identifiant: stringField(input, 'identifiant'),
      type: enumField(input, 'type', SOURCE_TYPES),
      account_type: enumField(input, 'account_type', ACCOUNT_TYPES),
      parent_cashflow_source_id: has(input, 'parent_cashflow_source_id') ? parentSource(b, input) : undefined,
      // The balance sent is the balance now; the opening balance follows from it.
      opening_amount: balance === undefined ? undefined : balance - (cashflowSourceView(b, source).balance_amount as number - source.opening_amount),
      updated_at: sinaoDateTime(),
    }));
    return { status: 200, body: cashflowSourceView(b, source) };
  }));

  router.get('/apps/:appId/transactions/', edge.route((req) => {
    const b = books(req);
    const live = b.transactions.filter((t) => t.deleted_at === null);
    return listAnswer(live.map((t) => transactionView(b, t)), inputOf(req), ['label', 'details', 'contact.name'], store.settings);
  }));

  router.post('/apps/:appId/transactions/', edge.route((req) => {
    const b = books(req);
    const input = inputOf(req);
    const now = sinaoDateTime();
    const sourceId = intField(input, 'cashflow_source_id', { required: true })!;
    const amount = intField(input, 'amount', { required: true })!;
    const receivedAt = dateTimeField(input, 'received_at', { required: true })!;
    if (!b.cashflowSources.some((s) => s.id === sourceId)) throw SinaoError.invalid('The selected cashflow_source_id is invalid.');
    const accountId = intField(input, 'account_id');
    if (accountId !== undefined && !b.accounts.some((a) => a.id === accountId)) throw SinaoError.invalid('The selected account_id is invalid.');
    const tx: TransactionRecord = {
      id: 0,
      cashflow_source_id: sourceId,
      amount,
      received_at: receivedAt,
      label: stringField(input, 'label') ?? null,
      details: stringField(input, 'details') ?? null,
      method: enumField(input, 'method', TRANSACTION_METHODS) ?? null,
      contact_organization_id: contactOrganization(b, input) ?? null,
      contact_person_id: intField(input, 'contact_person_id') ?? null,
      contact_name: stringField(input, 'contact_name') ?? null,
      created_at: now,
      updated_at: now,
      deleted_at: null,
    };
    tx.id = store.nextId('transaction');
    b.transactions.push(tx);
    if (accountId !== undefined && amount !== 0) {
      b.links.push({ id: store.nextId('payment'), parent: { type: 'transaction', id: tx.id }, child: { type: 'account', id: accountId }, amount: Math.abs(amount), date: receivedAt, rule_id: null, created_at: now });
    } else {
      applyRules(b, tx, transactionView(b, tx), (kind) => store.nextId(kind));
    }
    return { status: 200, body: transactionView(b, tx) };
  }));

  router.get('/apps/:appId/transactions/:id', edge.route((req) => {
    const b = books(req);
    return { status: 200, body: transactionView(b, transactionById(b, idParam(req))) };
  }));

  router.post('/apps/:appId/transactions/:id', edge.route((req) => {
    const b = books(req);
    const tx = transactionById(b, idParam(req));
    const input = inputOf(req);
    const amount = intField(input, 'amount');
    const sourceId = intField(input, 'cashflow_source_id');
    if (sourceId !== undefined && !b.cashflowSources.some((s) => s.id === sourceId)) throw SinaoError.invalid('The selected cashflow_source_id is invalid.');
    if (amount !== undefined && Math.abs(amount) < reconciledAmount(b.links, 'transaction', tx.id)) {
      throw SinaoError.invalid(`Transaction ${tx.id} is reconciled for more than ${Math.abs(amount)} cents; remove its reconciliations first.`);
    }
    Object.assign(tx, definedOnly({
      amount,
      cashflow_source_id: sourceId,
      received_at: dateTimeField(input, 'received_at'),
      label: stringField(input, 'label'),
      details: stringField(input, 'details'),
      method: enumField(input, 'method', TRANSACTION_METHODS),
      contact_organization_id: contactOrganization(b, input),
      contact_person_id: intField(input, 'contact_person_id'),
      contact_name: stringField(input, 'contact_name'),
      updated_at: sinaoDateTime(),
    }));
    return { status: 200, body: transactionView(b, tx) };
  }));

  router.delete('/apps/:appId/transactions/:id', edge.route((req) => {
    const b = books(req);
    const tx = transactionById(b, idParam(req));
    // Its payments and categorisations go with it, so the documents it paid are open again.
    const gone = new Set(linksOf(b.links, 'transaction', tx.id));
    b.links = b.links.filter((link) => !gone.has(link));
    tx.deleted_at = sinaoDateTime();
    settleDocuments(b);
    return { status: 200, body: { code: 200, message: 'Transaction deleted', type: 'success' } };
  }));

  return router;
}

function sourceById(books: Books, id: number): CashflowSourceRecord {
  const source = books.cashflowSources.find((s) => s.id === id);
  if (!source) throw SinaoError.notFound('CashflowSource', id);
  return source;
}

function transactionById(books: Books, id: number): TransactionRecord {
  const tx = books.transactions.find((t) => t.id === id && t.deleted_at === null);
  if (!tx) throw SinaoError.notFound('Transaction', id);
  return tx;
}

function parentSource(books: Books, input: Input): number | null {
  const id = intField(input, 'parent_cashflow_source_id');
  if (id === undefined) return null;
  if (!books.cashflowSources.some((s) => s.id === id)) throw SinaoError.invalid('The selected parent_cashflow_source_id is invalid.');
  return id;
}

function contactOrganization(books: Books, input: Input): number | undefined {
  const id = intField(input, 'contact_organization_id');
  if (id !== undefined && !books.organizations.some((o) => o.id === id)) throw SinaoError.invalid('The selected contact_organization_id is invalid.');
  return id;
}

function definedOnly<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<T>;
}
