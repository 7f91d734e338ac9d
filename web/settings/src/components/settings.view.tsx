import { useEffect, useRef, useState } from 'preact/hooks';
import {
  SettingsBooksDocument,
  SettingsHeldDocument,
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
import { ConnectionSection } from './connection.section';
import { MappingSection } from './mapping.section';
import { WritebackSection } from './writeback.section';

/** How often the activity and the held writes are read again. */
const POLL_MS = 2000;

export type Books = SettingsBooksQuery;

export function Settings({ company }: { company: SettingsCompanyFieldsFragment }) {
  const session = useSession();
  const { api, companyId } = session;
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

  const loadBooks = async () => {
    setChecking(true);
    try {
      setBooks(await api(SettingsBooksDocument, { companyId }));
      setCheck({ at: new Date().toISOString(), error: null });
    } catch (e) {
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
      <ConnectionSection view={connectionView(company, check)} checking={checking} onCheck={() => void loadBooks()} />
      <WritebackSection mapping={mapping} held={held} onMapping={setMapping} onChanged={() => void poll()} />
      <MappingSection mapping={mapping} loadError={mappingError} books={books} booksUnreadable={!books && !checking && !!check?.error} onMapping={setMapping} reloadBooks={loadBooks} />
      <ActivitySection activity={activity} onChanged={() => void poll()} />
    </div>
  );
}
