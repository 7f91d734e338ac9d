import type { BorrowerFixture } from './borrower-fixture';
import { codatBorrowers } from './codat.borrower';
import { sinaoBorrowers } from './sinao.borrower';
import { xeroBorrowers } from './xero.borrower';

export type { BorrowerFixture, FaultTarget, NeutralFault, SandboxBorrower } from './borrower-fixture';
export { codatBorrowers, sinaoBorrowers, xeroBorrowers };

/** Every provider the provider-neutral e2e tests run against, for `describe.each`. */
export const BORROWER_FIXTURES: BorrowerFixture<object>[] = [codatBorrowers, sinaoBorrowers, xeroBorrowers] as BorrowerFixture<object>[];

/** The provider whose sandbox the provider-specific e2e tests run against. */
export const borrowers: BorrowerFixture<object> & typeof codatBorrowers = codatBorrowers;
