import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n.messages';
import { BusyButton } from './ui.components';

/**
 * The folding "or create a new one" form under a mapping field: its fields, then the "still being
 * created" notice and the submit button every such form shares.
 *
 * @example
 * <CreateInPlace context={title} open={missing} busy={busy} pending={pending} onSubmit={submit}>
 *   <TextField … />
 * </CreateInPlace>
 */
export function CreateInPlace(props: { context: string; open: boolean; busy: boolean; pending: boolean; onSubmit: (e: Event) => void; children: ComponentChildren }) {
  const { t } = useI18n();
  return (
    <details class="create" open={props.open}>
      <summary>
        {t.orCreate}
        <span class="visually-hidden"> ({props.context})</span>
      </summary>
      <form onSubmit={props.onSubmit}>
        {props.children}
        {props.pending ? <p class="hint" role="status">{t.createPending}</p> : null}
        <BusyButton type="submit" busy={props.busy} busyLabel={t.saving}>
          {t.create}
          <span class="visually-hidden"> ({props.context})</span>
        </BusyButton>
      </form>
    </details>
  );
}
