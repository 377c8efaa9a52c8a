import { ProcessorAttempt } from './payment';
import { DOWN_AFTER_FAILURES, summarizeHealth } from './processor-health';

const at = (processor: ProcessorAttempt['processor'], outcome: ProcessorAttempt['outcome'], atMs: number, latencyMs = 100, livemode = false) => ({ processor, outcome, code: null, latencyMs, atMs, livemode });
const of = (health: ReturnType<typeof summarizeHealth>, processor: string, livemode = false) => health.find((h) => h.processor === processor && h.livemode === livemode)!;

describe('processor health over a window', () => {
  it('given answers, then rates, latency percentiles and state per processor and mode; nothing seen is idle', () => {
    const attempts = [...Array.from({ length: 18 }, (_, i) => at('sandbox_processor', 'authorized', 1_000 + i, 100 + i)), at('sandbox_processor', 'declined', 2_000, 300), at('sandbox_processor', 'unknown', 2_001)];
    const health = summarizeHealth(attempts, 0);
    expect(of(health, 'sandbox_processor')).toMatchObject({ attempts: 20, authorized: 18, declined: 1, unknown: 1, successRate: 0.95, failuresInARow: 1, state: 'up', latencyP50Ms: 109 });
    expect(of(health, 'sandbox_processor').approvalRate).toBeCloseTo(18 / 19);
    expect(of(health, 'euro_acquirer')).toMatchObject({ attempts: 0, state: 'idle', successRate: null, latencyP95Ms: null });
    expect(of(health, 'sandbox_processor', true).state).toBe('idle');
  });

  it('given failures in a row at the end, then down; a recovery after them is up again; older attempts fall out of the window', () => {
    const failing = Array.from({ length: DOWN_AFTER_FAILURES }, (_, i) => at('euro_acquirer', 'not_reached', 5_000 + i, 1));
    expect(of(summarizeHealth([at('euro_acquirer', 'authorized', 4_000), ...failing], 0), 'euro_acquirer')).toMatchObject({ state: 'down', failuresInARow: DOWN_AFTER_FAILURES });
    expect(of(summarizeHealth([...failing, at('euro_acquirer', 'authorized', 9_000)], 0), 'euro_acquirer')).toMatchObject({ state: 'degraded', failuresInARow: 0 });
    expect(of(summarizeHealth([...failing, at('euro_acquirer', 'authorized', 9_000)], 8_000), 'euro_acquirer')).toMatchObject({ attempts: 1, state: 'up' });
  });
});
