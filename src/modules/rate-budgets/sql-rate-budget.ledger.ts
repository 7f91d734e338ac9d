import type { DataSource } from 'typeorm';
import { isPostgres, runSql } from '../../common/sql';
import {
  MAX_CONCURRENT_CALLS, refusal, type RateBudgetKey, type RateBudgetLedger, type RateBudgetRow, type RateGrant, type RateLimits, type RateRemaining, type RateReservation,
} from '../../providers/rate-budget-ledger';

const SLOTS = Array.from({ length: MAX_CONCURRENT_CALLS }, (_, i) => i + 1);
const COLUMNS = `seq, noted, minute_left AS "minuteLeft", minute_ends AS "minuteEnds", day_left AS "dayLeft", day_ends AS "dayEnds", paused_until AS "pausedUntil", ${SLOTS.map((n) => `lease_${n}`).join(', ')}`;

/**
 * The rate budgets in the gateway's database, the same rules as `reserveIn` and `settleIn` written
 * as one UPDATE each, so that every process sees one count: a call costs a reservation (one
 * statement, which also checks the app's pause) and a settlement (one statement, which frees its
 * slot and counts in the answer's headers). A refused reservation reads the row once to learn how
 * long to wait.
 *
 * @example
 * const ledger = new SqlRateBudgetLedger(db);
 * const r = await ledger.reserve({ provider: 'ACME', scope: orgId }, limits, Date.now());
 * if (r.granted) await ledger.settle({ provider: 'ACME', scope: orgId }, r, { minute: 59, day: 4999 }, limits, Date.now());
 */
export class SqlRateBudgetLedger implements RateBudgetLedger {
  private readonly known = new Set<string>();

  constructor(private readonly db: DataSource) {}

  async reserve(key: RateBudgetKey, limits: RateLimits, now: number): Promise<RateReservation> {
    await this.ensure(key);
    if (key.scope !== '') await this.ensure({ provider: key.provider, scope: '' });
    const concurrent = Math.min(limits.concurrent, MAX_CONCURRENT_CALLS);
    const slack = Math.min(limits.leaseMs, limits.minuteMs);
    const lease = now + limits.leaseMs;
    const int = (n: number) => `CAST($${n} AS bigint)`;
    const fresh = (col: string) => `${col}_ends <= ${int(3)}`;
    const slots = SLOTS.slice(0, concurrent);
    // Calls still in flight from the window before may reach the provider in the new one.
    const inFlight = slots.map((n) => `CASE WHEN lease_${n} > ${int(3)} THEN 1 ELSE 0 END`).join(' + ');
    // The first free slot takes the lease: every slot before it is held.
    const take = slots.map((n) => `lease_${n} = CASE WHEN ${[...slots.slice(0, n - 1).map((m) => `lease_${m} > ${int(3)}`), `lease_${n} <= ${int(3)}`].join(' AND ')} THEN ${int(8)} ELSE lease_${n} END`);
    const rows = await runSql<{ seq: number | string; ahead: number | string }>(
      this.db,
      `UPDATE provider_rate_budgets SET seq = seq + 1,
         noted = CASE WHEN ${fresh('minute')} THEN seq + 1 ELSE noted END,
         minute_left = CASE WHEN ${fresh('minute')} THEN ${int(4)} - 1 - (${inFlight}) ELSE minute_left - 1 END,
         minute_ends = CASE WHEN ${fresh('minute')} THEN ${int(5)} ELSE minute_ends END,
         day_left = CASE WHEN ${fresh('day')} THEN ${int(6)} - 1 ELSE day_left - 1 END,
         day_ends = CASE WHEN ${fresh('day')} THEN ${int(7)} ELSE day_ends END,
         ${take.join(',\n         ')}
       WHERE provider = $1 AND scope = $2 AND paused_until <= ${int(3)}
         AND (${fresh('minute')} OR minute_left > 0) AND (${fresh('day')} OR day_left > 0)
         AND (${slots.map((n) => `lease_${n} <= ${int(3)}`).join(' OR ')})
         AND NOT EXISTS (SELECT 1 FROM provider_rate_budgets app WHERE app.provider = $1 AND app.scope = '' AND app.paused_until > ${int(3)})
       RETURNING seq, (${inFlight}) AS ahead`,
      [key.provider, key.scope, now, limits.perMinute, now + limits.minuteMs + slack, limits.perDay, now + limits.dayMs + slack, lease],
    );
    // The row as updated holds this call's lease too: the others in flight are one fewer.
    if (rows.length) return { granted: true, seq: Number(rows[0].seq), lease, ahead: Number(rows[0].ahead) - 1 };
    const [row, app] = await Promise.all([this.read(key), key.scope === '' ? null : this.read({ provider: key.provider, scope: '' })]);
    // Refused a moment ago but free now (a slot came back in between): ask again at once.
    return { granted: false, ...(refusal(row, app, limits, now) ?? { waitMs: 0, spent: 'concurrent' as const }) };
  }

  async settle(key: RateBudgetKey, grant: RateGrant, seen: RateRemaining, limits: RateLimits, now: number): Promise<void> {
    const int = (n: number) => `CAST($${n} AS bigint)`;
    const least = isPostgres(this.db) ? 'LEAST' : 'MIN';
    // One slot with this lease is freed (two calls may hold equal leases: each frees one).
    const free = SLOTS.map((n) => `lease_${n} = CASE WHEN ${[...SLOTS.slice(0, n - 1).map((m) => `lease_${m} <> ${int(3)}`), `lease_${n} = ${int(3)}`].join(' AND ')} THEN 0 ELSE lease_${n} END`);
    const stale = `${int(4)} < noted`;
    const fold = (col: string, seen: number, ends: number) => [
      `${col}_ends = CASE WHEN ${int(seen)} IS NULL OR ${stale} THEN ${col}_ends WHEN ${int(seen)} - (seq - ${int(4)} + ${int(9)}) > ${col}_left THEN ${int(ends)} ELSE ${least}(${col}_ends, ${int(ends)}) END`,
      `${col}_left = CASE WHEN ${int(seen)} IS NULL OR ${stale} THEN ${col}_left ELSE ${int(seen)} - (seq - ${int(4)} + ${int(9)}) END`,
    ];
    await runSql(
      this.db,
      `UPDATE provider_rate_budgets SET ${[
        ...free,
        ...fold('minute', 5, 6),
        ...fold('day', 7, 8),
        `noted = CASE WHEN (${int(5)} IS NULL AND ${int(7)} IS NULL) OR ${stale} THEN noted ELSE ${int(4)} END`,
      ].join(', ')}
       WHERE provider = $1 AND scope = $2`,
      [key.provider, key.scope, grant.lease, grant.seq, seen.minute, now + limits.minuteMs, seen.day, now + limits.dayMs, grant.ahead],
    );
  }

  async pause(key: RateBudgetKey, until: number, spent: 'minute' | 'day' | null): Promise<void> {
    await this.ensure(key);
    const greatest = isPostgres(this.db) ? 'GREATEST' : 'MAX';
    const limit = spent ? `, ${spent}_left = 0, ${spent}_ends = CAST($3 AS bigint)` : '';
    await runSql(this.db, `UPDATE provider_rate_budgets SET paused_until = ${greatest}(paused_until, CAST($3 AS bigint))${limit} WHERE provider = $1 AND scope = $2`, [key.provider, key.scope, until]);
  }

  private async read(key: RateBudgetKey): Promise<RateBudgetRow> {
    const [r] = await runSql<Record<string, number | string>>(this.db, `SELECT ${COLUMNS} FROM provider_rate_budgets WHERE provider = $1 AND scope = $2`, [key.provider, key.scope]);
    const n = (v: number | string | undefined) => Number(v ?? 0);
    return {
      seq: n(r?.seq), noted: n(r?.noted), minuteLeft: n(r?.minuteLeft), minuteEnds: n(r?.minuteEnds), dayLeft: n(r?.dayLeft), dayEnds: n(r?.dayEnds), pausedUntil: n(r?.pausedUntil),
      leases: SLOTS.map((s) => n(r?.[`lease_${s}`])),
    };
  }

  /** The row exists from the first call on: created once, by whichever process gets there first. */
  private async ensure(key: RateBudgetKey): Promise<void> {
    const id = `${key.provider}\n${key.scope}`;
    if (this.known.has(id)) return;
    await runSql(
      this.db,
      `INSERT INTO provider_rate_budgets (provider, scope, seq, noted, minute_left, minute_ends, day_left, day_ends, paused_until, ${SLOTS.map((n) => `lease_${n}`).join(', ')})
       VALUES ($1, $2, 0, 0, 0, 0, 0, 0, 0${', 0'.repeat(SLOTS.length)}) ON CONFLICT DO NOTHING`,
      [key.provider, key.scope],
    );
    this.known.add(id);
  }
}
