import { newUuid } from '../kit';
import type { Account, AccountClass, AccountType, Contact, Json } from './books.types';
import type { OrganisationBooks } from './organisation-books';
import { object, refused, text, type Outcome } from './outcome';
import { UK_TAX_RATES } from './tax-rates';

export const ACCOUNT_TYPES: readonly AccountType[] = [
  'BANK', 'CURRENT', 'CURRLIAB', 'DEPRECIATN', 'DIRECTCOSTS', 'EQUITY', 'EXPENSE', 'FIXED', 'INVENTORY', 'LIABILITY',
  'NONCURRENT', 'OTHERINCOME', 'OVERHEADS', 'PREPAYMENT', 'REVENUE', 'SALES', 'TERMLIAB', 'PAYG',
];

/** The class Xero derives from an account's type. */
export function accountClass(type: AccountType): AccountClass {
  if (['BANK', 'CURRENT', 'FIXED', 'INVENTORY', 'NONCURRENT', 'PREPAYMENT'].includes(type)) return 'ASSET';
  if (['CURRLIAB', 'LIABILITY', 'TERMLIAB', 'PAYG'].includes(type)) return 'LIABILITY';
  if (type === 'EQUITY') return 'EQUITY';
  if (['REVENUE', 'SALES', 'OTHERINCOME'].includes(type)) return 'REVENUE';
  return 'EXPENSE';
}

/**
 * Xero's rules for an account's name and code: a name of at most 150 characters, and no two
 * accounts sharing a name or a code, compared case-insensitively ("Please enter a unique Name."
 * is the spec's wording). Emulators of services that write accounts to Xero apply them through this.
 *
 * @example
 * accountNameCodeFindings(books, 'Bank Fees', '404'); // [{ field: 'Name', … }, { field: 'Code', message: 'Please enter a unique Code.' }]
 */
export function accountNameCodeFindings(books: OrganisationBooks, name: string | undefined, code: string | undefined): Array<{ field: 'Name' | 'Code'; message: string }> {
  const findings: Array<{ field: 'Name' | 'Code'; message: string }> = [];
  if (name && name.length > 150) findings.push({ field: 'Name', message: 'The Name must be 150 characters or fewer.' });
  if (name && books.accounts.some((a) => a.name.trim().toLowerCase() === name.trim().toLowerCase())) findings.push({ field: 'Name', message: 'Please enter a unique Name.' });
  if (code && books.accountByCode(code)) findings.push({ field: 'Code', message: 'Please enter a unique Code.' });
  return findings;
}

/**
 * Xero's rules for a contact's name: at most 255 characters, and unique among active contacts,
 * in the spec's words.
 *
 * @example
 * contactNameFindings(books, 'Acme Ltd'); // [] when no active contact is so named
 */
export function contactNameFindings(books: OrganisationBooks, name: string): string[] {
  if (name.length > 255) return ['The Name must be 255 characters or fewer.'];
  return books.activeContactNamed(name)
    ? [`The contact name ${name} is already assigned to another contact. The contact name must be unique across all active contacts.`]
    : [];
}

/**
 * Xero's rule for the contact a transaction names by `ContactID`: it exists, and it is not
 * archived (Xero takes no new transactions for an archived contact until it is restored).
 *
 * @example
 * contactReferenceFindings(books, archivedContactId); // ['The contact with the specified contact details has been archived. …']
 */
export function contactReferenceFindings(books: OrganisationBooks, contactId: unknown): string[] {
  const contact = books.contactById(contactId);
  if (!contact) return ['The contact with the supplied ContactID was not found.'];
  if (contact.status !== 'ACTIVE') return ['The contact with the specified contact details has been archived. The contact must be un-archived before creating new invoices or credit notes.'];
  return [];
}

/**
 * `PUT /Accounts`: a bare Account. Names and codes are unique (case-insensitively); every account
 * but a bank account needs a code; a bank account needs its number and takes a currency the
 * organisation holds. Messages other than the spec's "Please enter a unique Name." are the
 * sandbox's wording.
 */
export function createAccount(books: OrganisationBooks, input: Json): Outcome<Account> {
  const messages: string[] = [];
  const name = text(input.Name);
  const type = input.Type as AccountType;
  const code = text(input.Code);
  const unique = accountNameCodeFindings(books, name, code);
  if (!name) messages.push('Please enter a Name.');
  messages.push(...unique.filter((f) => f.field === 'Name').map((f) => f.message));
  if (!ACCOUNT_TYPES.includes(type)) messages.push('Please select a valid Account Type.');
  if (code && code.length > 10) messages.push('The Code must be 10 characters or fewer.');
  else if (!code && type !== 'BANK') messages.push('Please enter a Code.');
  messages.push(...unique.filter((f) => f.field === 'Code').map((f) => f.message));
  const taxType = text(input.TaxType);
  if (taxType && !UK_TAX_RATES[taxType]) messages.push(`The TaxType code ${taxType} does not exist or cannot be used for this type of account.`);

  let currencyCode: string | undefined;
  let bankAccountNumber: string | undefined;
  if (type === 'BANK') {
    bankAccountNumber = text(input.BankAccountNumber);
    if (!bankAccountNumber) messages.push('Please enter a Bank Account Number.');
    currencyCode = text(input.CurrencyCode) ?? books.profile.baseCurrency;
    if (!books.profile.currencies.includes(currencyCode)) messages.push(`The currency ${currencyCode} is not enabled for this organisation.`);
    if (input.BankAccountType !== undefined && !['BANK', 'CREDITCARD', 'PAYPAL', 'NONE', ''].includes(String(input.BankAccountType))) {
      messages.push('Please select a valid Bank Account Type.');
    }
  }
  if (messages.length > 0) return refused(messages);

  const account: Account = {
    accountId: newUuid(),
    code,
    name: name!,
    type,
    status: 'ACTIVE',
    taxType: taxType ?? (type === 'BANK' ? 'NONE' : accountClass(type) === 'EXPENSE' ? 'INPUT2' : accountClass(type) === 'REVENUE' ? 'OUTPUT2' : 'NONE'),
    description: type === 'BANK' ? undefined : text(input.Description),
    bankAccountNumber,
    bankAccountType: type === 'BANK' ? ((text(input.BankAccountType) as Account['bankAccountType']) ?? 'BANK') : undefined,
    currencyCode,
    enablePaymentsToAccount: input.EnablePaymentsToAccount === true,
    openingBalance: 0,
    updatedAt: books.now(),
  };
  books.accounts.push(account);
  return { ok: true, record: account };
}

/**
 * One element of `PUT /Contacts`: a name unique among active contacts, in the spec's words.
 * `IsSupplier`/`IsCustomer` are not settable and are ignored.
 */
export function createContact(books: OrganisationBooks, input: Json): Outcome<Contact> {
  const name = text(input.Name);
  if (!name) return refused(['The Contact must contain at least 1 of the following elements to identify the contact: Name, ContactID, ContactNumber']);
  const clash = contactNameFindings(books, name);
  if (clash.length > 0) return refused(clash);
  const contactNumber = text(input.ContactNumber);
  if (contactNumber && contactNumber.length > 50) return refused(['The ContactNumber must be 50 characters or fewer.']);
  const contact: Contact = {
    contactId: newUuid(),
    name,
    contactNumber,
    firstName: text(input.FirstName),
    lastName: text(input.LastName),
    emailAddress: text(input.EmailAddress),
    status: 'ACTIVE',
    updatedAt: books.now(),
  };
  books.contacts.push(contact);
  return { ok: true, record: contact };
}

/**
 * The contact a transaction names: by `ContactID`, else `ContactNumber`, else `Name` (an unknown
 * name creates the contact, as Xero does). Undefined with a message when it names none.
 */
export function resolveContact(books: OrganisationBooks, value: unknown, messages: string[]): Contact | undefined {
  const ref = object(value);
  const id = text(ref?.ContactID);
  const number = text(ref?.ContactNumber);
  const name = text(ref?.Name);
  if (!id && !number && !name) {
    messages.push('The Contact must contain at least 1 of the following elements to identify the contact: Name, ContactID, ContactNumber');
    return undefined;
  }
  if (id) {
    const problems = contactReferenceFindings(books, id);
    messages.push(...problems);
    return problems.length === 0 ? books.contactById(id) : undefined;
  }
  if (number) {
    const contact = books.contacts.find((c) => c.contactNumber === number);
    if (contact || !name) {
      if (!contact) messages.push(`A contact with ContactNumber ${number} was not found.`);
      return contact;
    }
  }
  return books.activeContactNamed(name!) ?? { contactId: '', name: name!, status: 'ACTIVE', updatedAt: 0 };
}

/** Adds a contact that `resolveContact` named but that does not exist yet (only once the write is valid). */
export function keepContact(books: OrganisationBooks, contact: Contact): Contact {
  if (contact.contactId !== '') return contact;
  const outcome = createContact(books, { Name: contact.name });
  return outcome.ok ? outcome.record : contact;
}
