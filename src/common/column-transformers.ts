import type { ValueTransformer } from 'typeorm';

/**
 * Postgres returns BIGINT as a string; SQLite as a number. Money (minor units) and
 * epoch-millisecond timestamps are stored as BIGINT and read back as numbers on both.
 */
export const bigintNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? value : Number(value)),
};

/**
 * A BIGINT that may exceed 2^53 (a running balance), as an exact decimal string. Postgres returns it
 * exactly; better-sqlite3 reads integers as doubles, so exact reads on SQLite select
 * `CAST(column AS TEXT)`.
 */
export const bigintText: ValueTransformer = {
  to: (value: bigint | string | number | null | undefined) => (value === null || value === undefined ? value : String(value)),
  from: (value: string | number | null) => (value === null || value === undefined ? value : String(value)),
};
