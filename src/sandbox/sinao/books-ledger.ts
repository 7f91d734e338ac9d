import type { Books, InvoiceRecord, MovementType, ParentType, PurchaseRecord, ReconciliationLink, TransactionRecord } from './sinao-sandbox.types';

/** What a parent or a movement type points at: the three movement types of entries are all transactions. */
export type Entity = 'transaction' | 'sales' | 'purchase' | 'account';

export function entityOf(type: ParentType | MovementType): Entity {
  if (type === 'bank_entry' || type === 'cashdesk_entry' || type === 'waiting_entry' || type === 'transaction') return 'transaction';
  return type;
}

export function involves(link: ReconciliationLink, entity: Entity, id: number): boolean {
  return (entityOf(link.parent.type) === entity && link.parent.id === id) || (entityOf(link.child.type) === entity && link.child.id === id);
}

export function linksOf(links: readonly ReconciliationLink[], entity: Entity, id: number): ReconciliationLink[] {
  return links.filter((link) => involves(link, entity, id));
}

export function reconciledAmount(links: readonly ReconciliationLink[], entity: Entity, id: number): number {
  return linksOf(links, entity, id).reduce((sum, link) => sum + link.amount, 0);
}

/** How much of an object is still to reconcile, in cents (a magnitude); null for accounts, which have no limit. */
export function openAmount(books: Books, links: readonly ReconciliationLink[], entity: Entity, id: number): number | null {
  if (entity === 'account') return null;
  const total = entity === 'transaction'
    ? Math.abs(books.transactions.find((t) => t.id === id)?.amount ?? 0)
    : entity === 'sales'
      ? books.invoices.find((i) => i.id === id)?.due ?? 0
      : purchaseDue(books.purchases.find((p) => p.id === id));
  return total - reconciledAmount(links, entity, id);
}

export function purchaseDue(purchase: PurchaseRecord | undefined): number {
  return purchase ? purchase.amount + purchase.amount_tax : 0;
}

export function liveTransactions(books: Books): TransactionRecord[] {
  return books.transactions.filter((t) => t.deleted_at === null);
}

/** Balance of a sales or purchase document (#/components/schemas/Balance). */
export function balanceOf(due: number, paid: number): { due: number; paid: number; remaining: number; completed: boolean; meaning: 'completed' | 'remaining' | 'overpaid' } {
  const remaining = due - paid;
  return { due, paid, remaining, completed: remaining <= 0, meaning: remaining === 0 ? 'completed' : remaining > 0 ? 'remaining' : 'overpaid' };
}

/**
 * Keeps documents' statuses in step with their payments, as Sinao shows them: an invoice whose
 * remaining balance reaches zero is `paid` (with the date of its last payment), and returns to
 * `final` when a payment is removed; a purchase likewise between `completed` and `paid`.
 */
export function settleDocuments(books: Books): void {
  const lastDate = (entity: Entity, id: number) => linksOf(books.links, entity, id).map((l) => l.date).sort().at(-1) ?? null;
  for (const invoice of books.invoices) settle(invoice, invoice.due - reconciledAmount(books.links, 'sales', invoice.id), () => lastDate('sales', invoice.id));
  for (const purchase of books.purchases) {
    const remaining = purchaseDue(purchase) - reconciledAmount(books.links, 'purchase', purchase.id);
    if (remaining <= 0 && purchase.status !== 'paid') Object.assign(purchase, { status: 'paid', paid_at: lastDate('purchase', purchase.id) });
    else if (remaining > 0 && purchase.status === 'paid') Object.assign(purchase, { status: 'completed', paid_at: null });
  }
}

function settle(invoice: InvoiceRecord, remaining: number, paidAt: () => string | null): void {
  if (invoice.status === 'draft') return;
  if (remaining <= 0 && invoice.status !== 'paid') Object.assign(invoice, { status: 'paid', paid_at: paidAt() });
  else if (remaining > 0 && invoice.status === 'paid') Object.assign(invoice, { status: 'final', paid_at: null });
}
