import DataLoader from 'dataloader';
import type { Services } from '../../context';
import type { WritebackOperationEntity } from '../writeback/writeback-operation.entity';
import type { LedgerEventEntity } from './ledger-event.entity';

/** Per request: events' operations and operations' events, each fetched in one query per request tick. */
export class LedgerLoaders {
  readonly operationsByEvent: DataLoader<string, WritebackOperationEntity[]>;
  readonly eventById: DataLoader<string, LedgerEventEntity | null>;

  constructor(services: Services) {
    this.operationsByEvent = new DataLoader(async (ids) => {
      const ops = await services.writeback.forEvents(ids);
      return ids.map((id) => ops.filter((o) => o.eventId === id));
    });
    this.eventById = new DataLoader(async (ids) => {
      const events = await services.ledger.events(ids);
      return ids.map((id) => events.find((e) => e.id === id) ?? null);
    });
  }
}
