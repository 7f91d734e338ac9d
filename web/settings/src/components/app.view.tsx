import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { SettingsCompanyDocument, SettingsOwnCompanyDocument, type SettingsCompanyFieldsFragment } from '../../generated/graphql';
import type { AccessLink } from '../access-link.reader';
import { ApiError, createApi } from '../api.client';
import { browserLang, I18nContext, LANGS, makeI18n, type Lang } from '../i18n.messages';
import { SessionContext, type Session } from '../session.context';
import { Settings } from './settings.view';
import { Loading } from './ui.components';

type Denial = 'none' | 'expired' | 'invalid' | 'forbidden';
type Phase = { kind: 'loading' } | { kind: 'denied'; reason: Denial } | { kind: 'ready'; company: SettingsCompanyFieldsFragment };

const denial = (err: ApiError): Denial => (err.code === 'FORBIDDEN' ? 'forbidden' : /expired/i.test(err.message) ? 'expired' : 'invalid');

export function App({ link }: { link: AccessLink }) {
  const [lang, setLang] = useState<Lang>(browserLang());
  const i18n = useMemo(() => makeI18n(lang), [lang]);
  const { t } = i18n;
  const [phase, setPhase] = useState<Phase>(link.token ? { kind: 'loading' } : { kind: 'denied', reason: 'none' });
  const api = useMemo(() => (link.token ? createApi(link.token) : null), [link.token]);
  const [loadError, setLoadError] = useState<ApiError | null>(null);

  // Before the browser paints: the page's language changes with its words, never a frame later.
  useLayoutEffect(() => {
    document.documentElement.lang = lang;
    document.title = t.title;
  }, [lang]);

  const load = async () => {
    if (!api) return;
    setLoadError(null);
    try {
      const company = link.companyId
        ? (await api(SettingsCompanyDocument, { id: link.companyId })).company
        : (await api(SettingsOwnCompanyDocument, {})).companies.nodes[0];
      setPhase(company ? { kind: 'ready', company } : { kind: 'denied', reason: 'invalid' });
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError('INTERNAL', String(e));
      if (err.isAuth) setPhase({ kind: 'denied', reason: denial(err) });
      else if (err.code === 'NOT_FOUND' || err.code === 'BAD_USER_INPUT') setPhase({ kind: 'denied', reason: 'invalid' });
      else setLoadError(err);
    }
  };
  useEffect(() => void load(), []);

  const session = useMemo<Session | null>(
    () => (api && phase.kind === 'ready' ? { api, companyId: phase.company.id, provider: phase.company.provider, deny: (err) => setPhase({ kind: 'denied', reason: denial(err) }) } : null),
    [api, phase],
  );

  return (
    <I18nContext.Provider value={i18n}>
      <header class="top">
        <h1>{t.title}</h1>
        <div class="lang">
          <label for="lang">{t.language}</label>
          <select id="lang" value={lang} onChange={(e) => setLang((e.currentTarget as HTMLSelectElement).value as Lang)}>
            {LANGS.map((l) => (
              <option value={l.code} lang={l.code} key={l.code}>
                {l.name}
              </option>
            ))}
          </select>
        </div>
      </header>
      <main id="main">
        {phase.kind === 'denied' ? (
          <section class="card denied" role="alert" aria-labelledby="denied-title">
            <h2 id="denied-title">{t.accessTitle}</h2>
            <p>{{ none: t.accessNone, expired: t.accessExpired, invalid: t.accessInvalid, forbidden: t.accessForbidden }[phase.reason]}</p>
          </section>
        ) : phase.kind === 'loading' ? (
          loadError ? (
            <section class="card">
              <p class="error" role="alert">{loadError.code === 'NETWORK' ? t.networkError : loadError.message}</p>
              <button type="button" onClick={() => void load()}>{t.checkNow}</button>
            </section>
          ) : (
            <Loading />
          )
        ) : (
          <SessionContext.Provider value={session}>
            <p class="intro">{t.intro}</p>
            <Settings company={phase.company} />
          </SessionContext.Provider>
        )}
      </main>
    </I18nContext.Provider>
  );
}
