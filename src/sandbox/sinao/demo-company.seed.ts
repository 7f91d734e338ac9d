import { lenderSpellingVariant, lookalikeFinanceCompany } from './lender-names';
import type { AccountRecord, Books, InvoiceRecord, OrganizationRecord, SalesLineRecord } from './sinao-sandbox.types';

export type NextId = (kind: string) => number;

/**
 * A French company's books as Sinao would hold them after a few months of use: EUR, the plan
 * comptable général (class 6 expenses, 58 internal transfers), a real bank account, contacts
 * among which a near-miss of the lender's name, and final, paid, part-paid and draft invoices.
 * Dates are relative to `now`, so the books always look current.
 */
export function seedDemoBooks(companyName: string, lenderName: string, nextId: NextId, now = new Date()): Books {
  const at = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, '.000000Z');
  const created = at(120);

  const org = (name: string, extra: Partial<OrganizationRecord> = {}): OrganizationRecord => ({
    id: nextId('organization'),
    name,
    billing_name: null,
    legal_form: null,
    country_iso2: 'FR',
    national_id: null,
    vat_id: null,
    created_at: created,
    ...extra,
  });
  const organization = org(companyName, { legal_form: 'SARL', national_id: '812345674' });

  const account = (accounting_number: string, name: string, flags: Partial<AccountRecord> = {}): AccountRecord => ({
    id: nextId('account'),
    accounting_number,
    name,
    description: null,
    journalcode: null,
    keywords: null,
    is_cashflow: false,
    is_sales: false,
    is_purchase: false,
    is_associate: false,
    is_various: false,
    editable: false,
    ...flags,
  });
  const accounts = [
    account('164000', 'Emprunts auprès des établissements de crédit', { is_various: true }),
    account('401000', 'Fournisseurs'),
    account('411000', 'Clients'),
    account('445660', 'TVA déductible sur autres biens et services'),
    account('445710', 'TVA collectée'),
    account('455000', 'Associés - comptes courants', { is_associate: true }),
    account('512000', 'Banque', { is_cashflow: true, journalcode: 'BQ' }),
    account('580000', 'Virements internes', { is_cashflow: true, is_various: true, description: 'Mouvements de fonds entre les comptes de trésorerie de la société' }),
    account('606300', "Fournitures d'entretien et de petit équipement", { is_purchase: true, editable: true }),
    account('613200', 'Locations immobilières', { is_purchase: true, editable: true }),
    account('622600', 'Honoraires', { is_purchase: true, editable: true }),
    account('626000', 'Frais postaux et de télécommunications', { is_purchase: true, editable: true }),
    account('627000', 'Services bancaires et assimilés', { is_purchase: true, editable: true, keywords: 'frais,commission,agios' }),
    account('661100', 'Intérêts des emprunts et dettes', { is_purchase: true, editable: true }),
    account('706000', 'Prestations de services', { is_sales: true, journalcode: 'VT' }),
    account('707000', 'Ventes de marchandises', { is_sales: true, journalcode: 'VT' }),
  ];

  const customers = [
    org('Hôtel du Port SAS', { legal_form: 'SAS', national_id: '523456781' }),
    org('Boulangerie Martin', { legal_form: 'EURL' }),
    org('Mairie de Cancale'),
    org('Transports Lefèvre et Fils', { legal_form: 'SARL' }),
  ];
  const suppliers = [
    org('EDF', { legal_form: 'SA', national_id: '552081317' }),
    org('Orange', { legal_form: 'SA', national_id: '380129866' }),
    org(lenderSpellingVariant(lenderName)),
    org(lookalikeFinanceCompany(lenderName), { legal_form: 'SAS' }),
  ];

  const bankId = nextId('cashflow_source');
  const cashflowSources: Books['cashflowSources'] = [
    { id: bankId, name: 'Compte courant Crédit Maritime', identifiant: 'FR7613507000010123456789012', type: 'bank', account_type: 'checking', opening_amount: 1_254_300, status: 'active', disabled: 0, parent_cashflow_source_id: null, created_at: created, updated_at: created },
    { id: nextId('cashflow_source'), name: 'Caisse', identifiant: null, type: 'cashdesk', account_type: 'unknown', opening_amount: 15_000, status: 'active', disabled: 0, parent_cashflow_source_id: null, created_at: created, updated_at: created },
    { id: nextId('cashflow_source'), name: "Chèques en attente d'encaissement", identifiant: null, type: 'waiting', account_type: 'pending', opening_amount: 0, status: 'active', disabled: 0, parent_cashflow_source_id: null, created_at: created, updated_at: created },
  ];

  const line = (detail: string, quantity: number, amount: number): SalesLineRecord => ({ detail, quantity, amount, vat_percent: 2000 });
  const invoice = (status: InvoiceRecord['status'], number: string | null, customer: OrganizationRecord, title: string, lines: SalesLineRecord[], daysAgo: number): InvoiceRecord => {
    const subtotal = lines.reduce((sum, l) => sum + Math.round(l.amount * l.quantity), 0);
    const taxes = lines.reduce((sum, l) => sum + Math.round((l.amount * l.quantity * l.vat_percent) / 10_000), 0);
    return {
      id: nextId('invoice'),
      number,
      title,
      status,
      currency: 'EUR',
      customer_organization_id: customer.id,
      content: lines,
      due: subtotal + taxes,
      subtotal,
      taxes,
      written_at: at(daysAgo),
      validated_at: status === 'draft' ? null : at(daysAgo),
      paid_at: null,
      payment_period: 30,
    };
  };
  // 1 000,00 € TTC exactly: 833,33 € HT at 20 % is 166,67 € of VAT.
  const invoices = [
    invoice('final', 'F-2026-0041', customers[0], 'Séminaire de printemps', [line('Location de salle et restauration', 1, 83_333)], 20),
    invoice('final', 'F-2026-0042', customers[1], 'Livraisons de mars', [line('Farine T65, sac de 25 kg', 40, 5_000)], 15),
    invoice('final', 'F-2026-0043', customers[3], 'Transport de marchandises', [line('Tournée régionale', 3, 50_000)], 12),
    invoice('final', 'F-2026-0039', customers[2], 'Marché de Noël', [line('Stand et animation', 1, 50_000)], 45),
    invoice('draft', null, customers[0], 'Devis converti - réception', [line('Cocktail dînatoire', 50, 750)], 2),
  ];

  const paidInvoice = invoices[3];
  const partInvoice = invoices[2];
  const transaction = (amount: number, label: string, daysAgo: number, contact: OrganizationRecord | null, method: 'transfer' | 'automatic_debit' = 'transfer') => ({
    id: nextId('transaction'),
    cashflow_source_id: bankId,
    amount,
    received_at: at(daysAgo),
    label,
    details: null,
    method,
    contact_organization_id: contact?.id ?? null,
    contact_person_id: null,
    contact_name: null,
    created_at: at(daysAgo),
    updated_at: at(daysAgo),
    deleted_at: null,
  });
  const transactions = [
    transaction(paidInvoice.due, `VIR MAIRIE DE CANCALE ${paidInvoice.number}`, 30, customers[2]),
    transaction(-18_450, 'PRLV SEPA EDF CLIENTS PARTICULIERS', 25, suppliers[0], 'automatic_debit'),
    transaction(-4_999, 'PRLV SEPA ORANGE', 20, suppliers[1], 'automatic_debit'),
    transaction(50_000, `VIR TRANSPORTS LEFEVRE ACOMPTE ${partInvoice.number}`, 8, customers[3]),
    transaction(-120_000, 'VIR LOYER AVRIL SCI DU MOLE', 5, null),
  ];
  const [paidBy, edf, orange, partBy] = transactions;
  const link = (parent: { type: 'transaction'; id: number }, child: Books['links'][number]['child'], amount: number, date: string) => ({
    id: nextId('payment'), parent, child, amount, date, rule_id: null, created_at: date,
  });
  const accountNumbered = (n: string) => accounts.find((a) => a.accounting_number === n)!.id;
  const links: Books['links'] = [
    link({ type: 'transaction', id: paidBy.id }, { type: 'sales', id: paidInvoice.id }, paidInvoice.due, paidBy.received_at),
    link({ type: 'transaction', id: edf.id }, { type: 'account', id: accountNumbered('606300') }, 18_450, edf.received_at),
    link({ type: 'transaction', id: orange.id }, { type: 'account', id: accountNumbered('626000') }, 4_999, orange.received_at),
    link({ type: 'transaction', id: partBy.id }, { type: 'sales', id: partInvoice.id }, 50_000, partBy.received_at),
  ];
  paidInvoice.status = 'paid';
  paidInvoice.paid_at = paidBy.received_at;

  return {
    organization,
    cashflowSources,
    transactions,
    accounts,
    organizations: [...customers, ...suppliers],
    invoices,
    purchases: [
      { id: nextId('purchase'), title: 'Facture électricité', status: 'completed', currency: 'EUR', supplier_organization_id: suppliers[0].id, account_id: accountNumbered('606300'), amount: 15_375, amount_tax: 3_075, billed_at: at(28).slice(0, 10), paid_at: null },
    ],
    links,
    rules: [],
  };
}
