import DataLoader from 'dataloader';
import type { RequestContext } from '../../context';
import type { BankAccount, Invoice, LedgerAccount, Supplier } from '../../providers/accounting-provider';
import { ProviderError } from '../../providers/provider-error';
import { fromProviderError } from '../../errors';

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
 */
export class BooksLoaders {
  private readonly loader: DataLoader<string, unknown>;

  constructor(private readonly ctx: RequestContext) {
    this.loader = new DataLoader(async (keys) => Promise.all(keys.map((key) => this.fetch(key).catch((err: unknown) => toError(err)))));
  }

  load<D extends Dataset>(companyId: string, dataset: D): Promise<Datasets[D]> {
    return this.loader.load(`${companyId}|${dataset}`) as Promise<Datasets[D]>;
  }

  /** Forgets a dataset after this request wrote to it, so a later read in the same request sees the write. */
  invalidate(companyId: string, dataset: Dataset): void {
    this.loader.clear(`${companyId}|${dataset}`);
  }

  private async fetch(key: string): Promise<unknown> {
    const [companyId, dataset] = key.split('|') as [string, Dataset];
    const { companies, providers } = this.ctx.services;
    const company = await companies.get(this.ctx, companyId);
    const provider = providers.get(company.provider);
    const conn = companies.connectionFor(company);
    switch (dataset) {
      case 'bankAccounts':
        return provider.listBankAccounts(conn);
      case 'accounts':
        return provider.listAccounts(conn);
      case 'suppliers':
        return provider.listSuppliers(conn);
      case 'invoices':
        return provider.listInvoices(conn);
    }
  }
}

function toError(err: unknown): Error {
  if (err instanceof ProviderError) return fromProviderError(err, 'Codat');
  return err instanceof Error ? err : new Error(String(err));
}
