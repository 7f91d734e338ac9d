import { entityOf, involves, openAmount, settleDocuments, type Entity } from './books-ledger';
import { compare, COMPARATORS, valueAt, type Comparator } from './list-query';
import { SinaoError } from './sinao-error';
import { boolField, dateTimeField, enumField, has, intField, sinaoDateTime, stringField, type Input } from './sinao-input';
import { MOVEMENT_TYPES, PARENT_TYPES, type Books, type CashflowSourceRecord, type MovementType, type ParentType, type ReconciliationLink, type RuleRecord, type TransactionRecord } from './sinao-sandbox.types';

/**
 * `POST /apps/{appId}/reconcile` (#/paths/~1apps~1{appId}~1reconcile/post) and the rules it may
 * create. What the specification says of `movements`: "The parent object and the children must be
 * different, a transaction cannot be reconciled with another transaction. In this type of case
 * [...] the transactions must be categorized in the same account."
 */

export interface Movement {
  type: MovementType;
  id: number | null;
  amount: number;
}

export interface ReconcileRequest {
  type: ParentType;
  id: number;
  movements: Movement[];
  replaceAll: boolean;
  paidAt?: string;
  rule?: Omit<RuleRecord, 'id'>;
}

type NextId = (kind: string) => number;

export function parseReconcile(input: Input): ReconcileRequest {
  const type = enumField(input, 'type', PARENT_TYPES, { required: true })!;
  const id = intField(input, 'id', { required: true })!;
  if (!has(input, 'movements')) throw SinaoError.invalid('The movements field is required.');
  // The specification types `movements` as one object while describing a list; both are read.
  const raw = input.movements;
  const list = Array.isArray(raw) ? raw : raw && typeof raw === 'object' && !('type' in raw) ? Object.values(raw) : [raw];
  if (list.length === 0) throw SinaoError.invalid('The movements field is required.');
  const movements = list.map((entry, index): Movement => {
    if (!entry || typeof entry !== 'object') throw SinaoError.invalid(`The movements.${index} field must be an object.`);
    const movement = entry as Input;
    // Sinao's own guide (créer-un-compte-de-trésorerie) sends a transaction child as `type: "transaction"`,
    // which the specification's enum calls `bank_entry`; both are read.
    const rawType = movement.type === 'transaction' ? 'bank_entry' : movement.type;
    const childType = enumField({ type: rawType }, 'type', MOVEMENT_TYPES, { required: true })!;
    const childId = movement.id === null || movement.id === undefined || movement.id === '' ? null : intField(movement, 'id')!;
    const amount = intField(movement, 'amount', { required: true })!;
    if (amount === 0) throw SinaoError.invalid(`The movements.${index}.amount field must not be zero.`);
    return { type: childType, id: childId, amount: Math.abs(amount) };
  });
  return {
    type,
    id,
    movements,
    replaceAll: boolField(input, 'replace_all') ?? false,
    paidAt: dateTimeField(input, 'paid_at'),
    rule: has(input, 'rule') ? parseRule(input.rule as Input) : undefined,
  };
}

export function parseRule(input: Input): Omit<RuleRecord, 'id'> {
  if (!input || typeof input !== 'object') throw SinaoError.invalid('The rule field must be an object.');
  const raw = input.conditions;
  const conditions = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? Object.values(raw) : null;
  if (!conditions || conditions.length === 0) throw SinaoError.invalid('The conditions field is required.');
  const parsed = conditions.map((condition, index) => {
    const triple = Array.isArray(condition) ? condition : condition && typeof condition === 'object' ? Object.values(condition) : [];
    // The specification gives no comparator list for rules; the one documented for filters is used.
    if (triple.length !== 3 || !COMPARATORS.includes(String(triple[1]).toUpperCase() as Comparator)) {
      throw SinaoError.invalid(`The conditions.${index} field must be [property, comparator, value] with a comparator among ${COMPARATORS.join(' ')}.`);
    }
    return [String(triple[0]), String(triple[1]).toUpperCase(), String(triple[2])];
  });
  return {
    conditions: parsed,
    on_event: stringField(input, 'on_event') ?? 'transaction.created',
    parameter: stringField(input, 'parameter', { required: true })!,
    value: stringField(input, 'value', { required: true })!,
    priority: intField(input, 'priority') ?? 0,
  };
}

/** Checks the whole request first, then writes it: a refused reconciliation changes nothing. */
export function reconcile(books: Books, request: ReconcileRequest, nextId: NextId): ReconciliationLink[] {
  const parentEntity = entityOf(request.type);
  const parentTx = parentEntity === 'transaction' ? books.transactions.find((t) => t.id === request.id && t.deleted_at === null) : undefined;
  requireObject(books, parentEntity, request.id);
  const kept = request.replaceAll ? books.links.filter((link) => !involves(link, parentEntity, request.id)) : books.links;

  const planned: Array<Movement & { id: number; fresh?: boolean }> = [];
  for (const movement of request.movements) {
    const entity = entityOf(movement.type);
    if (entity === 'transaction' && parentEntity === 'transaction') {
      throw SinaoError.invalid('A transaction cannot be reconciled with another transaction: categorise both transactions in the same account.');
    }
    if (movement.id === null) {
      entrySource(books, movement.type);
      planned.push({ ...movement, id: 0, fresh: true });
      continue;
    }
    if (entity === parentEntity && movement.id === request.id) throw SinaoError.invalid('The parent object and the movement must be different.');
    requireObject(books, entity, movement.id, movement.type);
    planned.push({ ...movement, id: movement.id });
  }

  const parentOpen = openAmount(books, kept, parentEntity, request.id)!;
  const total = planned.reduce((sum, m) => sum + m.amount, 0);
  if (total > parentOpen) {
    throw SinaoError.invalid(`The movements total ${total} cents, more than the ${parentOpen} cents left to reconcile on ${describe(parentEntity)} ${request.id}.`);
  }
  for (const movement of planned.filter((m) => !m.fresh)) {
    const entity = entityOf(movement.type);
    const open = openAmount(books, kept, entity, movement.id);
    const asked = planned.filter((m) => entityOf(m.type) === entity && m.id === movement.id).reduce((sum, m) => sum + m.amount, 0);
    if (open !== null && asked > open) {
      throw SinaoError.invalid(`The movements on ${describe(entity)} ${movement.id} total ${asked} cents, more than the ${open} cents left to reconcile on it.`);
    }
  }

  for (const movement of planned.filter((m) => m.fresh)) movement.id = createEntry(books, movement, request, parentTx, nextId);
  const now = sinaoDateTime();
  const date = (movement: Movement & { id: number }) => {
    const childTx = entityOf(movement.type) === 'transaction' ? books.transactions.find((t) => t.id === movement.id) : undefined;
    return request.paidAt ?? childTx?.received_at ?? parentTx?.received_at ?? now;
  };
  const created = planned.map((movement): ReconciliationLink => ({
    id: nextId('payment'),
    parent: { type: request.type, id: request.id },
    child: { type: movement.type, id: movement.id },
    amount: movement.amount,
    date: date(movement),
    rule_id: null,
    created_at: now,
  }));
  books.links = [...kept, ...created];
  if (request.rule) books.rules.push({ id: nextId('rule'), ...request.rule });
  settleDocuments(books);
  return created;
}

/** `DELETE /apps/{appId}/reconcile`: "Remove all payments of a parent object". */
export function unreconcile(books: Books, type: ParentType, id: number): number {
  const entity = entityOf(type);
  requireObject(books, entity, id);
  const before = books.links.length;
  books.links = books.links.filter((link) => !involves(link, entity, id));
  settleDocuments(books);
  return before - books.links.length;
}

/**
 * Automatic reconciliation rules on a transaction just created (`on_event` `transaction.created`
 * or `transaction.saved`), by priority then age; the first whose conditions all hold applies. Of
 * the rule's parameters the sandbox applies `account` (the specification's example: `value` is
 * the account's id), categorising the whole transaction to that account.
 */
export function applyRules(books: Books, tx: TransactionRecord, view: Record<string, unknown>, nextId: NextId): void {
  const candidates = books.rules
    .filter((rule) => ['transaction.created', 'transaction.saved'].includes(rule.on_event) && rule.parameter === 'account')
    .sort((a, b) => a.priority - b.priority || a.id - b.id);
  const facts = { ...view, cashflow_source_id: tx.cashflow_source_id, contact_organization_id: tx.contact_organization_id };
  for (const rule of candidates) {
    if (!rule.conditions.every(([property, comparator, value]) => compare(valueAt(facts, property), comparator as Comparator, value))) continue;
    const account = books.accounts.find((a) => String(a.id) === rule.value);
    if (!account || tx.amount === 0) continue;
    books.links.push({
      id: nextId('payment'),
      parent: { type: 'transaction', id: tx.id },
      child: { type: 'account', id: account.id },
      amount: Math.abs(tx.amount),
      date: tx.received_at,
      rule_id: rule.id,
      created_at: sinaoDateTime(),
    });
    return;
  }
}

/** "Object id -- create object when null (usefull for cashdesk or waiting entries)". */
function entrySource(books: Books, type: MovementType): CashflowSourceRecord {
  const sourceType = type === 'cashdesk_entry' ? 'cashdesk' : type === 'waiting_entry' ? 'waiting' : null;
  if (!sourceType) throw SinaoError.invalid(`The id of a ${type} movement is required.`);
  const source = books.cashflowSources.find((s) => s.type === sourceType && !s.disabled);
  if (!source) throw SinaoError.invalid(`This application has no ${sourceType} cash-flow source for the entry.`);
  return source;
}

function createEntry(books: Books, movement: Movement, request: ReconcileRequest, parentTx: TransactionRecord | undefined, nextId: NextId): number {
  const source = entrySource(books, movement.type);
  const sourceType = source.type;
  const sign = request.type === 'purchase' || (parentTx?.amount ?? 1) < 0 ? -1 : 1;
  const at = request.paidAt ?? sinaoDateTime();
  const tx: TransactionRecord = {
    id: nextId('transaction'), cashflow_source_id: source.id, amount: sign * movement.amount, received_at: at,
    label: null, details: null, method: sourceType === 'cashdesk' ? 'cash' : 'check', contact_organization_id: null,
    contact_person_id: null, contact_name: null, created_at: at, updated_at: at, deleted_at: null,
  };
  books.transactions.push(tx);
  return tx.id;
}

function requireObject(books: Books, entity: Entity, id: number, movementType?: MovementType): void {
  if (entity === 'transaction') {
    const tx = books.transactions.find((t) => t.id === id && t.deleted_at === null);
    if (!tx) throw SinaoError.notFound('Transaction', id);
    const wanted = movementType === 'cashdesk_entry' ? 'cashdesk' : movementType === 'waiting_entry' ? 'waiting' : movementType === 'bank_entry' ? 'bank' : null;
    const source = books.cashflowSources.find((s) => s.id === tx.cashflow_source_id);
    if (wanted && source?.type !== wanted) throw SinaoError.invalid(`Transaction ${id} is not on a ${wanted} cash-flow source, so it cannot be a ${movementType} movement.`);
  } else if (entity === 'sales') {
    const invoice = books.invoices.find((i) => i.id === id);
    if (!invoice) throw SinaoError.notFound('Invoice', id);
    // A draft can still change, so it takes no payment: it must be finalised first.
    if (invoice.status === 'draft') throw SinaoError.invalid(`Invoice ${id} is a draft; finalise it before reconciling it.`);
  } else if (entity === 'purchase') {
    if (!books.purchases.some((p) => p.id === id)) throw SinaoError.notFound('Purchase', id);
  } else if (!books.accounts.some((a) => a.id === id)) {
    throw SinaoError.notFound('Account', id);
  }
}

function describe(entity: Entity): string {
  return entity === 'sales' ? 'invoice' : entity;
}
