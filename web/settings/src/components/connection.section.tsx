import { needsReconnect, PROVIDER_NAMES, type ConnectionView } from '../connection-view.mapper';
import { useI18n } from '../i18n.messages';
import { BusyButton, Section } from './ui.components';

export function ConnectionSection({ view, checking, onCheck }: { view: ConnectionView; checking: boolean; onCheck: () => void }) {
  const { t, dateTime } = useI18n();
  const provider = PROVIDER_NAMES[view.provider] ?? view.provider;
  const statusText = view.status ? t[`conn${view.status}`] : t.checking;
  return (
    <Section id="connection" title={t.connectionTitle} busy={checking}>
      <dl class="facts">
        <div>
          <dt>{t.provider}</dt>
          <dd>{provider}</dd>
        </div>
        <div>
          <dt>{t.organisation}</dt>
          <dd>{view.tenantName}</dd>
        </div>
        <div>
          <dt>{t.status}</dt>
          <dd>
            <span class={`badge conn-${view.status ?? 'checking'}`} role="status">
              {statusText}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t.lastCheck}</dt>
          <dd>{view.checkedAt ? <time dateTime={view.checkedAt}>{dateTime(view.checkedAt)}</time> : '—'}</dd>
        </div>
        {view.status && view.status !== 'CONNECTED' ? (
          <div class="wide">
            <dt class="visually-hidden">{t.statusMeaning}</dt>
            <dd class={needsReconnect(view.status) ? 'status-warn' : undefined}>{t[`connHelp${view.status}`](provider)}</dd>
          </div>
        ) : null}
        {view.lastError ? (
          <div class="wide">
            <dt>{t.lastProviderError}</dt>
            <dd class="provider-message">{view.lastError}</dd>
          </div>
        ) : null}
      </dl>
      <div class="actions">
        <BusyButton busy={checking} busyLabel={t.checking} onClick={onCheck}>
          {t.checkNow}
        </BusyButton>
        {view.reconnect ? (
          <a class="button" href={view.reconnect.url} target="_blank" rel="noopener noreferrer">
            {t.reconnect}
          </a>
        ) : (
          <button type="button" disabled aria-describedby="reconnect-why">
            {t.reconnect}
          </button>
        )}
      </div>
      {view.reconnect ? null : (
        <p class="hint" id="reconnect-why">
          {t.reconnectUnavailable(provider)}
        </p>
      )}
    </Section>
  );
}
