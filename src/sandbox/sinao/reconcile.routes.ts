import { Router, type Request } from 'express';
import { listAnswer } from './list-query';
import { parseReconcile, parseRule, reconcile, unreconcile } from './reconcile.rules';
import { appOf } from './sinao-auth';
import { SinaoError } from './sinao-error';
import { enumField, idParam, inputOf, intField } from './sinao-input';
import type { SinaoSandboxStore } from './sinao-sandbox.store';
import { PARENT_TYPES, type ReconciliationLink } from './sinao-sandbox.types';
import { paymentView, ruleView } from './representations';
import { settleDocuments } from './books-ledger';
import type { Edge } from '../kit';

/**
 * Reconciliation (`POST|DELETE /apps/{appId}/reconcile`), the payments it makes
 * (`/apps/{appId}/payments`) and automatic reconciliation rules (`/apps/{appId}/rules/`).
 */
export function reconcileRoutes(store: SinaoSandboxStore, edge: Edge): Router {
  const router = Router({ strict: true });
  const books = (req: Request) => appOf(store, req).books;
  const nextId = (kind: string) => store.nextId(kind);

  // The specification answers one Payment for a one-to-many call; the sandbox answers the first movement's.
  router.post('/apps/:appId/reconcile', edge.route((req) => {
    const b = books(req);
    const [first] = reconcile(b, parseReconcile(inputOf(req)), nextId);
    return { status: 200, body: paymentView(b, first) };
  }));

  router.delete('/apps/:appId/reconcile', edge.route((req) => {
    const b = books(req);
    const input = inputOf(req);
    const type = enumField(input, 'type', PARENT_TYPES, { required: true })!;
    const id = intField(input, 'id', { required: true })!;
    const removed = unreconcile(b, type, id);
    return { status: 200, body: { code: 200, message: `${removed} payment(s) removed`, type: 'success' } };
  }));

  // Payments (#/components/schemas/Payment) are the movements between a transaction and a document;
  // categorisations to an account are not payments.
  const isPayment = (link: ReconciliationLink) => [link.parent.type, link.child.type].some((t) => t === 'sales' || t === 'purchase');

  router.get('/apps/:appId/payments', edge.route((req) => {
    const b = books(req);
    return listAnswer(b.links.filter(isPayment).map((l) => paymentView(b, l)), inputOf(req), ['document.number', 'transaction.label'], store.settings);
  }));

  router.get('/apps/:appId/payments/:id', edge.route((req) => {
    const b = books(req);
    const id = idParam(req);
    const link = b.links.find((l) => l.id === id && isPayment(l));
    if (!link) throw SinaoError.notFound('Payment', id);
    return { status: 200, body: paymentView(b, link) };
  }));

  router.delete('/apps/:appId/payments/:id', edge.route((req) => {
    const b = books(req);
    const id = idParam(req);
    if (!b.links.some((l) => l.id === id && isPayment(l))) throw SinaoError.notFound('Payment', id);
    b.links = b.links.filter((l) => l.id !== id);
    settleDocuments(b);
    return { status: 200, body: { code: 200, message: 'Payment deleted', type: 'success' } };
  }));

  router.get('/apps/:appId/rules/', edge.route((req) => listAnswer(books(req).rules.map(ruleView), inputOf(req), ['value', 'parameter'], store.settings)));

  router.post('/apps/:appId/rules/', edge.route((req) => {
    const b = books(req);
    const rule = { id: store.nextId('rule'), ...parseRule(inputOf(req)) };
    b.rules.push(rule);
    return { status: 200, body: ruleView(rule) };
  }));

  router.get('/apps/:appId/rules/:id', edge.route((req) => {
    const id = idParam(req);
    const rule = books(req).rules.find((r) => r.id === id);
    if (!rule) throw SinaoError.notFound('Rule', id);
    return { status: 200, body: ruleView(rule) };
  }));

  router.delete('/apps/:appId/rules/:id', edge.route((req) => {
    const b = books(req);
    const id = idParam(req);
    if (!b.rules.some((r) => r.id === id)) throw SinaoError.notFound('Rule', id);
    b.rules = b.rules.filter((r) => r.id !== id);
    return { status: 200, body: { code: 200, message: 'Rule deleted', type: 'success' } };
  }));

  return router;
}
