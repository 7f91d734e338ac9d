import { Foundation1763700000000 } from './1763700000000-foundation';
import { Writeback1763800000000 } from './1763800000000-writeback';
import { DeliveryFencing1764000000000 } from './1764000000000-delivery-fencing';
import { OneRegistrationPerConnection1764200000000 } from './1764200000000-one-registration-per-connection';
import { QueueHeads1764300000000 } from './1764300000000-queue-heads';
import { ProviderConnections1765100000000 } from './1765100000000-provider-connections';
import { AutoReconcileBankLines1765200000000 } from './1765200000000-auto-reconcile-bank-lines';
import { OAuthConnections1765300000000 } from './1765300000000-oauth-connections';
import { ProviderRateBudgets1765400000000 } from './1765400000000-provider-rate-budgets';
import { OperationFailure1765500000000 } from './1765500000000-operation-failure';

/** Migrations in the order they run. */
export const MIGRATIONS = [Foundation1763700000000, Writeback1763800000000, DeliveryFencing1764000000000, OneRegistrationPerConnection1764200000000, QueueHeads1764300000000, ProviderConnections1765100000000, AutoReconcileBankLines1765200000000, OAuthConnections1765300000000, ProviderRateBudgets1765400000000, OperationFailure1765500000000];
