import { useEffect, useMemo, useState } from 'preact/hooks';
import type { MappingField } from '../../generated/graphql';
import { useI18n } from '../i18n.messages';
import { useAction } from '../session.context';
import { BusyButton, ErrorMessage, uid } from './ui.components';

/** Picks one record of the books for a mapping field and saves it. */
export function ChooseExisting(props: { field: MappingField; context: string; options: { id: string; label: string }[]; current: string | null; save: (id: string) => Promise<unknown> }) {
  const { t } = useI18n();
  const id = useMemo(() => uid(`pick-${props.field}`), []);
  const [value, setValue] = useState(props.current ?? '');
  useEffect(() => setValue(props.current ?? ''), [props.current]);
  const { busy, error, run } = useAction();
  const [saved, setSaved] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    if (value && (await run(() => props.save(value))) !== undefined) setSaved(true);
  };
  return (
    <form class="choose" onSubmit={submit}>
      <div class="field">
        <label for={id}>
          {t.chooseExisting}
          <span class="visually-hidden"> ({props.context})</span>
        </label>
        <select id={id} value={value} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined} onChange={(e) => setValue((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">{t.choosePlaceholder}</option>
          {props.options.map((o) => (
            <option value={o.id} key={o.id}>
              {o.label}
            </option>
          ))}
        </select>
        <ErrorMessage error={error} id={`${id}-error`} />
      </div>
      <BusyButton type="submit" busy={busy} busyLabel={t.saving} disabled={!value}>
        {t.use}
        <span class="visually-hidden"> ({props.context})</span>
      </BusyButton>
      {saved && !busy ? <span class="ok" role="status">{t.saved}</span> : null}
    </form>
  );
}
