import type { DataSource } from 'typeorm';
import type { Config } from './config';
import { AppError } from './errors';
import type { Logger } from './logger';
import type { AuthService } from './modules/auth/auth.service';
import type { Principal } from './modules/auth/principal';
import { BooksLoaders } from './modules/books/books.loaders';
import type { CompanyService } from './modules/companies/company.service';
import type { ProviderRegistry } from './providers/registry';
import type { SecretBox } from './common/secret-box';
import { LedgerLoaders } from './modules/ledger/ledger.loaders';
import type { LedgerService } from './modules/ledger/ledger.service';
import type { MappingSetupService } from './modules/mapping/mapping-setup.service';
import type { MappingService } from './modules/mapping/mapping.service';
import type { WritebackService } from './modules/writeback/writeback.service';

/** Long-lived parts shared by every request. */
export interface Services {
  config: Config;
  log: Logger;
  db: DataSource;
  secretBox: SecretBox;
  providers: ProviderRegistry;
  auth: AuthService;
  companies: CompanyService;
  mapping: MappingService;
  mappingSetup: MappingSetupService;
  writeback: WritebackService;
  ledger: LedgerService;
}

/** Per request: who is calling, and the DataLoaders that make each provider dataset one call per request. */
export class RequestContext {
  readonly loaders: BooksLoaders;
  readonly ledgerLoaders: LedgerLoaders;

  constructor(
    readonly services: Services,
    private readonly principalOrError: Principal | AppError,
    readonly requestId: string,
  ) {
    this.loaders = new BooksLoaders(this);
    this.ledgerLoaders = new LedgerLoaders(services);
  }

  get principal(): Principal {
    if (this.principalOrError instanceof AppError) throw this.principalOrError;
    return this.principalOrError;
  }

  requireAdmin(): void {
    if (this.principal.kind !== 'admin') throw new AppError('FORBIDDEN', 'This operation needs an admin API key');
  }

  /** Admin keys reach every company; a company token only its own. */
  requireCompany(companyId: string): void {
    const p = this.principal;
    if (p.kind === 'company' && p.companyId !== companyId) {
      throw new AppError('FORBIDDEN', 'This token is scoped to another company');
    }
  }
}
