import type { PushOption } from './sandbox.types';
// Generated from Codat-Lending.yaml by `npm run contracts:extract` (the list is test/contracts/codat.contract.js);
// imported rather than read from disk so that `tsc` copies it into dist beside this file.
import generated from './xero-push-options.json';

/** Codat's own Xero "get create model" examples, by data type, exactly as Codat documents them. */
export const XERO_PUSH_OPTIONS: Readonly<Record<'chartOfAccounts' | 'suppliers' | 'transfers' | 'directCosts' | 'payments', PushOption>> = generated.values;
