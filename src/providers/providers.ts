import type { AnyProviderDefinition } from './provider';
import { codat } from './codat/codat.provider';
import { sinao } from './sinao/sinao.provider';
import { xero } from './xero/xero.provider';

/** Every provider the gateway speaks to: adding one is its folder plus one entry here. */
export const PROVIDERS: readonly AnyProviderDefinition[] = [codat, sinao, xero];
