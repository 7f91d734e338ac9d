import { balanceOf, linksOf, reconciledAmount, purchaseDue } from './books-ledger';
import { SinaoError } from './sinao-error';
import type { SinaoSandboxStore } from './sinao-sandbox.store';
import type { Books, ReconciliationLink } from './sinao-sandbox.types';

/**
 * One app's books as a reader checks them (tests, the README's walkthrough): each cash-flow source
 * with its balance and its transactions, and what each transaction is reconciled with; each
 * account with what is categorised to it; each document with its balance and payments.
 */
export function booksView(store: SinaoSandboxStore, appIdText: string): unknown {
  const app = /^\d+$/.test(appIdText) ? store.app(Number(appIdText)) : undefined;
  if (!app) throw SinaoError.notFound('App', appIdText);
  const b = app.books;
  const live = b.transactions.filter((t) => t.deleted_at === null);
  const orgName = (id: number | null) => (id === null ? null : b.organizations.find((o) => o.id === id)?.name ?? null);

  return {
    app: { id: app.id, name: b.organization.name },
    currency: 'EUR',
    cashflowSources: b.cashflowSources.map((source) => {
      const transactions = live.filter((t) => t.cashflow_source_id === source.id);
      return {
        id: source.id,
        name: source.name,
        type: source.type,
        account_type: source.account_type,
        identifiant: source.identifiant,
        openingAmount: source.opening_amount,
        balanceAmount: source.opening_amount + transactions.reduce((sum, t) => sum + t.amount, 0),
        transactions: transactions.map((t) => ({
          id: t.id,
          amount: t.amount,
          received_at: t.received_at,
          label: t.label,
          details: t.details,
          method: t.method,
          contact: t.contact_organization_id === null ? null : { id: t.contact_organization_id, name: orgName(t.contact_organization_id) },
          reconciled: reconciledAmount(b.links, 'transaction', t.id),
          reconciliations: linksOf(b.links, 'transaction', t.id).map((link) => counterpart(b, link, t.id)),
        })),
      };
    }),
    accounts: b.accounts.map((account) => {
      const categorised = linksOf(b.links, 'account', account.id).map((link) => ({ paymentId: link.id, from: link.parent, amount: link.amount, date: link.date, ruleId: link.rule_id }));
      return { id: account.id, accounting_number: account.accounting_number, name: account.name, total: categorised.reduce((sum, c) => sum + c.amount, 0), categorised };
    }),
    organizations: b.organizations.map((o) => ({ id: o.id, name: o.name })),
    invoices: b.invoices.map((invoice) => ({
      id: invoice.id,
      number: invoice.number,
      status: invoice.status,
      customer: { id: invoice.customer_organization_id, name: orgName(invoice.customer_organization_id) },
      paid_at: invoice.paid_at,
      balance: balanceOf(invoice.due, reconciledAmount(b.links, 'sales', invoice.id)),
      payments: linksOf(b.links, 'sales', invoice.id).map((link) => ({ paymentId: link.id, parent: link.parent, child: link.child, amount: link.amount, date: link.date })),
    })),
    purchases: b.purchases.map((purchase) => ({
      id: purchase.id,
      title: purchase.title,
      status: purchase.status,
      supplier: { id: purchase.supplier_organization_id, name: orgName(purchase.supplier_organization_id) },
      balance: balanceOf(purchaseDue(purchase), reconciledAmount(b.links, 'purchase', purchase.id)),
    })),
    rules: b.rules,
  };
}

function counterpart(b: Books, link: ReconciliationLink, transactionId: number): Record<string, unknown> {
  const other = link.parent.type === 'transaction' && link.parent.id === transactionId ? link.child : link.parent;
  const name = other.type === 'account'
    ? b.accounts.find((a) => a.id === other.id)?.accounting_number
    : other.type === 'sales'
      ? b.invoices.find((i) => i.id === other.id)?.number
      : other.type === 'purchase'
        ? b.purchases.find((p) => p.id === other.id)?.title
        : undefined;
  return { paymentId: link.id, type: other.type, id: other.id, ...(name ? { name } : {}), amount: link.amount, date: link.date, ruleId: link.rule_id };
}
