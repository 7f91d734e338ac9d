/** One GraphQL answer, or why there was none. */
export type Answer<T> =
  | { kind: 'data'; data: T }
  | { kind: 'error'; code: string; message: string; status: number }
  /** No GraphQL answer at all: connection refused or reset (a gateway killed), or a body that is not JSON. */
  | { kind: 'network'; message: string };

/**
 * The gateways alive right now, as clients see them: each call goes to one of them at random, and
 * a call that finds none waits for one.
 */
export class GatewayPool {
  private urls = new Map<string, string>();

  constructor(private readonly adminKey: string) {}

  set(name: string, url: string): void {
    this.urls.set(name, url);
  }

  remove(name: string): void {
    this.urls.delete(name);
  }

  get size(): number {
    return this.urls.size;
  }

  private async pick(): Promise<string> {
    for (let waited = 0; ; waited += 50) {
      const urls = [...this.urls.values()];
      if (urls.length) return urls[Math.floor(Math.random() * urls.length)];
      if (waited > 120_000) throw new Error('no gateway came back within 2 minutes');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** A live gateway's address (`http://host:port`), for a browser following a redirect to it. */
  async origin(): Promise<string> {
    return new URL(await this.pick()).origin;
  }

  /** One attempt on one gateway. */
  async call<T>(query: string, variables: Record<string, unknown>): Promise<Answer<T>> {
    const url = await this.pick();
    let res: Response;
    let text: string;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.adminKey}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(60_000),
      });
      text = await res.text();
    } catch (err) {
      return { kind: 'network', message: String((err as Error)?.cause ?? (err as Error)?.message ?? err) };
    }
    let body: { data?: T | null; errors?: { message: string; extensions?: { code?: string } }[] };
    try {
      body = JSON.parse(text);
    } catch {
      return { kind: 'network', message: `HTTP ${res.status}, not JSON: ${text.slice(0, 200)}` };
    }
    if (body.errors?.length) {
      const [first] = body.errors;
      return { kind: 'error', code: first.extensions?.code ?? 'NO_CODE', message: first.message, status: res.status };
    }
    if (!body.data) return { kind: 'network', message: `HTTP ${res.status} without data` };
    return { kind: 'data', data: body.data };
  }

  /** For the harness's own set-up and reads: retried through restarts and provider hiccups, then data or a throw. */
  async must<T>(query: string, variables: Record<string, unknown>, timeoutMs = 120_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 0; ; attempt++) {
      const answer = await this.call<T>(query, variables);
      if (answer.kind === 'data') return answer.data;
      const transient = answer.kind === 'network' || answer.code === 'PROVIDER_UNAVAILABLE' || answer.code === 'INTERNAL';
      if (!transient || Date.now() > deadline) {
        throw new Error(`GraphQL ${answer.kind === 'error' ? `${answer.code}: ${answer.message}` : answer.message}\n${query}\n${JSON.stringify(variables)}`);
      }
      await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
    }
  }
}
