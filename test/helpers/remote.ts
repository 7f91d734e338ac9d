import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import {
  AccountsDocument,
  BankAccountsDocument,
  ConfigureMappingDocument,
  RegisterCompanyDocument,
  SetWritebackEnabledDocument,
  SuppliersDocument,
} from '../generated/graphql';
import { spawnGateway, waitForOutput, type GatewayProcess } from './gateway-process';
import { createTestDatabase } from './test-database';
import { ADMIN_KEY, SECRET_KEY, ok, type GqlResult } from './test-gateway';

export const CODAT_KEY = 'sandbox-codat-api-key';
const codatAuth = `Basic ${Buffer.from(CODAT_KEY).toString('base64')}`;

/** A GraphQL client for a gateway running in another process. */
export function remoteGql(url: string) {
  return async function gql<T, V>(doc: TypedDocumentNode<T, V>, variables: V, token = ADMIN_KEY): Promise<GqlResult<T>> {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: print(doc), variables }) });
    const body = (await res.json()) as { data?: T; errors?: GqlResult<T>['errors'] };
    return { status: res.status, data: body.data ?? null, errors: body.errors };
  };
}

/** The Codat sandbox in a process of its own, so that it outlives the gateways under test. */
export async function startSandboxProcess(): Promise<{ url: string; proc: GatewayProcess; codat: (method: string, p: string, body?: unknown) => Promise<any> }> {
  const child = spawn(process.execPath, [path.resolve(__dirname, '../../dist/scripts/codat-sandbox.js')], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', SANDBOX_PUSH_DELAY_MS: '30' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const proc: GatewayProcess = { child, stdout: () => out, stderr: () => err, exited: new Promise((r) => child.on('exit', (c) => r(c))) };
  const [, url] = await waitForOutput(proc, /listening at (http:\/\/127\.0\.0\.1:\d+)/);
  const codat = async (method: string, p: string, body?: unknown) => {
    const res = await fetch(`${url}${p}`, {
      method,
      headers: { authorization: codatAuth, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return text ? JSON.parse(text) : null;
  };
  return { url, proc, codat };
}

/** A gateway process with the worker on, talking to an external Codat (the sandbox process). */
export async function startGatewayProcess(databaseUrl: string, codatUrl: string, extra: Record<string, string> = {}) {
  const proc = spawnGateway({
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: databaseUrl,
    GATEWAY_ADMIN_API_KEY: ADMIN_KEY,
    GATEWAY_SECRET_KEY: SECRET_KEY,
    SANDBOX: 'false',
    CODAT_BASE_URL: codatUrl,
    CODAT_API_KEY: CODAT_KEY,
    LOG_LEVEL: 'silent',
    WORKER_POLL_MS: '50',
    WORKER_LEASE_MS: '2000',
    ...extra,
  });
  const [, url] = await waitForOutput(proc, /ready at (http:\/\/localhost:\d+\/graphql)/);
  return { proc, url, gql: remoteGql(url) };
}

export type SandboxProcess = Awaited<ReturnType<typeof startSandboxProcess>>;
type Gql = ReturnType<typeof remoteGql>;

/** A database several gateway processes can share: the suite's Postgres database, or a SQLite file in a fresh folder. */
export async function sharedTestDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const db = await createTestDatabase();
  return {
    url: db.url === 'sqlite::memory:' ? `sqlite:${path.join(tmp, 'gateway.sqlite')}` : db.url,
    drop: async () => {
      await db.drop();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** A borrower in the sandbox, registered and mapped onto its seeded accounts, write-back on. */
export async function remoteBorrower(sandbox: SandboxProcess, gql: Gql, name: string) {
  const company = await sandbox.codat('POST', '/companies', { name });
  const connection = await sandbox.codat('POST', `/companies/${company.id}/connections`, { platformKey: 'gbol' });
  const { registerCompany } = ok(await gql(RegisterCompanyDocument, {
    input: { name, externalRef: `ext-${company.id}`, connection: { codat: { companyId: company.id, connectionId: connection.id, apiKey: null } } },
  }));
  const id = registerCompany.id;
  const banks = ok(await gql(BankAccountsDocument, { companyId: id, first: 100 })).bankAccounts.nodes.filter((b) => b.currency === 'GBP' && b.status !== 'ARCHIVED');
  const expense = ok(await gql(AccountsDocument, { companyId: id, type: 'EXPENSE', first: 100 })).accounts.nodes.find((a) => a.status === 'ACTIVE')!;
  const supplier = ok(await gql(SuppliersDocument, { companyId: id, search: null, first: 100 })).suppliers.nodes.find((s) => s.status === 'ACTIVE')!;
  ok(await gql(ConfigureMappingDocument, {
    companyId: id,
    input: { lenderBankAccountId: banks[1].id, designatedBankAccountId: banks[0].id, expenseAccountId: expense.id, lenderSupplierId: supplier.id },
  }));
  ok(await gql(SetWritebackEnabledDocument, { companyId: id, enabled: true, releaseHeld: null }));
  return { id, codatCompanyId: company.id as string, lenderId: banks[1].id };
}
