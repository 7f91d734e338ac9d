import { codatBorrowers } from './codat.borrower';

/** The provider whose sandbox the e2e tests run against. */
export const borrowers = codatBorrowers;
