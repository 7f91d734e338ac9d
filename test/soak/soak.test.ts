import { runSoak, type SoakRun } from '../../soak/run';
import { MUST_BE_ZERO } from '../../soak/soak-figures';
import { loadSoakSettings } from '../../soak/soak-settings';

/**
 * `npm run soak` with its bounded settings: the same harness (sandbox and gateways in processes of
 * their own, one shared database — a SQLite file, or Postgres when DATABASE_URL says so), sized to
 * finish within three minutes on a 2-core machine.
 */
describe('soak: events under provider faults, gateway kills and a second gateway', () => {
  let run: SoakRun;

  beforeAll(async () => {
    // The defaults (1,000 events over 20 borrowers, 25 % faults, 3 kills), whatever SOAK_* says.
    const settings = loadSoakSettings({ DATABASE_URL: process.env.DATABASE_URL, SOAK_BUDGET_MS: '165000' });
    run = await runSoak(settings, () => undefined);
  }, 180_000);

  it('does what it claims: 1,000 events over 20 borrowers, 10 % re-sent, 20 % of provider requests faulted, 3 kills (one with a push in flight), two gateways', () => {
    const f = run.figures;
    expect(f.eventsPlanned).toBeGreaterThanOrEqual(1000);
    expect(f.resent).toBeGreaterThanOrEqual(100);
    expect(f.faultsInjected / f.providerRequests).toBeGreaterThanOrEqual(0.2);
    expect(Object.keys(f.faultsByKind).sort()).toEqual(['FAIL', 'LOSE_RESPONSE', 'RATE_LIMIT', 'SERVER_ERROR', 'SLOW_RESPONSE', 'STAY_PENDING', 'TIME_OUT']);
    expect(f.timeOutsLanded).toBeGreaterThan(0);
    expect(f.timeOutsLanded).toBeLessThan(f.faultsByKind.TIME_OUT);
    expect(f.kills).toBe(3);
    expect(f.killsWithPushInFlight).toBeGreaterThanOrEqual(1);
    expect(f.secondGatewayRan).toBe(true);
  });

  it('books every write exactly once and answers every recording call: all figures 0', () => {
    const figures = Object.fromEntries(MUST_BE_ZERO.map((k) => [k, run.figures[k]]));
    const zeros = Object.fromEntries(MUST_BE_ZERO.map((k) => [k, 0]));
    // The report goes to the run's output every time: its figures are what a reviewer reads.
    process.stderr.write(`${run.report}\n${run.logDir ? `logs: ${run.logDir}\n` : ''}`);
    expect(figures).toEqual(zeros);
    expect(run.figures.eventsRecorded).toBe(run.figures.eventsPlanned);
  });
});
