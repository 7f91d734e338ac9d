import { useMemo, useState } from 'preact/hooks';
import { SettingsEnsureLenderSupplierDocument, type SettingsEnsureLenderSupplierMutation } from '../../generated/graphql';
import { useI18n } from '../i18n.messages';
import { useAction, useSession } from '../session.context';
import { BusyButton, ErrorMessage, errorFor, formError, TextField, uid } from './ui.components';

type Found = SettingsEnsureLenderSupplierMutation['ensureLenderSupplier'];

/**
 * Finds the lender among the borrower's suppliers by fuzzy name match (created when none is close),
 * shows the match and its score, or the close candidates to choose from, and maps the choice.
 */
export function SupplierField({ use }: { use: (id: string) => Promise<unknown> }) {
  const { t, number } = useI18n();
  const { api, companyId } = useSession();
  const prefix = useMemo(() => uid('supplier'), []);
  const [name, setName] = useState('');
  const [found, setFound] = useState<Found | null>(null);
  const [choice, setChoice] = useState('');
  const find = useAction();
  const accept = useAction();
  const percent = (score: number | null) => (score === null ? '—' : `${number(score * 100, 0)} %`);

  const search = async (e: Event) => {
    e.preventDefault();
    setFound(null);
    await find.run(async () => {
      const result = (await api(SettingsEnsureLenderSupplierDocument, { companyId, input: name.trim() ? { name: name.trim() } : null })).ensureLenderSupplier;
      setFound(result);
      setChoice(result.supplier?.id ?? result.candidates[0]?.id ?? '');
      // A supplier created on request is the lender: nothing left to choose.
      if (result.outcome === 'CREATED' && result.supplier) await use(result.supplier.id);
      return result;
    });
  };

  const choose = async (e: Event) => {
    e.preventDefault();
    if (choice && (await accept.run(() => use(choice))) !== undefined) setFound(null);
  };

  return (
    <div class="supplier">
      <form class="create" onSubmit={search}>
        <TextField id={`${prefix}-name`} label={t.supplierName} hint={t.supplierNameHelp} value={name} onInput={setName} error={errorFor(find.error, 'name', 'input.name')} maxLength={200} />
        <ErrorMessage error={formError(find.error, ['name', 'input.name'])} />
        <BusyButton type="submit" busy={find.busy}>
          {t.supplierFind}
        </BusyButton>
      </form>
      {found ? (
        <div class="found" role="status">
          {found.outcome === 'MATCHED' && found.supplier ? (
            <form onSubmit={choose}>
              <p>{t.supplierMatched(found.supplier.name, percent(found.matchScore))}</p>
              <BusyButton type="submit" busy={accept.busy} busyLabel={t.saving}>
                {t.supplierAccept}
              </BusyButton>
            </form>
          ) : found.outcome === 'CREATED' && found.supplier ? (
            <p>{t.supplierCreated(found.supplier.name)}</p>
          ) : found.outcome === 'AMBIGUOUS' ? (
            <form onSubmit={choose}>
              <fieldset>
                <legend>{t.supplierAmbiguous}</legend>
                {found.candidates.map((c) => (
                  <div class="radio" key={c.id}>
                    <input type="radio" id={`${prefix}-${c.id}`} name={`${prefix}-candidate`} value={c.id} checked={choice === c.id} onChange={() => setChoice(c.id)} />
                    <label for={`${prefix}-${c.id}`}>
                      {c.name} <span class="muted">({t.score(percent(c.matchScore))})</span>
                    </label>
                  </div>
                ))}
              </fieldset>
              <BusyButton type="submit" busy={accept.busy} busyLabel={t.saving} disabled={!choice}>
                {t.supplierAccept}
              </BusyButton>
            </form>
          ) : (
            <p>{t.supplierPending}</p>
          )}
          <ErrorMessage error={accept.error} />
        </div>
      ) : null}
    </div>
  );
}
