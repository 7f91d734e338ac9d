import { DatabaseError, Query, type Client } from 'pg';
import { QueryFailedError, type DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { PreparingPgClient } from './preparing-pg-client';

/** One statement of a pipeline, with Postgres-style `$n` placeholders. */
export interface Statement {
  text: string;
  values: unknown[];
}

/** How node-postgres turns a parameter into its text on the wire, as for its own queries (not in its typings). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepareValue } = require('pg/lib/utils') as { prepareValue: (value: unknown) => unknown };

/** How the log names a pipeline, before its number of statements: TypeORM's logger gets it as an `info` message. */
export const PIPELINE_LOG = 'pipeline of ';

/** Statement texts a pipeline names, at most; any further ones run unnamed. */
const MAX_NAMED = 100;
const names = new Map<string, string>();
/** The names each connection has prepared (confirmed by a pipeline that ran without error). */
const preparedOn = new WeakMap<object, Set<string>>();

/** The wire-protocol calls of node-postgres's connection a pipeline sends (as its own queries do). */
interface Wire {
  parse(msg: { text: string; name: string }): void;
  close(msg: { type: 'S'; name: string }): void;
  bind(msg: { portal: string; statement: string; values: unknown[]; binary: boolean; valueMapper: typeof prepareValue }): void;
  describe(msg: { type: 'P'; name: string }): void;
  execute(msg: { portal: string }): void;
  sync(): void;
}
type Results = { rows: Record<string, unknown>[] } | { rows: Record<string, unknown>[] }[];

/**
 * node-postgres's query, sending several statements with one Sync: Parse (where the connection has
 * not prepared the statement yet), Bind, Describe and Execute for each, then Sync, in one write.
 * Results, errors and the answer come back through node-postgres's own handling of a query of
 * several statements.
 */
class PipelinedQuery extends Query {
  private failed = false;

  constructor(
    private readonly statements: { text: string; values: unknown[]; name: string }[],
    private readonly connectionKey: object,
    callback: (err: Error | null, results?: Results) => void,
  ) {
    super({ text: statements[0].text, values: statements[0].values, callback } as never);
  }

  requiresPreparation(): boolean {
    return true;
  }

  prepare(wire: Wire): void {
    const prepared = preparedOn.get(this.connectionKey);
    for (const { text, values, name } of this.statements) {
      if (!name || !prepared?.has(name)) {
        // A pipeline that failed may or may not have prepared its statements: Close (never an error) makes Parse safe either way.
        if (name) wire.close({ type: 'S', name });
        wire.parse({ text, name });
      }
      wire.bind({ portal: '', statement: name, values, binary: false, valueMapper: prepareValue });
      wire.describe({ type: 'P', name: '' });
      wire.execute({ portal: '' });
    }
    wire.sync();
  }

  handleError(err: Error, connection: unknown): void {
    this.failed = true;
    (Query.prototype as unknown as { handleError: (e: Error, c: unknown) => void }).handleError.call(this, err, connection);
  }

  handleReadyForQuery(connection: unknown): void {
    if (!this.failed) {
      const prepared = preparedOn.get(this.connectionKey) ?? new Set<string>();
      for (const { name } of this.statements) if (name) prepared.add(name);
      preparedOn.set(this.connectionKey, prepared);
    }
    (Query.prototype as unknown as { handleReadyForQuery: (c: unknown) => void }).handleReadyForQuery.call(this, connection);
  }
}

function nameOf(text: string): string {
  const known = names.get(text);
  if (known) return known;
  if (names.size >= MAX_NAMED) return '';
  const name = `wg_pipeline_${names.size + 1}`;
  names.set(text, name);
  return name;
}

/**
 * Runs statements on Postgres in one round trip, as one transaction: they are sent together and
 * end with a single Sync, so the server runs them in order, each with a snapshot of its own taken
 * when it starts (read committed), commits them together at the Sync, and, should one fail, skips
 * the rest and rolls back all. A `SELECT … FOR UPDATE` first therefore holds its lock for the
 * statements after it, as in a transaction, without the round trips of `START TRANSACTION` and
 * `COMMIT`. Returns each statement's rows. Statements are prepared once per connection, as every
 * other statement is (unless `DATABASE_PREPARED_STATEMENTS` is off). Each statement is logged as
 * TypeORM logs a query, and the pipeline itself as an `info` message, "pipeline of N statements".
 *
 * @example
 * const [, [row]] = await pipeline(db, [{ text: 'SELECT 1 FROM t WHERE id = $1 FOR UPDATE', values: [id] }, { text: 'UPDATE t SET n = n + 1 WHERE id = $1 RETURNING n', values: [id] }]);
 */
export async function pipeline(db: DataSource, statements: Statement[]): Promise<Record<string, unknown>[][]> {
  const [client, release] = (await (db.driver as PostgresDriver).obtainMasterConnection()) as [Client, (err?: Error) => void];
  const named = client instanceof PreparingPgClient;
  const sent = statements.map((s) => ({ ...s, name: named ? nameOf(s.text) : '' }));
  for (const s of statements) db.logger.logQuery(s.text, s.values);
  db.logger.log('info', `${PIPELINE_LOG}${statements.length} statements`);
  let broken: Error | undefined;
  try {
    const results = await new Promise<Results>((resolve, reject) => {
      void client.query(new PipelinedQuery(sent, client, (err, res) => (err ? reject(err) : resolve(res!))) as never);
    });
    return (Array.isArray(results) ? results : [results]).map((r) => r.rows);
  } catch (err) {
    // The server's own errors leave the connection usable; any other (the socket's) does not.
    if (!(err instanceof DatabaseError)) broken = err as Error;
    const text = statements.map((s) => s.text).join(';\n');
    const values = statements.flatMap((s) => s.values);
    db.logger.logQueryError(err as Error, text, values);
    throw new QueryFailedError(text, values, err as Error);
  } finally {
    release(broken);
  }
}
