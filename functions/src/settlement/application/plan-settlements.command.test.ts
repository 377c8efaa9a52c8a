import { QUEUES } from '../../contracts/payment-tasks.v1';
import { settlementHarness } from '../testing/settlement-harness';
import { planSettlements } from './plan-settlements.command';

describe('plan-settlements', () => {
  it('fans out one named task per merchant and mode due today, page by page, and nothing twice on a re-run', async () => {
    // given 7 daily merchants (test and live settings of some), a weekly one anchored today (Saturday), one on Monday, one manual
    const h = settlementHarness();
    for (let i = 0; i < 5; i++) h.settings({}, `acct_d${i}`);
    h.settings({}, 'acct_d0', true);
    h.settings({}, 'acct_d1', true);
    h.settings({ interval: 'weekly', weeklyAnchor: 'saturday' }, 'acct_w1');
    h.settings({ interval: 'weekly', weeklyAnchor: 'monday' }, 'acct_w2');
    h.settings({ interval: 'manual' }, 'acct_m');

    // when planned with pages of 2, twice
    const first = await planSettlements({ store: h.store, tasks: h.tasks, clock: h.clock }, { pageSize: 2 });
    const second = await planSettlements({ store: h.store, tasks: h.tasks, clock: h.clock }, { pageSize: 2 });

    // then 8 tasks, named by merchant, mode and date; the re-run only meets duplicates
    expect(first).toEqual({ settlementDate: '2026-11-28', merchants: 8, enqueued: 8, duplicates: 0 });
    expect(second).toMatchObject({ enqueued: 0, duplicates: 8 });
    const names = h.tasks.inQueue(QUEUES.settlements).map((t) => t.name).sort();
    expect(names).toEqual([
      'settle-acct_d0-live-20261128', 'settle-acct_d0-test-20261128', 'settle-acct_d1-live-20261128', 'settle-acct_d1-test-20261128',
      'settle-acct_d2-test-20261128', 'settle-acct_d3-test-20261128', 'settle-acct_d4-test-20261128', 'settle-acct_w1-test-20261128',
    ]);
    expect(h.tasks.inQueue(QUEUES.settlements)[0].payload).toEqual({ merchant_id: expect.any(String), livemode: expect.any(Boolean), settlement_date: '2026-11-28' });
  });
});
