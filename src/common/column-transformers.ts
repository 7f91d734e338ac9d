import type { ValueTransformer } from 'typeorm';

/**
 * Postgres returns BIGINT as a string; SQLite as a number. Money (minor units) and
 * epoch-millisecond timestamps are stored as BIGINT and read back as numbers on both.
 */
export const bigintNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? value : Number(value)),
};
