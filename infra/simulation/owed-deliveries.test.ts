import { KILLED_LEASE_RETURN_MS, MIN_QUIET_AFTER_KILL_MS, OwedDeliveries } from './owed-deliveries';

describe('OwedDeliveries', () => {
  it('given a push started, when it is delivered, then nothing is owed', () => {
    const owed = new OwedDeliveries();
    owed.owe('sub/1');
    expect(owed.settled(1_000)).toBe(false);
    owed.paid('sub/1');
    expect(owed.settled(1_000)).toBe(true);
  });

  it('given a push the killed process had started, when the new process delivers it, then it is paid', () => {
    const owed = new OwedDeliveries();
    owed.owe('sub/1');
    owed.killed(10_000);
    expect(owed.settled(10_000 + MIN_QUIET_AFTER_KILL_MS)).toBe(false);
    owed.paid('sub/1');
    expect(owed.settled(10_000 + MIN_QUIET_AFTER_KILL_MS)).toBe(true);
  });

  it('given a push the killed process had started, when it never comes back, then the debt ends with the longest lease', () => {
    const owed = new OwedDeliveries();
    owed.owe('sub/1');
    owed.killed(10_000);
    expect(owed.settled(10_000 + KILLED_LEASE_RETURN_MS - 1)).toBe(false);
    expect(owed.settled(10_000 + KILLED_LEASE_RETURN_MS)).toBe(true);
  });

  it('given a kill and nothing logged, when less than the quiet bound has passed, then it is not settled', () => {
    const owed = new OwedDeliveries();
    owed.killed(10_000);
    expect(owed.settled(10_000 + MIN_QUIET_AFTER_KILL_MS - 1)).toBe(false);
    expect(owed.settled(10_000 + MIN_QUIET_AFTER_KILL_MS)).toBe(true);
  });

  it('given a push owed before a kill is started again after it, then it is owed until delivered, with no expiry', () => {
    const owed = new OwedDeliveries();
    owed.owe('sub/1');
    owed.killed(0);
    owed.owe('sub/1');
    expect(owed.settled(KILLED_LEASE_RETURN_MS * 2)).toBe(false);
  });
});
