import { useState } from 'preact/hooks';
import { SettingsRetryOperationDocument } from '../../generated/graphql';
import type { ActivityOperation } from '../activity-feed.loader';
import { useI18n } from '../i18n.messages';
import { useAction, useSession } from '../session.context';
import { BusyButton, ErrorMessage, Loading, Section } from './ui.components';

export function ActivitySection({ activity, onChanged }: { activity: { latest: ActivityOperation[]; total: number } | null; onChanged: () => void }) {
  const { t } = useI18n();
  return (
    <Section id="activity" title={t.activityTitle} busy={!activity}>
      {!activity ? (
        <Loading />
      ) : activity.latest.length === 0 ? (
        <p>{t.activityEmpty}</p>
      ) : (
        <>
          <p class="hint">{t.activityShowing(activity.latest.length, activity.total)}</p>
          <ol class="operations">
            {activity.latest.map((op) => (
              <OperationItem key={op.id} op={op} onChanged={onChanged} />
            ))}
          </ol>
        </>
      )}
    </Section>
  );
}

/**
 * Whether sending a FAILED write again can end otherwise. A set-up write the software refused
 * (creating an account with details it does not accept) would go out with the same details and be
 * refused again: the borrower creates it anew from the mapping instead. A write the gateway gave up
 * on (the software did not answer) can still succeed, and so can an event's write once the books
 * are put right.
 */
function retryCanSucceed(op: ActivityOperation): boolean {
  return op.event !== null || op.failure !== 'REJECTED';
}

function OperationItem({ op, onChanged }: { op: ActivityOperation; onChanged: () => void }) {
  const { t, dateTime, money } = useI18n();
  const { api } = useSession();
  const { busy, error, run } = useAction();
  // The retry's answer until the list shows the operation moving on.
  const [retried, setRetried] = useState<{ status: ActivityOperation['status']; before: string } | null>(null);
  const retrying = retried !== null && op.status === 'FAILED' && retried.before === op.updatedAt;
  const status = retrying ? retried.status : op.status;
  const event = op.event ? `${t[`event${op.event.kind}`]} ${op.event.externalId}` : t.setUp;
  const write = t[`kind${op.kind}`];

  const retry = async () => {
    const result = await run(async () => (await api(SettingsRetryOperationDocument, { id: op.id })).retryWritebackOperation);
    if (result) {
      setRetried({ status: result.status, before: op.updatedAt });
      onChanged();
    }
  };

  return (
    <li class={`operation op-${status}`} data-operation-id={op.id}>
      <div class="op-head">
        <span class="op-event">{event}</span>
        {op.event ? <span class="op-amount">{money(op.event.amount, op.event.currency)}</span> : null}
        <span class={`badge status-${status}`}>{t[`status${status}`]}</span>
      </div>
      <div class="op-meta muted">
        {write} · <time dateTime={op.updatedAt}>{dateTime(op.updatedAt)}</time>
      </div>
      {op.lastError ? (
        <p class="provider-message">
          <span class="visually-hidden">{t.colMessage}: </span>
          <span class="message-text">{op.lastError}</span>
        </p>
      ) : null}
      {op.status === 'FAILED' && !retrying ? (
        retryCanSucceed(op) ? (
          <BusyButton busy={busy} label={t.retryLabel(`${event} · ${write}`)} onClick={() => void retry()}>
            {t.retry}
          </BusyButton>
        ) : (
          <p class="hint">{t.refusedSetUp}</p>
        )
      ) : null}
      <ErrorMessage error={error} />
    </li>
  );
}
