import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { needsReconnect, PROVIDER_NAMES, type ConnectionView } from '../connection-view.mapper';
import { useI18n } from '../i18n.messages';
import { useAction } from '../session.context';
import { BusyButton, ErrorMessage, Section } from './ui.components';

/** Where the borrower authorises the gateway, once the API has handed it over. */
export interface PendingAuthorisation {
  url: string;
  /** Whether a window opened for it (a browser blocking it gets the link alone). */
  opened: boolean;
  expiresAt: string;
}

interface Props {
  view: ConnectionView;
  checking: boolean;
  onCheck: () => void;
  /** Starts an authorisation at the borrower's software (connect or reconnect). */
  onAuthorise: () => Promise<unknown>;
  /** Set while the borrower finishes authorising in the other window. */
  pending: PendingAuthorisation | null;
  onDisconnect: () => Promise<unknown>;
}

export function ConnectionSection({ view, checking, onCheck, onAuthorise, pending, onDisconnect }: Props) {
  const { t, dateTime } = useI18n();
  const provider = PROVIDER_NAMES[view.provider] ?? view.provider;
  const statusText = view.status ? t[`conn${view.status}`] : t.checking;
  const { actions } = view;
  const authorise = useAction();
  const disconnect = useAction();
  const [confirming, setConfirming] = useState(false);
  // The question takes the focus, so that a keyboard or screen reader user meets it next.
  const questionRef = useRef<HTMLParagraphElement>(null);
  // Before the browser paints, so that focus is on the question as soon as it shows.
  useLayoutEffect(() => {
    if (confirming) questionRef.current?.focus();
  }, [confirming]);

  const endConnection = async () => {
    if ((await disconnect.run(onDisconnect)) !== undefined) setConfirming(false);
  };

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
        {actions.authorise ? (
          <BusyButton busy={authorise.busy} onClick={() => void authorise.run(onAuthorise)}>
            {actions.authorise === 'reconnect' ? t.reconnect : t.connect}
          </BusyButton>
        ) : actions.borrowerAuthorises ? null : (
          <button type="button" disabled aria-describedby="reconnect-why">
            {t.reconnect}
          </button>
        )}
        {actions.disconnect && !confirming ? (
          <button type="button" class="secondary" aria-expanded="false" aria-controls="disconnect-confirm" onClick={() => setConfirming(true)}>
            {t.disconnect}
          </button>
        ) : null}
      </div>
      {actions.borrowerAuthorises ? null : (
        <p class="hint" id="reconnect-why">
          {t.reconnectUnavailable(provider)}
        </p>
      )}
      <ErrorMessage error={authorise.error} />
      {pending && actions.authorise ? (
        <p class="hint" role="status">
          {pending.opened ? t.authorising(provider) : t.authoriseBlocked(provider)}{' '}
          <a href={pending.url} target="_blank" rel="noopener noreferrer">
            {t.authoriseOpen(provider)}
          </a>
        </p>
      ) : null}
      {actions.disconnect && confirming ? (
        <div class="confirm" id="disconnect-confirm" role="group" aria-labelledby="disconnect-question">
          <p id="disconnect-question" tabIndex={-1} ref={questionRef}>{t.disconnectQuestion(provider)}</p>
          <div class="actions">
            <BusyButton busy={disconnect.busy} class="danger" onClick={() => void endConnection()}>
              {t.disconnectConfirm}
            </BusyButton>
            <button type="button" class="secondary" disabled={disconnect.busy} onClick={() => setConfirming(false)}>
              {t.cancel}
            </button>
          </div>
          <ErrorMessage error={disconnect.error} />
        </div>
      ) : null}
    </Section>
  );
}
