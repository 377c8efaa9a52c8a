import { BrokenCircuitError } from 'cockatiel';
import { ConnectorNotReachedError } from '../application/processor-connector';
import { ReachTracker } from './reach-tracker';

const refused = new ConnectorNotReachedError('connection refused');

describe('ReachTracker', () => {
  it('given every attempt was refused, when the call fails, then nothing reached the processor', () => {
    const reach = new ReachTracker();
    reach.starting();
    reach.failed(true);
    reach.starting();
    reach.failed(true);
    expect(reach.verdict(refused)).toBe('not_reached');
  });

  it('given an open breaker before any attempt, then nothing was sent', () => {
    expect(new ReachTracker().verdict(new BrokenCircuitError())).toBe('not_reached');
  });

  it('given a reset attempt then a refused retry, when the call fails, then the first may have reached it: unknown', () => {
    const reach = new ReachTracker();
    reach.starting();
    reach.failed(false);
    reach.starting();
    reach.failed(true);
    expect(reach.verdict(refused)).toBe('maybe_reached');
  });

  it('given an attempt abandoned by its timeout, when the next is refused, then the abandoned one may have been sent', () => {
    const reach = new ReachTracker();
    reach.starting();
    reach.starting();
    reach.failed(true);
    expect(reach.verdict(refused)).toBe('maybe_reached');
  });

  it('given an answered attempt, when the breaker then opens, then the outcome is unknown', () => {
    const reach = new ReachTracker();
    reach.starting();
    reach.answered();
    expect(reach.verdict(new BrokenCircuitError())).toBe('maybe_reached');
  });

  it('given any other error, then the connector maps it', () => {
    const reach = new ReachTracker();
    reach.starting();
    reach.failed(true);
    expect(reach.verdict(new Error('bad answer'))).toBe('other');
  });
});
