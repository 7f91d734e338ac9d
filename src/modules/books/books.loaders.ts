import DataLoader from 'dataloader';
import type { BankAccount, Invoice, LedgerAccount, Supplier } from '../../providers/accounting-provider';
import type { ProviderConnections } from '../companies/provider-connections';

interface Datasets {
  bankAccounts: BankAccount[];
  accounts: LedgerAccount[];
  suppliers: Supplier[];
  invoices: Invoice[];
}
export type Dataset = keyof Datasets;

/**
 * One provider call per (company, dataset) per GraphQL request, however many fields,
 * aliases or nested selections ask for it: every read of the borrower's books goes through here.
 * Provider failures pass through as they are; the GraphQL error mapping names the provider.
 *
 * @example
 * const loaders = new BooksLoaders((id) => ctx.requireCompany(id), connections);
 * const banks = await loaders.load(companyId, 'bankAccounts');
 */
export class BooksLoaders {
  private readonly loader: DataLoader<string, unknown>;
  private readonly invoices: DataLoader<string, Invoice | null>;

  constructor(
    /** Throws when the caller may not see the company. */
    private readonly requireCompany: (companyId: string) => void,
    private readonly connections: Pick<ProviderConnections, 'resolve'>,
  ) {
    this.loader = new DataLoader(async (keys) => Promise.all(keys.map((key) => this.fetch(key).catch((err: unknown) => asError(err)))));
    this.invoices = new DataLoader(async (keys) => Promise.all(keys.map((key) => this.fetchInvoice(key).catch((err: unknown) => asError(err)))));
  }

  load<D extends Dataset>(companyId: string, dataset: D): Promise<Datasets[D]> {
    return this.loader.load(`${companyId}|${dataset}`) as Promise<Datasets[D]>;
  }

  /** One invoice, asked of the provider by id (not by listing every invoice); null when the books have none. */
  invoice(companyId: string, invoiceId: string): Promise<Invoice | null> {
    return this.invoices.load(`${companyId}|${invoiceId}`);
  }

  /** Forgets a dataset after this request wrote to it, so a later read in the same request sees the write. */
  invalidate(companyId: string, dataset: Dataset): void {
    this.loader.clear(`${companyId}|${dataset}`);
  }

  private async fetch(key: string): Promise<unknown> {
    const [companyId, dataset] = key.split('|') as [string, Dataset];
    this.requireCompany(companyId);
    const { adapter, conn } = await this.connections.resolve(companyId);
    switch (dataset) {
      case 'bankAccounts':
        return adapter.listBankAccounts(conn);
      case 'accounts':
        return adapter.listAccounts(conn);
      case 'suppliers':
        return adapter.listSuppliers(conn);
      case 'invoices':
        return adapter.listInvoices(conn);
    }
  }

  private async fetchInvoice(key: string): Promise<Invoice | null> {
    const cut = key.indexOf('|');
    const companyId = key.slice(0, cut);
    this.requireCompany(companyId);
    const { adapter, conn } = await this.connections.resolve(companyId);
    return adapter.getInvoice(conn, key.slice(cut + 1));
  }
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
