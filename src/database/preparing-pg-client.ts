import { Client } from 'pg';

/** Statements one connection prepares; any further ones run unnamed, as before. */
export const MAX_PREPARED_PER_CONNECTION = 200;

/** `SELECT *`, `RETURNING *`, `t.*`: their result's shape follows the table's. */
const STAR = /(?:\bSELECT|\bRETURNING|,)\s*(?:[\w"]+\.)?\*/i;

type Query = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/**
 * A node-postgres client that runs each parameterised statement as a named prepared statement,
 * so that Postgres parses it once per connection and may keep its plan, instead of parsing and
 * planning it on every call (most of a short statement's time on the server). Statements whose
 * result has the table's shape (`*`) stay unnamed: a column added by a newer gateway's migration
 * would make a running process's prepared one fail ("cached plan must not change result type").
 * Names are never reused within a connection, and a connection prepares at most
 * {@link MAX_PREPARED_PER_CONNECTION}, so the server's memory for them stays bounded.
 *
 * @example new Pool({ connectionString, Client: PreparingPgClient })
 */
export class PreparingPgClient extends Client {
  private readonly names = new Map<string, string>();

  constructor(config?: ConstructorParameters<typeof Client>[0]) {
    super(config);
    const query = (Client.prototype.query as Query).bind(this);
    (this as { query: Query }).query = (config, values, callback) => {
      const name = typeof config === 'string' && Array.isArray(values) && values.length > 0 ? this.nameOf(config) : null;
      return name ? query({ name, text: config, values }, callback) : query(config, values, callback);
    };
  }

  private nameOf(text: string): string | null {
    const known = this.names.get(text);
    if (known) return known;
    if (this.names.size >= MAX_PREPARED_PER_CONNECTION || STAR.test(text)) return null;
    const name = `wg_${this.names.size + 1}`;
    this.names.set(text, name);
    return name;
  }
}
