import { runSoak, type SoakRun } from '../../soak/run';
import { MUST_BE_ZERO } from '../../soak/soak-figures';
import { loadSoakSettings } from '../../soak/soak-settings';

/**
 * `npm run soak` with its bounded settings: the same harness (sandbox and gateways in processes of
 * their own, one shared database — a SQLite file, or Postgres when DATABASE_URL says so), sized to
 * finish within three minutes on a 2-core machine for Codat, and smaller runs for Sinao and Xero.
 */
function expectEveryFigureZero(run: () => SoakRun) {
  it('books every write exactly once and answers every recording call: all figures 0', () => {
    const { figures, report, logDir } = run();
    const actual = Object.fromEntries(MUST_BE_ZERO.map((k) => [k, figures[k]]));
    const zeros = Object.fromEntries(MUST_BE_ZERO.map((k) => [k, 0]));
    // The report goes to the run's output every time: its figures are what a reviewer reads.
    process.stderr.write(`${report}\n${logDir ? `logs: ${logDir}\n` : ''}`);
    expect(actual).toEqual(zeros);
    expect(figures.eventsRecorded).toBe(figures.eventsPlanned);
  });
}

describe('soak on Codat: events under provider faults, gateway kills and a second gateway', () => {
  let run: SoakRun;

  beforeAll(async () => {
    // The defaults (1,000 events over 20 borrowers, 25 % faults, 3 kills), whatever SOAK_* says.
    // About 90 s on SQLite and 140 s on Postgres on a quiet 2-core machine; the budget leaves room for a busy one.
    const settings = loadSoakSettings({ DATABASE_URL: process.env.DATABASE_URL, SOAK_BUDGET_MS: '240000' });
    run = await runSoak(settings, () => undefined);
  }, 320_000);

  it('does what it claims: 1,000 events over 20 borrowers, 10 % re-sent, 20 % of provider requests faulted, 3 kills (one with a push in flight), two gateways', () => {
    const f = run.figures;
    expect(f.eventsPlanned).toBeGreaterThanOrEqual(1000);
    expect(f.resent).toBeGreaterThanOrEqual(100);
    expect(f.faultsInjected / f.providerRequests).toBeGreaterThanOrEqual(0.2);
    expect(Object.keys(f.faultsByKind).sort()).toEqual(['FAIL', 'LOSE_RESPONSE', 'RATE_LIMIT', 'SERVER_ERROR', 'SLOW_RESPONSE', 'STAY_PENDING', 'TIME_OUT']);
    expect(f.timeOutsLanded).toBeGreaterThan(0);
    expect(f.timeOutsLanded).toBeLessThan(f.faultsByKind.TIME_OUT);
    expect(f.kills).toBe(3);
    expect(f.killsWithWriteInFlight).toBeGreaterThanOrEqual(1);
    expect(f.gateways).toBe(2);
  });

  expectEveryFigureZero(() => run);
});

describe("soak on Sinao: two-step writes under faults, kills between a write's steps and a second gateway", () => {
  let run: SoakRun;

  beforeAll(async () => {
    // Fewer events than Codat's, so that both soaks together keep the suite's time reasonable.
    const settings = loadSoakSettings({
      DATABASE_URL: process.env.DATABASE_URL,
      SOAK_PROVIDER: 'sinao',
      SOAK_EVENTS: '200',
      SOAK_COMPANIES: '8',
      SOAK_BUDGET_MS: '150000',
    });
    run = await runSoak(settings, () => undefined);
  }, 200_000);

  it("does what it claims: 200 events over 8 borrowers, 10 % re-sent, 20 % of provider requests faulted, 3 kills (one during a write's reconcile step), two gateways", () => {
    const f = run.figures;
    expect(f.eventsPlanned).toBeGreaterThanOrEqual(200);
    expect(f.resent).toBeGreaterThanOrEqual(20);
    expect(f.faultsInjected / f.providerRequests).toBeGreaterThanOrEqual(0.2);
    // Sinao's writes are synchronous: only the exchange's faults, a 500 or a lost answer landing the write half the time.
    expect(Object.keys(f.faultsByKind).sort()).toEqual(['LOSE_RESPONSE', 'RATE_LIMIT', 'SERVER_ERROR', 'SLOW_RESPONSE']);
    expect(f.kills).toBe(3);
    expect(f.killsWithWriteInFlight).toBeGreaterThanOrEqual(1);
    expect(f.gateways).toBe(2);
  });

  expectEveryFigureZero(() => run);
});

describe('soak on Xero: access tokens expiring every 3 seconds, single-use refresh tokens, two gateways and kills', () => {
  let run: SoakRun;

  beforeAll(async () => {
    // About 20 s alone on a 2-core machine, 72 s once beside the rest of the suite: recording stops
    // 20 s before the budget ends, so the budget leaves room for a loaded machine.
    const settings = loadSoakSettings({
      DATABASE_URL: process.env.DATABASE_URL,
      SOAK_PROVIDER: 'xero',
      SOAK_EVENTS: '200',
      SOAK_COMPANIES: '8',
      SOAK_BUDGET_MS: '120000',
    });
    run = await runSoak(settings, () => undefined);
  }, 180_000);

  it('does what it claims: 200 events over 8 borrowers connected through consent, tokens refreshed many times by both gateways, 20 % of provider requests faulted, 3 kills', () => {
    const f = run.figures;
    expect(f.eventsPlanned).toBeGreaterThanOrEqual(200);
    expect(f.resent).toBeGreaterThanOrEqual(20);
    expect(f.faultsInjected / f.providerRequests).toBeGreaterThanOrEqual(0.2);
    expect(Object.keys(f.faultsByKind).sort()).toEqual(['LOSE_RESPONSE', 'RATE_LIMIT', 'SERVER_ERROR', 'SLOW_RESPONSE']);
    // Each borrower's access token ran out several times during the run.
    expect(f.refreshes).toBeGreaterThanOrEqual(16);
    expect(f.kills).toBe(3);
    expect(f.killsWithWriteInFlight).toBeGreaterThanOrEqual(1);
    expect(f.gateways).toBe(2);
  });

  expectEveryFigureZero(() => run);
});
