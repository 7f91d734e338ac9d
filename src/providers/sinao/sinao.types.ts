/** Sinao's records as its specification names them (#/components/schemas), the fields the gateway reads. */

export interface SinaoApp {
  id: number;
  organization?: { id: number; name: string } | null;
}

export interface SinaoCashflowSource {
  id: number;
  name: string;
  identifiant?: string | null;
  type: 'bank' | 'cashdesk' | 'waiting' | string;
  account_type?: string | null;
  balance_amount?: number | null;
  status?: string | null;
  disabled?: number | null;
}

export interface SinaoAccount {
  id: number;
  accounting_number: string;
  name: string;
  description?: string | null;
  is_cashflow?: boolean;
  is_purchase?: boolean;
  is_sales?: boolean;
}

export interface SinaoOrganization {
  id: number;
  name: string;
  billing_name?: string | null;
}

export interface SinaoInvoice {
  id: number;
  number?: string | null;
  title?: string | null;
  status: 'draft' | 'final' | 'paid' | string;
  currency?: string | null;
  written_at?: string | null;
  validated_at?: string | null;
  payment_period?: string | null;
  customer?: SinaoOrganization | null;
  totals?: { due?: number | null } | null;
  balance?: { due?: number; paid?: number; remaining?: number } | null;
}

export interface SinaoTransaction {
  id: number;
  amount: number;
  received_at: string;
  label?: string | null;
  details?: string | null;
  lettered_at?: string | null;
  cashflow_source?: { id: number } | null;
  contact?: SinaoOrganization | null;
}

export interface SinaoPayment {
  id: number;
  amount: number;
  document_type?: string | null;
  document?: { id: number } | null;
  transaction?: { id: number } | null;
}

/** An automatic reconciliation rule (#/components/schemas/Rule). */
export interface SinaoRule {
  id?: number;
  conditions: string[][];
  on_event: string;
  parameter: string;
  value: string;
  priority?: number;
}

/** The specification's ApiResponse: Sinao's error body. */
export interface SinaoApiResponse {
  code?: number;
  message?: string;
  type?: string;
  errors?: Record<string, string[] | string>;
}
