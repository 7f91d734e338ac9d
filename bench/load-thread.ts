import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { request, type Dispatcher } from 'undici';
import { runClosedLoop, type LoadResult } from './load';

/** HTTP requests to send, built beforehand so that the clients only send, wait and time. */
export interface LoadPlan {
  concurrency: number;
  headers: Record<string, string>;
  /** A new Idempotency-Key on every request. */
  freshIdempotencyKey?: boolean;
  /** What counts as a success: a GraphQL answer without errors, or an accepted Codat push. */
  expect: 'graphql' | 'codat-push';
  /** The first `warmup` requests are sent but not timed: they warm this thread's connections and JIT, not only the server's. */
  warmup: number;
  requests: { url: string; body: string }[];
}

/**
 * Runs the plan from a worker thread. The gateway and the emulator run on the main thread, and
 * better-sqlite3 holds it for every query: clients sharing that thread would time their own wait
 * for it, and the connection pool, starved, would queue requests behind each other. The client is
 * undici's request, as the gateway's: light enough that the server, not the client, sets the pace.
 */
export function runInThread(plan: LoadPlan): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'load-thread.js'), { workerData: plan });
    let settled = false;
    worker.once('message', (message: { result?: LoadResult; error?: string }) => {
      settled = true;
      // Its idle keep-alive connections would otherwise hold it open.
      void worker.terminate();
      if (message.result) resolve(message.result);
      else reject(new Error(message.error));
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`The load thread exited with code ${code} without an answer`));
    });
  });
}

/**
 * A kept-alive connection the server closed just as a request went out fails with a reset before
 * anything was read; on a busy machine that happens. The same request (same Idempotency-Key, or a
 * mutation with the same external id) is sent once more; any other failure stops the run.
 */
async function postOnce(url: string, headers: Record<string, string>, body: string): Promise<Dispatcher.ResponseData> {
  try {
    return await request(url, { method: 'POST', headers, body });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code !== 'ECONNRESET' && code !== 'UND_ERR_SOCKET') throw err;
    return request(url, { method: 'POST', headers, body });
  }
}

async function send(plan: LoadPlan, i: number): Promise<void> {
  const { url, body } = plan.requests[i];
  const headers = { 'content-type': 'application/json', ...plan.headers, ...(plan.freshIdempotencyKey ? { 'idempotency-key': randomUUID() } : {}) };
  const res = await postOnce(url, headers, body);
  const status = res.statusCode;
  const text = await res.body.text();
  let answer: { data?: unknown; errors?: unknown[]; status?: string } = {};
  try {
    answer = JSON.parse(text);
  } catch {
    // Not JSON: reported below with the text itself.
  }
  const ok = plan.expect === 'graphql' ? status === 200 && !answer.errors?.length && !!answer.data : status === 200 && answer.status !== 'Failed';
  if (!ok) throw new Error(`Request ${i} to ${url} answered ${status}: ${text.slice(0, 400)}`);
}

if (!isMainThread && parentPort) {
  const plan = workerData as LoadPlan;
  const timed = plan.requests.length - plan.warmup;
  runClosedLoop(plan.warmup, plan.concurrency, (i) => send(plan, i))
    .then(() => runClosedLoop(timed, plan.concurrency, (i) => send(plan, plan.warmup + i)))
    .then(
      (result) => parentPort!.postMessage({ result }),
      (err: unknown) => {
        const code = (err as { code?: string }).code;
        parentPort!.postMessage({ error: err instanceof Error ? `${err.message}${code ? ` (${code})` : ''}` : String(err) });
      },
    );
}
