import type { ComponentChildren } from 'preact';
import type { ApiError } from '../api.client';
import { useI18n } from '../i18n.messages';

let nextId = 0;
/** A stable id for label/input pairs. */
export const uid = (prefix: string) => `${prefix}-${++nextId}`;

/** The API's message, word for word; the network's failure in the page's language. */
export function ErrorMessage({ error, id }: { error: ApiError | null; id?: string }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <p class="error" id={id} role="alert">
      {error.code === 'NETWORK' ? t.networkError : error.message}
    </p>
  );
}

/** The error belongs next to this field when the API named it. */
export const errorFor = (error: ApiError | null, ...fields: string[]) => (error?.field && fields.includes(error.field) ? error : null);
/** An error no field of the form shows. */
export const formError = (error: ApiError | null, fields: string[]) => (error && !(error.field && fields.includes(error.field)) ? error : null);

export function TextField(props: {
  id: string;
  label: string;
  value: string;
  onInput: (v: string) => void;
  error: ApiError | null;
  required?: boolean;
  hint?: string;
  autoComplete?: string;
  inputMode?: 'text' | 'numeric';
  maxLength?: number;
}) {
  const { t } = useI18n();
  const errId = `${props.id}-error`;
  const hintId = `${props.id}-hint`;
  const describedBy = [props.hint ? hintId : '', props.error ? errId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={props.id}>
        {props.label} {props.required ? null : <span class="muted">{t.optional}</span>}
      </label>
      {props.hint ? <p class="hint" id={hintId}>{props.hint}</p> : null}
      <input
        id={props.id}
        name={props.id}
        type="text"
        value={props.value}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy}
        autoComplete={props.autoComplete ?? 'off'}
        inputMode={props.inputMode}
        maxLength={props.maxLength}
        onInput={(e) => props.onInput((e.currentTarget as HTMLInputElement).value)}
      />
      <ErrorMessage error={props.error} id={errId} />
    </div>
  );
}

/** A button that says it is working while its provider call runs. */
export function BusyButton(props: { busy: boolean; busyLabel?: string; children: ComponentChildren; type?: 'button' | 'submit'; onClick?: () => void; label?: string; class?: string; disabled?: boolean }) {
  const { t } = useI18n();
  return (
    <button
      type={props.type ?? 'button'}
      class={props.class}
      disabled={props.busy || props.disabled}
      aria-busy={props.busy ? 'true' : undefined}
      aria-label={props.label}
      onClick={props.onClick}
    >
      {props.busy ? <span class="spinner" aria-hidden="true" /> : null}
      {props.busy ? (props.busyLabel ?? t.working) : props.children}
    </button>
  );
}

export function Section(props: { id: string; title: string; children: ComponentChildren; busy?: boolean }) {
  return (
    <section class="card" aria-labelledby={`${props.id}-title`} aria-busy={props.busy ? 'true' : undefined}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      {props.children}
    </section>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p class="loading" role="status">
      <span class="spinner" aria-hidden="true" />
      {t.loading}
    </p>
  );
}
