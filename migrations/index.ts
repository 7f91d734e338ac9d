import { Foundation1763700000000 } from './1763700000000-foundation';
import { Writeback1763800000000 } from './1763800000000-writeback';
import { QueueHeads1764300000000 } from './1764300000000-queue-heads';

/** Migrations in the order they run. */
export const MIGRATIONS = [Foundation1763700000000, Writeback1763800000000, QueueHeads1764300000000];
