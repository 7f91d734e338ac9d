import { useEffect, useRef, useState } from 'preact/hooks';
import {
  SettingsBooksDocument,
  SettingsCompanyDocument,
  SettingsDisconnectDocument,
  SettingsHeldDocument,
  SettingsStartAuthorisationDocument,
  SettingsMappingDocument,
  type SettingsBooksQuery,
  type SettingsCompanyFieldsFragment,
  type SettingsMappingFieldsFragment,
} from '../../generated/graphql';
import { ActivityFeed, type ActivityOperation } from '../activity-feed.loader';
import { ApiError } from '../api.client';
import { connectionView, type BooksCheck } from '../connection-view.mapper';
import { useSession } from '../session.context';
import { ActivitySection } from './activity.section';
import { ConnectionSection, type PendingAuthorisation } from './connection.section';
import { MappingSection } from './mapping.section';
import { WritebackSection } from './writeback.section';

/** How often the activity and the held writes are read again. */
const POLL_MS = 2000;

export type Books = SettingsBooksQuery;

export function Settings({ company: initial }: { company: SettingsCompanyFieldsFragment }) {
  const session = useSession();
  const { api, companyId } = session;
  const [company, setCompany] = useState(initial);
  const [authorisation, setAuthorisation] = useState<PendingAuthorisation | null>(null);
  const [mapping, setMapping] = useState<SettingsMappingFieldsFragment | null>(null);
  const [mappingError, setMappingError] = useState<ApiError | null>(null);
  const [books, setBooks] = useState<Books | null>(null);
  const [check, setCheck] = useState<BooksCheck | null>(null);
  const [checking, setChecking] = useState(false);
  const [held, setHeld] = useState(0);
  const [activity, setActivity] = useState<{ latest: ActivityOperation[]; total: number } | null>(null);
  const feed = useRef(new ActivityFeed(api, companyId));

  const fail = (e: unknown): ApiError => {
    const err = e instanceof ApiError ? e : new ApiError('INTERNAL', String(e));
    if (err.isAuth) session.deny(err);
    return err;
  };

  const loadMapping = async () => {
    try {
      const data = await api(SettingsMappingDocument, { companyId });
      setMapping(data.accountMapping);
      setHeld(data.held.totalCount);
      setMappingError(null);
    } catch (e) {
      setMappingError(fail(e));
    }
  };

  /** Whether the last read of the books succeeded: a connection made again is worth reading them anew. */
  const booksRead = useRef(false);
  const loadBooks = async () => {
    setChecking(true);
    try {
      setBooks(await api(SettingsBooksDocument, { companyId }));
      booksRead.current = true;
      setCheck({ at: new Date().toISOString(), error: null });
    } catch (e) {
      booksRead.current = false;
      setCheck({ at: new Date().toISOString(), error: fail(e) });
    } finally {
      setChecking(false);
    }
  };

  const poll = async () => {
    try {
      const [ops, heldNow] = await Promise.all([feed.current.refresh(), api(SettingsHeldDocument, { companyId })]);
      setActivity(ops);
      setHeld(heldNow.held.totalCount);
    } catch (e) {
      fail(e);
    }
  };

  /** The company as the API has it now; once it is connected again, its books and mapping too. */
  const status = useRef(initial.connection.status);
  const loadCompany = async () => {
    try {
      const now = (await api(SettingsCompanyDocument, { id: companyId })).company;
      const was = status.current;
      status.current = now.connection.status;
      setCompany(now);
      if (now.connection.status === 'CONNECTED' && (was !== 'CONNECTED' || !booksRead.current)) {
        setAuthorisation(null);
        void loadBooks();
        void loadMapping();
      }
    } catch (e) {
      fail(e);
    }
  };

  /**
   * Opens the software's authorisation page in a new window, opened at the click so that no popup
   * blocker stops it, and pointed at the address once the API answers; the page then follows the
   * connection until the borrower is done.
   */
  const authorise = async () => {
    const popup = window.open('', '_blank');
    if (popup) popup.opener = null;
    try {
      const { authorisationUrl, expiresAt } = (await api(SettingsStartAuthorisationDocument, { companyId })).startXeroConnection;
      if (popup) popup.location.href = authorisationUrl;
      setAuthorisation({ url: authorisationUrl, opened: !!popup, expiresAt });
      return authorisationUrl;
    } catch (e) {
      popup?.close();
      throw e;
    }
  };

  const disconnect = async () => {
    const { disconnectCompany } = await api(SettingsDisconnectDocument, { companyId });
    status.current = disconnectCompany.connection.status;
    setCompany(disconnectCompany);
    setAuthorisation(null);
    setCheck(null);
    return disconnectCompany;
  };

  // Back from the software's window (or any other tab), the page asks how the connection stands.
  useEffect(() => {
    const onFocus = () => void loadCompany();
    const onVisible = () => document.visibilityState === 'visible' && onFocus();
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, []);

  // While the borrower authorises in the other window, the page polls too: focus may never come back here.
  useEffect(() => {
    if (!authorisation) return;
    const timer = setInterval(() => {
      // Past its expiry the address no longer works: the borrower starts again.
      if (Date.now() > Date.parse(authorisation.expiresAt)) setAuthorisation(null);
      else void loadCompany();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [authorisation]);

  useEffect(() => {
    void loadMapping();
    void loadBooks();
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      await poll();
      if (!stopped) timer = setTimeout(tick, POLL_MS);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);

  return (
    <div class="sections">
      <ConnectionSection
        view={connectionView(company, check)}
        checking={checking}
        onCheck={() => void Promise.all([loadCompany(), loadBooks()])}
        onAuthorise={authorise}
        pending={authorisation}
        onDisconnect={disconnect}
      />
      <WritebackSection mapping={mapping} held={held} onMapping={setMapping} onChanged={() => void poll()} />
      <MappingSection mapping={mapping} loadError={mappingError} books={books} booksUnreadable={!books && !checking && !!check?.error} onMapping={setMapping} reloadBooks={loadBooks} />
      <ActivitySection activity={activity} onChanged={() => void poll()} />
    </div>
  );
}
