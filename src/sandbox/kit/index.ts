/**
 * The sandbox kit: what every provider emulator shares. An emulator brings its error dialect, its
 * fault kinds, its state and its routes; the kit gives it the edge pipeline, faults, idempotency
 * keys (if the provider has them), the request log, the admin routes, ids and paging.
 */
export { adminRoutes, type AdminOptions, type AdminStore } from './admin-routes';
export { createEdge, principalOf, send, type Authorization, type BodyKinds, type Edge, type EdgeOptions, type Handler } from './edge';
export { SandboxInputError, type ErrorDialect } from './error-dialect';
export { exchangeRecorder, flatQuery, type Exchange } from './exchange-recorder';
export {
  COMMON_FAULTS, FaultQueue, mulberry32,
  type CommonFault, type FaultKinds, type FaultMatch, type FaultSpec, type FaultTarget, type QueuedFault, type RandomFaultSpec, type RandomFaultState,
} from './fault-queue';
export { IdempotencyCache, fingerprint, type IdempotencyLookup, type IdempotencyOptions } from './idempotency-cache';
export { IntegerIds, deterministicUuid, newUuid } from './ids';
export { slice } from './paging';
export type { Reply } from './reply';
export { DEFAULT_REQUEST_LOG_SIZE, RequestLog, type RequestLogEntry } from './request-log';
