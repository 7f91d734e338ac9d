import { ApiKeyEntity } from './modules/auth/api-key.entity';
import { CompanyEntity } from './modules/companies/company.entity';
import { ConnectionAuthorisationEntity } from './modules/companies/connection-authorisation.entity';
import { LedgerEventEntity } from './modules/ledger/ledger-event.entity';
import { StatementFeedEntity } from './modules/ledger/statement-feed.entity';
import { AccountMappingEntity } from './modules/mapping/account-mapping.entity';
import { MappingChangeEntity } from './modules/mapping/mapping-change.entity';
import { ProviderRateBudgetEntity } from './modules/rate-budgets/provider-rate-budget.entity';
import { WritebackOperationEntity } from './modules/writeback/writeback-operation.entity';
import { WritebackQueueHeadEntity } from './modules/writeback/writeback-queue-head.entity';

/** Every TypeORM entity, listed once for the DataSource. */
export const ENTITIES = [
  ApiKeyEntity,
  CompanyEntity,
  ConnectionAuthorisationEntity,
  AccountMappingEntity,
  MappingChangeEntity,
  LedgerEventEntity,
  StatementFeedEntity,
  WritebackOperationEntity,
  WritebackQueueHeadEntity,
  ProviderRateBudgetEntity,
];
