import type { ConfigureMappingInput } from '../../generated/graphql';
import { useI18n } from '../i18n.messages';
import { useAction } from '../session.context';
import { ErrorMessage } from './ui.components';

/**
 * Whether the borrower's software categorises their own bank lines for advances and repayments by
 * itself. Shown only where the mapping says the software can.
 */
export function BankLineRuleSwitch({ on, save }: { on: boolean; save: (input: ConfigureMappingInput) => Promise<unknown> }) {
  const { t } = useI18n();
  const { busy, error, run } = useAction();
  return (
    <div class="bank-line-rule">
      <div class="switch-row">
        <span id="bank-line-rule-label" class="switch-label">
          {t.bankLineRuleSwitch}
        </span>
        <button
          type="button"
          role="switch"
          aria-checked={on ? 'true' : 'false'}
          aria-labelledby="bank-line-rule-label"
          aria-describedby="bank-line-rule-state"
          aria-busy={busy ? 'true' : undefined}
          aria-invalid={error ? 'true' : undefined}
          disabled={busy}
          class={`switch ${on ? 'is-on' : ''}`}
          onClick={() => void run(() => save({ autoReconcileBankLines: !on }))}
        >
          <span class="switch-track" aria-hidden="true">
            <span class="switch-thumb" />
          </span>
          <span class="switch-text">{busy ? t.saving : on ? t.on : t.off}</span>
        </button>
      </div>
      <p id="bank-line-rule-state" class="hint">
        {on ? t.bankLineRuleOn : t.bankLineRuleOff}
      </p>
      <ErrorMessage error={error} />
    </div>
  );
}
