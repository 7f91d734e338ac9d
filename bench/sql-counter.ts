import type { DataSource } from 'typeorm';
import { PIPELINE_LOG } from '../src/database/pg-pipeline';

/** SQL statements and transactions counted while it runs, and how often each statement shape ran. */
export interface SqlCount {
  statements: number;
  transactions: number;
  /** Statement text (whitespace folded, first 90 characters) → times run. */
  shapes: Map<string, number>;
}

/**
 * Counts every statement the gateway sends to the database until `stop()`: its database work,
 * which does not depend on how busy the machine is. COMMITs count the transactions, and so does
 * each pipeline of statements (Postgres), which commits as one.
 *
 * @example const counting = countSql(db); await work(); const { statements } = counting.stop();
 */
export function countSql(db: DataSource): { stop(): SqlCount } {
  const count: SqlCount = { statements: 0, transactions: 0, shapes: new Map() };
  const logger = db.logger;
  const logQuery = logger.logQuery;
  const log = logger.log;
  logger.log = (level, message, runner) => {
    if (typeof message === 'string' && message.startsWith(PIPELINE_LOG)) count.transactions++;
    return log.call(logger, level, message, runner);
  };
  logger.logQuery = (query, parameters, runner) => {
    count.statements++;
    if (/^\s*COMMIT/i.test(query)) count.transactions++;
    const shape = query.replace(/\s+/g, ' ').trim().slice(0, 90);
    count.shapes.set(shape, (count.shapes.get(shape) ?? 0) + 1);
    return logQuery.call(logger, query, parameters, runner);
  };
  return {
    stop() {
      logger.logQuery = logQuery;
      logger.log = log;
      return count;
    },
  };
}

/** The most frequent statement shapes, each as times run per `per` (an operation, an event). */
export function topShapes(count: SqlCount, per: number, n = 12): string {
  return [...count.shapes]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([q, times]) => `  ${(times / per).toFixed(3)}  ${q}`)
    .join('\n');
}
