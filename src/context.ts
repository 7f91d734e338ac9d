import { AppError } from './errors';
import type { Principal } from './modules/auth/principal';
import type { BooksLoaders } from './modules/books/books.loaders';
import type { LedgerLoaders } from './modules/ledger/ledger.loaders';

/** Per request: who is calling, and the DataLoaders (built by the server) that make each provider dataset one call per request. */
export class RequestContext {
  constructor(
    private readonly principalOrError: Principal | AppError,
    readonly requestId: string,
    readonly loaders: BooksLoaders,
    readonly ledgerLoaders: LedgerLoaders,
  ) {}

  get principal(): Principal {
    return principalOf(this.principalOrError);
  }

  requireAdmin(): void {
    if (this.principal.kind !== 'admin') throw new AppError('FORBIDDEN', 'This operation needs an admin API key');
  }

  /** Admin keys reach every company; a company token only its own. */
  requireCompany(companyId: string): void {
    requireCompanyScope(this.principalOrError, companyId);
  }
}

function principalOf(principalOrError: Principal | AppError): Principal {
  if (principalOrError instanceof AppError) throw principalOrError;
  return principalOrError;
}

/** Admin keys reach every company; a company token only its own. Throws the authentication error, if any. */
export function requireCompanyScope(principalOrError: Principal | AppError, companyId: string): void {
  const p = principalOf(principalOrError);
  if (p.kind === 'company' && p.companyId !== companyId) {
    throw new AppError('FORBIDDEN', 'This token is scoped to another company');
  }
}
