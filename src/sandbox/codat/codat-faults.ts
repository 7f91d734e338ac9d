import { COMMON_FAULTS, FaultQueue } from '../kit';

/** Faults that shape how a push operation completes, rather than the HTTP exchange. */
export const OPERATION_FAULTS = ['FAIL', 'STAY_PENDING', 'TIME_OUT'] as const;

/** Every fault Codat's sandbox can inject: the kit's exchange faults and its push operations' own. */
export const FAULT_KINDS = [...COMMON_FAULTS, ...OPERATION_FAULTS] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * Codat's fault queue: a push operation can fail, stay Pending or time out (and a timed-out write
 * may land anyway).
 *
 * @example
 * const faults = codatFaultQueue();
 * faults.add({ fault: 'TIME_OUT', applied: true, match: { pathIncludes: '/push/payments' } });
 */
export function codatFaultQueue(): FaultQueue<FaultKind> {
  return new FaultQueue<FaultKind>({ kinds: FAULT_KINDS, operationKinds: OPERATION_FAULTS, mayLand: ['TIME_OUT'] });
}
