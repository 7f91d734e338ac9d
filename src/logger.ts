import pino, { type Logger } from 'pino';

/** Paths that may hold secrets anywhere in a log record; pino replaces their values. */
const REDACT = [
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'apiKey',
  '*.apiKey',
  'credentials',
  '*.credentials',
  'token',
  '*.token',
  'secretKey',
  'adminApiKey',
];

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' }, base: { service: 'writeback-gateway' } });
}

export type { Logger };
