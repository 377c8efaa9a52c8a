import { invocationsPerChain, messagesAtHop, noopPlanFrom, subscriptionsOf } from './noop-plan';

describe('the no-op chain takes its shape from the counted chain', () => {
  it('given 3 task dispatches, 2 pushes and 4 messages a payment, then the plan has those hops and every message goes out once', () => {
    const plan = noopPlanFrom({ taskDispatchesPerPayment: 3.02, pushesPerPayment: 1.98, messagesPublishedPerPayment: 4 });

    expect(plan).toEqual({ taskHops: 3, publishes: 4, pushes: 2, subscriptions: 1 });
    expect(invocationsPerChain(plan)).toBe(1 + 3 + 2);
    expect([0, 1, 2, 3].flatMap((hop) => messagesAtHop(plan, hop)).sort()).toEqual([0, 1, 2, 3]);
    expect([0, 1, 2, 3].flatMap((m) => subscriptionsOf(plan, m)).length).toBe(2);
  });

  it('given more pushes than messages, then messages fan out over enough subscriptions for every push', () => {
    const plan = noopPlanFrom({ taskDispatchesPerPayment: 2, pushesPerPayment: 5, messagesPublishedPerPayment: 2 });

    expect(plan).toEqual({ taskHops: 2, publishes: 2, pushes: 5, subscriptions: 3 });
    expect(subscriptionsOf(plan, 0)).toEqual([0, 1, 2]);
    expect(subscriptionsOf(plan, 1)).toEqual([0, 1]);
  });

  it('given pushes but no counted publish, then one message is published to carry them; given neither, none', () => {
    expect(noopPlanFrom({ taskDispatchesPerPayment: 0, pushesPerPayment: 1, messagesPublishedPerPayment: 0 })).toEqual({ taskHops: 0, publishes: 1, pushes: 1, subscriptions: 1 });
    expect(noopPlanFrom({ taskDispatchesPerPayment: 4, pushesPerPayment: 0, messagesPublishedPerPayment: 0 })).toEqual({ taskHops: 4, publishes: 0, pushes: 0, subscriptions: 0 });
  });
});
