import type { Request } from 'express';
import { CodatError } from './codat-error';
import { asObject } from './push-findings';
import type { Books, CodatCompany, CodatConnection, JsonObject } from './sandbox.types';
import type { CodatSandboxStore } from './codat-sandbox.store';

/** The checks Codat makes before it looks at what a request asks for, with Codat's wording. */

export function requireCompany(store: CodatSandboxStore, companyId: string): CodatCompany {
  const company = store.company(companyId);
  if (!company) throw CodatError.companyNotFound(companyId);
  return company;
}

/** Company-scoped data: the company must exist and its accounting data must have been synced. */
export function companyBooks(store: CodatSandboxStore, companyId: string): Books {
  requireCompany(store, companyId);
  const books = store.liveBooks(companyId);
  if (!books) throw CodatError.notSynced();
  return books;
}

/** Connection-scoped data and writes: the connection must exist and be an accounting one. */
export function accountingConnection(
  store: CodatSandboxStore,
  companyId: string,
  connectionId: string,
  dataType: string,
): { connection: CodatConnection; books: Books } {
  requireCompany(store, companyId);
  const connection = store.connection(companyId, connectionId);
  if (!connection) throw CodatError.connectionNotFound(connectionId);
  if (connection.sourceType !== 'Accounting') throw CodatError.notSupported(dataType, connection.platformName);
  const books = store.liveBooks(companyId);
  if (!books) throw CodatError.notSynced();
  return { connection, books };
}

export function requireJsonObject(body: unknown): JsonObject {
  const object = asObject(body);
  if (!object) {
    throw CodatError.badRequest('Error processing request - not valid.', [
      { itemId: 'body', message: 'A JSON object request body is required.', validatorName: 'RequestBody' },
    ]);
  }
  return object;
}

/** Path parameters as plain strings: Express 5 types them as possibly repeated, Codat's never are. */
export function params(req: Request): Record<string, string> {
  return Object.fromEntries(Object.entries(req.params ?? {}).map(([name, value]) => [name, Array.isArray(value) ? value.join('/') : String(value)]));
}

export function stringParam(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
