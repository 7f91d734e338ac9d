import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../../common/column-transformers';

const ms = { type: 'bigint', transformer: bigintNumber } as const;

/**
 * One organisation's call budget at a provider (`scope` its id there), or the app's own (`scope`
 * ''), shared by every gateway process: written with single statements by `SqlRateBudgetLedger`.
 * Times are epoch milliseconds; a lease holds one of the calls in flight until its time.
 */
@Entity({ name: 'provider_rate_budgets' })
export class ProviderRateBudgetEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  provider: string;

  @PrimaryColumn({ type: 'varchar', length: 100 })
  scope: string;

  /** Calls reserved so far, numbered; `noted` is the newest whose answer was counted in. */
  @Column({ ...ms })
  seq: number;

  @Column({ ...ms })
  noted: number;

  @Column({ name: 'minute_left', type: 'integer' })
  minuteLeft: number;

  @Column({ name: 'minute_ends', ...ms })
  minuteEnds: number;

  @Column({ name: 'day_left', type: 'integer' })
  dayLeft: number;

  @Column({ name: 'day_ends', ...ms })
  dayEnds: number;

  @Column({ name: 'paused_until', ...ms })
  pausedUntil: number;

  @Column({ name: 'lease_1', ...ms }) lease1: number;
  @Column({ name: 'lease_2', ...ms }) lease2: number;
  @Column({ name: 'lease_3', ...ms }) lease3: number;
  @Column({ name: 'lease_4', ...ms }) lease4: number;
  @Column({ name: 'lease_5', ...ms }) lease5: number;
  @Column({ name: 'lease_6', ...ms }) lease6: number;
  @Column({ name: 'lease_7', ...ms }) lease7: number;
  @Column({ name: 'lease_8', ...ms }) lease8: number;
}
