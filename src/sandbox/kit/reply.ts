/**
 * What a sandbox handler answers: a status, a JSON body (none for a 204) and headers, sent by the
 * edge pipeline.
 *
 * @example
 * const created: Reply = { status: 201, body: { id: 42 }, headers: { Location: '/things/42' } };
 */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * For replies that show a record which keeps changing after the first answer (an asynchronous
   * operation): an idempotent replay answers what this returns now, when it returns anything.
   */
  live?: () => unknown;
}
