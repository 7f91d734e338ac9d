import { balanceOf, linksOf, reconciledAmount, liveTransactions } from './books-ledger';
import type { SinaoSandboxStore } from './sinao-sandbox.store';
import type { AccountRecord, AppRecord, Books, CashflowSourceRecord, InvoiceRecord, OrganizationRecord, ReconciliationLink, RuleRecord, TransactionRecord, UserRecord } from './sinao-sandbox.types';

/**
 * Records as Sinao's API shows them (#/components/schemas/...). Fields without a value are left
 * out rather than sent as null: the specification marks almost none of them nullable.
 */

type View = Record<string, unknown>;

function compact(view: View): View {
  return Object.fromEntries(Object.entries(view).filter(([, value]) => value !== null && value !== undefined));
}

export function userView(user: UserRecord): View {
  const { password: _password, ...rest } = user;
  return { ...rest, metadata: [], password_is_undefined: false };
}

export function organizationView(org: OrganizationRecord): View {
  return compact({ ...org });
}

export function appView(store: SinaoSandboxStore, app: AppRecord): View {
  const admin = store.user(app.admin_user_id);
  return compact({
    id: app.id,
    organization: organizationView(app.books.organization),
    admin: admin ? userView(admin) : null,
    url: `https://app.sinao.fr/apps/${app.id}`,
    config: [],
    policies: [],
    last_access_at: app.last_access_at,
  });
}

export function cashflowSourceView(books: Books, source: CashflowSourceRecord, depth = 0): View {
  const { opening_amount, parent_cashflow_source_id, ...rest } = source;
  const parent = parent_cashflow_source_id === null ? undefined : books.cashflowSources.find((s) => s.id === parent_cashflow_source_id);
  return compact({
    ...rest,
    // The current balance: the balance given at creation plus the source's transactions.
    balance_amount: opening_amount + liveTransactions(books).filter((t) => t.cashflow_source_id === source.id).reduce((sum, t) => sum + t.amount, 0),
    parent_cashflow_source: parent && depth === 0 ? cashflowSourceView(books, parent, 1) : undefined,
  });
}

export function transactionView(books: Books, tx: TransactionRecord): View {
  const source = books.cashflowSources.find((s) => s.id === tx.cashflow_source_id)!;
  const contact = tx.contact_organization_id === null ? undefined : books.organizations.find((o) => o.id === tx.contact_organization_id);
  const reconciled = reconciledAmount(books.links, 'transaction', tx.id);
  // "Lettrage" (matching): the spec gives no semantics; the sandbox dates it when the transaction is wholly reconciled.
  const lettered = reconciled > 0 && reconciled >= Math.abs(tx.amount) ? linksOf(books.links, 'transaction', tx.id).map((l) => l.date).sort().at(-1) : undefined;
  return compact({
    id: tx.id,
    amount: tx.amount,
    received_at: tx.received_at,
    label: tx.label,
    details: tx.details,
    method: tx.method,
    lettered_at: lettered,
    metadata: [],
    cashflow_source: cashflowSourceView(books, source),
    contact: contact ? organizationView(contact) : undefined,
    created_at: tx.created_at,
    updated_at: tx.updated_at,
  });
}

export function accountView(account: AccountRecord): View {
  return compact({ ...account });
}

export function invoiceView(books: Books, invoice: InvoiceRecord): View {
  const customer = books.organizations.find((o) => o.id === invoice.customer_organization_id);
  return compact({
    id: invoice.id,
    number: invoice.number,
    title: invoice.title,
    status: invoice.status,
    currency: invoice.currency,
    written_at: invoice.written_at,
    validated_at: invoice.validated_at,
    paid_at: invoice.paid_at,
    payment_period: invoice.payment_period,
    payment_methods: 'virement bancaire, chèque',
    customer: customer ? organizationView(customer) : undefined,
    contact_infos: customer ? { id: customer.id, type: 'organization', name: customer.name } : undefined,
    content: invoice.content.map((line) => ({
      ...line,
      amount_accurately: line.amount * 1000,
      amount_with_taxes: false,
      action: 'sell',
    })),
    totals: { due: invoice.due, subtotal: { total: invoice.subtotal }, taxes: { total: invoice.taxes } },
    balance: balanceOf(invoice.due, reconciledAmount(books.links, 'sales', invoice.id)),
    tags: [],
    metadata: [],
  });
}

/**
 * A reconciliation's movement as a `Payment` (#/components/schemas/Payment): the transaction on
 * one side, the sales or purchase document on the other when there is one. A categorisation to an
 * account has no document.
 */
export function paymentView(books: Books, link: ReconciliationLink): View {
  const sides = [link.parent, link.child];
  const txRef = sides.find((side) => ['transaction', 'bank_entry', 'cashdesk_entry', 'waiting_entry'].includes(side.type));
  const docRef = sides.find((side) => side.type === 'sales' || side.type === 'purchase');
  const tx = txRef ? books.transactions.find((t) => t.id === txRef.id) : undefined;
  const source = tx ? books.cashflowSources.find((s) => s.id === tx.cashflow_source_id) : undefined;
  const invoice = docRef?.type === 'sales' ? books.invoices.find((i) => i.id === docRef.id) : undefined;
  const purchase = docRef?.type === 'purchase' ? books.purchases.find((p) => p.id === docRef.id) : undefined;
  return compact({
    id: link.id,
    amount: link.amount,
    date: link.date,
    document_type: docRef?.type,
    document: invoice ? invoiceView(books, invoice) : purchase ? compact({ id: purchase.id, title: purchase.title, status: purchase.status, amount: purchase.amount, amount_tax: purchase.amount_tax, currency: purchase.currency }) : undefined,
    source: source ? (source.type === 'cashdesk' ? 'cashdesk' : 'bank') : undefined,
    transaction: tx ? transactionView(books, tx) : undefined,
  });
}

export function ruleView(rule: RuleRecord): View {
  return { ...rule, conditions: rule.conditions.map((c) => [...c]) };
}
