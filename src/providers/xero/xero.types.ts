/** Xero's own shapes, as its specifications name them (PascalCase in the Accounting API, camelCase in identity). */

/** The token endpoint's answer. */
export interface XeroTokenResponse {
  access_token: string;
  refresh_token?: string;
  expires_in: number;
  token_type: string;
  scope?: string;
  id_token?: string;
}

/** A tenant connection, as `GET /connections` lists it. */
export interface XeroTenantConnection {
  id: string;
  authEventId?: string;
  tenantId: string;
  tenantType: string;
  tenantName: string | null;
  createdDateUtc?: string;
  updatedDateUtc?: string;
}

export interface XeroValidationError {
  Message: string;
}

/** A 400 `ValidationException` body. */
export interface XeroApiException {
  ErrorNumber?: number;
  Type?: string;
  Message?: string;
  Elements?: Array<{ ValidationErrors?: XeroValidationError[] } & Record<string, unknown>>;
}

export interface XeroAccount {
  AccountID: string;
  Code?: string;
  Name: string;
  Type: string;
  Status?: 'ACTIVE' | 'ARCHIVED' | 'DELETED';
  Class?: string;
  BankAccountNumber?: string;
  BankAccountType?: string;
  CurrencyCode?: string;
  ReportingCodeName?: string;
  ValidationErrors?: XeroValidationError[];
}

export interface XeroPhone {
  PhoneType?: string;
  PhoneNumber?: string;
  PhoneAreaCode?: string;
  PhoneCountryCode?: string;
}

export interface XeroContact {
  ContactID: string;
  Name: string;
  ContactNumber?: string;
  ContactStatus?: 'ACTIVE' | 'ARCHIVED' | 'GDPRREQUEST';
  EmailAddress?: string;
  Phones?: XeroPhone[];
  IsSupplier?: boolean;
  StatusAttributeString?: string;
  HasValidationErrors?: boolean;
  ValidationErrors?: XeroValidationError[];
}

export interface XeroPayment {
  PaymentID?: string;
  Reference?: string;
  Amount?: number;
  Status?: string;
  Date?: string;
  Invoice?: { InvoiceID?: string };
  StatusAttributeString?: string;
  HasValidationErrors?: boolean;
  ValidationErrors?: XeroValidationError[];
}

export interface XeroInvoice {
  InvoiceID: string;
  InvoiceNumber?: string;
  Type: string;
  Status: string;
  Contact?: { ContactID?: string; Name?: string };
  Date?: string;
  DueDate?: string;
  DateString?: string;
  DueDateString?: string;
  CurrencyCode?: string;
  Total?: number;
  AmountDue?: number;
  AmountPaid?: number;
  Payments?: XeroPayment[];
}

export interface XeroBankTransfer {
  BankTransferID?: string;
  Reference?: string;
  Amount?: number;
  ValidationErrors?: XeroValidationError[];
}

export interface XeroBankTransaction {
  BankTransactionID?: string;
  Type?: string;
  Reference?: string;
  Status?: string;
  StatusAttributeString?: string;
  HasValidationErrors?: boolean;
  ValidationErrors?: XeroValidationError[];
}

export interface XeroPagination {
  page: number;
  pageSize: number;
  pageCount: number;
  itemCount: number;
}

export interface XeroEnvelope {
  Id?: string;
  Status?: string;
  pagination?: XeroPagination;
  Accounts?: XeroAccount[];
  Contacts?: XeroContact[];
  Invoices?: XeroInvoice[];
  Payments?: XeroPayment[];
  BankTransfers?: XeroBankTransfer[];
  BankTransactions?: XeroBankTransaction[];
}
