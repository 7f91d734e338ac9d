import { createContext } from 'preact';
import { useContext, useState } from 'preact/hooks';
import type { ProviderKind } from '../generated/graphql';
import { ApiError, type Api } from './api.client';

/** The company the page works on and how it reaches the API. */
export interface Session {
  api: Api;
  companyId: string;
  provider: ProviderKind;
  /** The token stopped working (expired, or for another company): the page shows no more data. */
  deny(err: ApiError): void;
}

export const SessionContext = createContext<Session | null>(null);
export const useSession = () => useContext(SessionContext)!;

/**
 * Runs one call at a time with a busy flag, keeping its error for the form to show next to the
 * field it names; an authentication error ends the session instead.
 */
export function useAction() {
  const session = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  async function run<T>(fn: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError('INTERNAL', e instanceof Error ? e.message : String(e));
      if (err.isAuth) session.deny(err);
      else setError(err);
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, setError, run };
}
