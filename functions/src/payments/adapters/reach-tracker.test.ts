import { BrokenCircuitError } from 'cockatiel';
import { ConnectorNotReachedError } from '../application/processor-connector';
import { ReachTracker } from './reach-tracker';

type Step = 'start' | 'refused' | 'reset' | 'answered';
const refused = new ConnectorNotReachedError('connection refused');

/** A tracker that saw `steps`, in order, of one call's attempts. */
function after(steps: readonly Step[]): ReachTracker {
  const reach = new ReachTracker();
  for (const step of steps) {
    if (step === 'start') reach.starting();
    else if (step === 'answered') reach.answered();
    else reach.failed(step === 'refused');
  }
  return reach;
}

describe('ReachTracker', () => {
  it.each([
    ['every attempt was refused', ['start', 'refused', 'start', 'refused'], refused, 'not_reached'],
    ['the breaker was open before any attempt', [], new BrokenCircuitError(), 'not_reached'],
    ['a reset attempt, then a refused retry (the first may have carried the request)', ['start', 'reset', 'start', 'refused'], refused, 'maybe_reached'],
    ['an attempt abandoned by its timeout, then a refused retry', ['start', 'start', 'refused'], refused, 'maybe_reached'],
    ['an answered attempt, then an open breaker', ['start', 'answered'], new BrokenCircuitError(), 'maybe_reached'],
    ['any other error (the connector maps it)', ['start', 'refused'], new Error('bad answer'), 'other'],
  ] as const)('given %s, when the call fails, then the verdict is as expected', (_given, steps, error, verdict) => {
    expect(after(steps).verdict(error)).toBe(verdict);
  });
});
