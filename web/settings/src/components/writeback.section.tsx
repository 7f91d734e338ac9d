import { useState } from 'preact/hooks';
import { SettingsSetWritebackEnabledDocument, type MappingField, type SettingsMappingFieldsFragment } from '../../generated/graphql';
import { useI18n } from '../i18n.messages';
import { useAction, useSession } from '../session.context';
import { ErrorMessage, Loading, Section } from './ui.components';

export function WritebackSection({ mapping, held, onMapping, onChanged }: { mapping: SettingsMappingFieldsFragment | null; held: number; onMapping: (m: SettingsMappingFieldsFragment) => void; onChanged: () => void }) {
  const { t } = useI18n();
  const { api, companyId } = useSession();
  const { busy, error, run } = useAction();
  const [release, setRelease] = useState(true);
  const [released, setReleased] = useState<number | null>(null);

  if (!mapping) {
    return (
      <Section id="writeback" title={t.writebackTitle} busy>
        <Loading />
      </Section>
    );
  }
  const on = mapping.writebackEnabled;

  const toggle = async () => {
    setReleased(null);
    const result = await run(async () => (await api(SettingsSetWritebackEnabledDocument, { companyId, enabled: !on, releaseHeld: !on && held > 0 ? release : false })).setWritebackEnabled);
    if (result) {
      onMapping(result.mapping);
      if (result.releasedOperations > 0) setReleased(result.releasedOperations);
      onChanged();
    }
  };

  return (
    <Section id="writeback" title={t.writebackTitle}>
      <div class="switch-row">
        <span id="writeback-label" class="switch-label">
          {t.writebackSwitch}
        </span>
        <button
          type="button"
          role="switch"
          aria-checked={on ? 'true' : 'false'}
          aria-labelledby="writeback-label"
          aria-describedby="writeback-state"
          aria-busy={busy ? 'true' : undefined}
          disabled={busy}
          class={`switch ${on ? 'is-on' : ''}`}
          onClick={() => void toggle()}
        >
          <span class="switch-track" aria-hidden="true">
            <span class="switch-thumb" />
          </span>
          <span class="switch-text">{busy ? t.saving : on ? t.on : t.off}</span>
        </button>
      </div>
      <p id="writeback-state">{on ? t.writebackOn : t.writebackOff}</p>
      <p id="held-count" role="status">{t.held(held)}</p>
      {!on && held > 0 ? (
        <div class="checkbox">
          <input type="checkbox" id="release-held" checked={release} onChange={(e) => setRelease((e.currentTarget as HTMLInputElement).checked)} />
          <label for="release-held">{t.releaseHeld(held)}</label>
        </div>
      ) : null}
      {released !== null ? <p class="ok" role="status">{t.released(released)}</p> : null}
      {error ? (
        <div class="refused">
          <ErrorMessage error={error} />
          {error.missing.length ? (
            <>
              <p>{t.refusedMissing}</p>
              <ul>
                {error.missing.map((f) => (
                  <li key={f}>{`field${f}` in t ? t[`field${f as MappingField}`] : f}</li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
    </Section>
  );
}
