import {
  accountClass, dayString, msDate, msDateTime,
  type Account, type BankTransaction, type BankTransfer, type Contact, type Invoice, type LineItem, type OrganisationBooks, type Payment,
} from '../xero-books';

/**
 * The books' records as the Accounting API shows them: PascalCase, `/Date(…)/` dates with their
 * readable twins, nested references carrying the ids and names a client reads back.
 */
type Shown = Record<string, unknown>;

const compact = (record: Shown): Shown => Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));

export function accountRef(books: OrganisationBooks, accountId: string): Shown {
  const account = books.accountById(accountId);
  return compact({ AccountID: accountId, Code: account?.code, Name: account?.name });
}

export function contactRef(books: OrganisationBooks, contactId: string | undefined): Shown | undefined {
  const contact = contactId ? books.contactById(contactId) : undefined;
  return contact ? compact({ ContactID: contact.contactId, Name: contact.name, ContactNumber: contact.contactNumber, ContactStatus: contact.status }) : undefined;
}

export function showAccount(account: Account): Shown {
  return compact({
    AccountID: account.accountId,
    Code: account.code,
    Name: account.name,
    Status: account.status,
    Type: account.type,
    TaxType: account.taxType,
    Description: account.description,
    Class: accountClass(account.type),
    SystemAccount: account.systemAccount,
    EnablePaymentsToAccount: account.enablePaymentsToAccount,
    ShowInExpenseClaims: false,
    BankAccountNumber: account.bankAccountNumber,
    BankAccountType: account.bankAccountType ?? '',
    CurrencyCode: account.currencyCode,
    ReportingCode: reportingCode(account),
    ReportingCodeName: reportingCode(account),
    HasAttachments: false,
    UpdatedDateUTC: msDateTime(account.updatedAt),
    AddToWatchlist: false,
  });
}

function reportingCode(account: Account): string {
  return { ASSET: 'ASS', EQUITY: 'EQU', EXPENSE: 'EXP', LIABILITY: 'LIA', REVENUE: 'REV' }[accountClass(account.type)];
}

export function showContact(books: OrganisationBooks, contact: Contact): Shown {
  const invoices = books.invoices.filter((i) => i.contactId === contact.contactId && i.status !== 'DRAFT' && i.status !== 'DELETED');
  return compact({
    ContactID: contact.contactId,
    ContactNumber: contact.contactNumber,
    ContactStatus: contact.status,
    Name: contact.name,
    FirstName: contact.firstName,
    LastName: contact.lastName,
    EmailAddress: contact.emailAddress,
    Addresses: [],
    Phones: [],
    UpdatedDateUTC: msDateTime(contact.updatedAt),
    ContactGroups: [],
    IsSupplier: invoices.some((i) => i.type === 'ACCPAY'),
    IsCustomer: invoices.some((i) => i.type === 'ACCREC'),
    ContactPersons: [],
    HasAttachments: false,
    HasValidationErrors: false,
  });
}

function showLine(line: LineItem): Shown {
  return compact({
    LineItemID: line.lineItemId, Description: line.description, Quantity: line.quantity, UnitAmount: line.unitAmount,
    AccountCode: line.accountCode, AccountID: line.accountId, TaxType: line.taxType, TaxAmount: line.taxAmount, LineAmount: line.lineAmount, Tracking: [],
  });
}

export function showInvoice(books: OrganisationBooks, invoice: Invoice): Shown {
  return compact({
    Type: invoice.type,
    InvoiceID: invoice.invoiceId,
    InvoiceNumber: invoice.invoiceNumber,
    Reference: invoice.reference,
    Contact: contactRef(books, invoice.contactId),
    Date: msDate(invoice.date),
    DateString: dayString(invoice.date),
    DueDate: msDate(invoice.dueDate),
    DueDateString: dayString(invoice.dueDate),
    Status: invoice.status,
    LineAmountTypes: invoice.lineAmountTypes,
    LineItems: invoice.lineItems.map(showLine),
    SubTotal: invoice.subTotal,
    TotalTax: invoice.totalTax,
    Total: invoice.total,
    CurrencyCode: invoice.currencyCode,
    CurrencyRate: 1,
    AmountDue: invoice.amountDue,
    AmountPaid: invoice.amountPaid,
    AmountCredited: 0,
    FullyPaidOnDate: invoice.fullyPaidOnDate ? msDate(invoice.fullyPaidOnDate) : undefined,
    Payments: invoice.paymentIds.map((id) => books.paymentById(id)).filter((p): p is Payment => p !== undefined && p.status === 'AUTHORISED').map((p) => ({
      PaymentID: p.paymentId, Date: msDate(p.date), Amount: p.amount, Reference: p.reference, CurrencyRate: 1, HasAccount: false, HasValidationErrors: false,
    })),
    Prepayments: [],
    Overpayments: [],
    CreditNotes: [],
    HasAttachments: false,
    IsDiscounted: false,
    HasErrors: false,
    UpdatedDateUTC: msDateTime(invoice.updatedAt),
  });
}

export function showBankTransaction(books: OrganisationBooks, tx: BankTransaction): Shown {
  return compact({
    BankTransactionID: tx.bankTransactionId,
    Type: tx.type,
    Contact: contactRef(books, tx.contactId),
    BankAccount: accountRef(books, tx.bankAccountId),
    IsReconciled: tx.isReconciled,
    Date: msDate(tx.date),
    DateString: dayString(tx.date),
    Reference: tx.reference,
    CurrencyCode: tx.currencyCode,
    CurrencyRate: 1,
    Url: tx.url,
    Status: tx.status,
    LineAmountTypes: tx.lineAmountTypes,
    LineItems: tx.lineItems.map(showLine),
    SubTotal: tx.subTotal,
    TotalTax: tx.totalTax,
    Total: tx.total,
    UpdatedDateUTC: msDateTime(tx.updatedAt),
    HasAttachments: false,
  });
}

export function showBankTransfer(books: OrganisationBooks, transfer: BankTransfer): Shown {
  return compact({
    BankTransferID: transfer.bankTransferId,
    CreatedDateUTC: msDateTime(transfer.createdAt),
    CreatedDateUTCString: new Date(transfer.createdAt).toISOString().slice(0, 19),
    Date: msDate(transfer.date),
    DateString: dayString(transfer.date),
    FromBankAccount: accountRef(books, transfer.fromAccountId),
    ToBankAccount: accountRef(books, transfer.toAccountId),
    Amount: transfer.amount,
    FromBankTransactionID: transfer.fromBankTransactionId,
    ToBankTransactionID: transfer.toBankTransactionId,
    FromIsReconciled: transfer.fromIsReconciled,
    ToIsReconciled: transfer.toIsReconciled,
    Reference: transfer.reference,
    CurrencyRate: 1,
    Status: transfer.status,
    HasAttachments: false,
    FromTracking: [],
    ToTracking: [],
  });
}

export function showPayment(books: OrganisationBooks, payment: Payment): Shown {
  const invoice = books.invoiceById(payment.invoiceId)!;
  return compact({
    PaymentID: payment.paymentId,
    Date: msDate(payment.date),
    Amount: payment.amount,
    BankAmount: payment.amount,
    CurrencyRate: 1,
    Reference: payment.reference,
    IsReconciled: payment.isReconciled,
    Status: payment.status,
    PaymentType: payment.paymentType,
    UpdatedDateUTC: msDateTime(payment.updatedAt),
    HasAccount: true,
    HasValidationErrors: false,
    Account: accountRef(books, payment.accountId),
    Invoice: compact({
      Type: invoice.type, InvoiceID: invoice.invoiceId, InvoiceNumber: invoice.invoiceNumber, Contact: contactRef(books, invoice.contactId),
      Status: invoice.status, Total: invoice.total, AmountDue: invoice.amountDue, AmountPaid: invoice.amountPaid, CurrencyCode: invoice.currencyCode,
    }),
  });
}
