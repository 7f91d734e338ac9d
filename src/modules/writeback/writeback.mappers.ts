import type { WritebackOperationEntity } from './writeback-operation.entity';
import type { WritebackOperation } from './writeback.types';

export const toOperation = (e: WritebackOperationEntity): WritebackOperation => ({
  id: e.id,
  companyId: e.companyId,
  eventId: e.eventId,
  kind: e.kind,
  status: e.status,
  attempts: e.attempts,
  lastError: e.lastError,
  failure: e.status === 'FAILED' ? e.failure : null,
  providerOperationId: e.providerOperationId,
  providerRecordIds: e.providerRecordIds ?? [],
  nextAttemptAt: e.status === 'PENDING' || e.status === 'HELD' ? new Date(e.nextAttemptAt) : null,
  completedAt: e.completedAt === null ? null : new Date(e.completedAt),
  createdAt: e.createdAt,
  updatedAt: e.updatedAt,
});
