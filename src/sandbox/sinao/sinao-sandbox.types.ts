/**
 * The sandbox's records, in Sinao's own field names (snake_case, integer ids, amounts in integer
 * cents). What the API answers is projected from them in representations.ts.
 */

export type CashflowSourceType = 'bank' | 'cashdesk' | 'waiting';

/** #/paths/~1apps~1{appId}~1cashflowsources~1/post, parameter account_type. */
export const ACCOUNT_TYPES = ['checking', 'card', 'savings', 'special', 'securities', 'loan', 'life_insurance', 'unknown', 'pending', 'share_savings_plan'] as const;
export type CashflowAccountType = (typeof ACCOUNT_TYPES)[number];

/** #/paths/~1apps~1{appId}~1transactions~1/post, parameter method. */
export const TRANSACTION_METHODS = ['check', 'transfer', 'cash', 'creditcard', 'automatic_debit', 'creditnote'] as const;
export type TransactionMethod = (typeof TRANSACTION_METHODS)[number];

/** #/paths/~1apps~1{appId}~1reconcile/post: the parent object (`type`). */
export const PARENT_TYPES = ['transaction', 'sales', 'purchase'] as const;
export type ParentType = (typeof PARENT_TYPES)[number];

/** #/paths/~1apps~1{appId}~1reconcile/post: the children (`movements[].type`). */
export const MOVEMENT_TYPES = ['account', 'purchase', 'sales', 'bank_entry', 'cashdesk_entry', 'waiting_entry'] as const;
export type MovementType = (typeof MOVEMENT_TYPES)[number];

export interface UserRecord {
  id: number;
  email: string;
  password: string;
  civility: string;
  firstname: string;
  lastname: string;
  created_at: string;
}

export interface ApiKeyRecord {
  id: number;
  app_id: number;
  name: string;
  key: string;
  api_partner_id: number | null;
  created_at: string;
}

export interface CashflowSourceRecord {
  id: number;
  name: string;
  identifiant: string | null;
  type: CashflowSourceType;
  account_type: CashflowAccountType;
  /** The balance given at creation; the current balance adds the source's transactions. */
  opening_amount: number;
  status: string;
  disabled: number;
  parent_cashflow_source_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface TransactionRecord {
  id: number;
  cashflow_source_id: number;
  /** Signed cents: positive is money into the source, negative money out of it. */
  amount: number;
  received_at: string;
  label: string | null;
  details: string | null;
  method: TransactionMethod | null;
  contact_organization_id: number | null;
  contact_person_id: number | null;
  contact_name: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface AccountRecord {
  id: number;
  accounting_number: string;
  name: string;
  description: string | null;
  journalcode: string | null;
  keywords: string | null;
  is_cashflow: boolean;
  is_sales: boolean;
  is_purchase: boolean;
  is_associate: boolean;
  is_various: boolean;
  editable: boolean;
}

export interface OrganizationRecord {
  id: number;
  name: string;
  billing_name: string | null;
  legal_form: string | null;
  country_iso2: string;
  national_id: string | null;
  vat_id: string | null;
  created_at: string;
}

export interface SalesLineRecord {
  detail: string;
  quantity: number;
  /** Unit price without taxes, cents. */
  amount: number;
  /** Cents of percent: 2000 is 20 %. */
  vat_percent: number;
}

export interface InvoiceRecord {
  id: number;
  number: string | null;
  title: string;
  status: 'draft' | 'final' | 'paid';
  currency: string;
  customer_organization_id: number;
  content: SalesLineRecord[];
  /** Total due with taxes, cents. */
  due: number;
  subtotal: number;
  taxes: number;
  written_at: string;
  validated_at: string | null;
  paid_at: string | null;
  payment_period: number;
}

export interface PurchaseRecord {
  id: number;
  title: string;
  status: 'new' | 'completed' | 'paid';
  currency: string;
  supplier_organization_id: number;
  account_id: number;
  amount: number;
  amount_tax: number;
  billed_at: string;
  paid_at: string | null;
}

export interface ObjectRef<T extends string> {
  type: T;
  id: number;
}

/** One movement of one reconciliation: what a Payment or a categorisation is made of. */
export interface ReconciliationLink {
  id: number;
  parent: ObjectRef<ParentType>;
  child: ObjectRef<MovementType>;
  /** Cents, a magnitude: the direction is the transaction's. */
  amount: number;
  date: string;
  /** The automatic rule that made it, if any. */
  rule_id: number | null;
  created_at: string;
}

export interface RuleRecord {
  id: number;
  conditions: string[][];
  on_event: string;
  parameter: string;
  value: string;
  priority: number;
}

export interface Books {
  /** The app's own company. */
  organization: OrganizationRecord;
  cashflowSources: CashflowSourceRecord[];
  transactions: TransactionRecord[];
  accounts: AccountRecord[];
  organizations: OrganizationRecord[];
  invoices: InvoiceRecord[];
  purchases: PurchaseRecord[];
  links: ReconciliationLink[];
  rules: RuleRecord[];
}

export interface AppRecord {
  id: number;
  admin_user_id: number;
  created_at: string;
  last_access_at: string;
  books: Books;
}
