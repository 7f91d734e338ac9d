import type { TypedDocumentString } from '../generated/graphql';

/** An error the API answered (its `extensions.code` and message, shown as is), or NETWORK when it did not answer. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field: string | null = null,
    readonly missing: string[] = [],
    /** The record already in the books that the refused one would duplicate. */
    readonly existingId: string | null = null,
  ) {
    super(message);
  }

  /** The page may show nothing more with this token. */
  get isAuth(): boolean {
    return this.code === 'UNAUTHENTICATED' || this.code === 'FORBIDDEN';
  }
}

export type Api = <R, V>(doc: TypedDocumentString<R, V>, variables: V) => Promise<R>;

interface GraphQLBody<R> {
  data?: R | null;
  errors?: { message: string; extensions?: { code?: string; field?: string; missing?: string[]; existingId?: string } }[];
}

/**
 * Calls /graphql with the company token in the Authorization header, never in a URL.
 *
 * @example
 * const api = createApi(token);
 * const { company } = await api(SettingsCompanyDocument, { id });
 */
export function createApi(token: string, endpoint = '/graphql'): Api {
  return async (doc, variables) => {
    let res: Response;
    try {
      res = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: doc.toString(), variables }),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch {
      throw new ApiError('NETWORK', '');
    }
    let body: GraphQLBody<never>;
    try {
      body = (await res.json()) as GraphQLBody<never>;
    } catch {
      throw new ApiError('NETWORK', `HTTP ${res.status}`);
    }
    const first = body.errors?.[0];
    if (first) throw new ApiError(first.extensions?.code ?? 'INTERNAL', first.message, first.extensions?.field ?? null, first.extensions?.missing ?? [], first.extensions?.existingId ?? null);
    if (!body.data) throw new ApiError('NETWORK', `HTTP ${res.status}`);
    return body.data;
  };
}
