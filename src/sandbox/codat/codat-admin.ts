import type { Router } from 'express';
import { SandboxInputError, adminRoutes } from '../kit';
import { CodatError } from './codat-error';
import { codatDialect } from './codat-dialect';
import type { CodatSandboxStore } from './codat-sandbox.store';

/**
 * The kit's /_sandbox controls over Codat's state: the books view needs a synced company, settings
 * are the push delay, the page-size cap and `readsAfterSync`, and random STAY_PENDING faults are
 * released on a timer so that no write is held for good.
 */
export function codatAdminRoutes(store: CodatSandboxStore): Router {
  let releaser: NodeJS.Timeout | undefined;
  return adminRoutes({
    dialect: codatDialect,
    store,
    booksView: (companyId) => {
      if (!store.company(companyId)) throw CodatError.companyNotFound(companyId);
      if (!store.liveBooks(companyId)) throw CodatError.notSynced();
      store.settleDue();
      return store.books(companyId);
    },
    settings: {
      current: () => store.settings,
      patch: (body) => {
        for (const key of ['pushDelayMs', 'maxPageSize'] as const) {
          const value = body[key];
          if (value === undefined) continue;
          const min = key === 'maxPageSize' ? 1 : 0;
          if (typeof value !== 'number' || !Number.isInteger(value) || value < min) throw new SandboxInputError(`${key} must be an integer of at least ${min}.`);
          store.settings[key] = value;
        }
        if (body.readsAfterSync !== undefined) {
          if (typeof body.readsAfterSync !== 'boolean') throw new SandboxInputError('readsAfterSync must be true or false.');
          store.setReadsAfterSync(body.readsAfterSync);
        }
      },
    },
    onRandomFaults: (state) => {
      clearInterval(releaser);
      if (!state.settings.kinds.includes('STAY_PENDING')) return;
      releaser = setInterval(() => {
        if (store.faults.randomState()) store.pushes.releaseHeld();
        else clearInterval(releaser);
      }, Math.max(1, state.settings.holdMs));
      releaser.unref();
    },
  });
}
