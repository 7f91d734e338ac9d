import type { RegisterCompanyInput } from '../../generated/graphql';
import type { TestGateway } from '../test-gateway';

/** A borrower as a provider's sandbox holds it, before the gateway knows it. */
export interface SandboxBorrower<Ids extends object = object> {
  /** The provider's id for the borrower's books: what `books` and fault matching take. */
  ref: string;
  /** What `registerCompany` needs besides `name` and `externalRef`. */
  registration: Omit<RegisterCompanyInput, 'name' | 'externalRef'>;
  /** The provider's own ids, handed to the tests that need them. */
  ids: Ids;
}

/**
 * Everything provider-specific the e2e tests do, so that the suite can run against each provider's
 * sandbox: create a borrower there, read its books as the sandbox sees them, and inject faults.
 */
export interface BorrowerFixture<Ids extends object = object> {
  /** The provider's name, as people say it. */
  provider: string;
  /** Creates a borrower with seeded books in the sandbox, as a real one would be. */
  create(t: TestGateway, name: string): Promise<SandboxBorrower<Ids>>;
  /** The sandbox's view of a borrower's books. */
  books(t: TestGateway, ref: string): Promise<unknown>;
  /** Queues a fault for the next matching requests or operations. */
  injectFault(t: TestGateway, fault: Record<string, unknown>): Promise<void>;
  clearFaults(t: TestGateway): Promise<void>;
}
