import { PaymentEventV1 } from '../../contracts/payment-events.v1';
import { QUEUES } from '../../contracts/payment-tasks.v1';
import { createLogger } from '../../shared/logger';
import { InMemoryEventPublisher } from '../adapters/event.memory-publisher';
import { InMemoryOutboxStore } from '../adapters/outbox.memory-store';
import { InMemoryTaskQueue } from '../adapters/task-queue.memory';
import { OutboxRelay } from './outbox-relay';

const T0 = Date.UTC(2025, 0, 1);
const event = (id: string, atMs: number): PaymentEventV1 => ({
  id, type: 'payment.created', time: new Date(atMs).toISOString(), subject: 'pay_1', data: { payment_id: 'pay_1', merchant_id: 'acct_1' },
});

function relayWith() {
  const warnings: string[] = [];
  const store = new InMemoryOutboxStore();
  const publisher = new InMemoryEventPublisher();
  const tasks = new InMemoryTaskQueue();
  const relay = new OutboxRelay(publisher, store, tasks, createLogger({}, (line) => warnings.push(line)));
  /** Commits these events as one outbox document, as a transaction does, and returns its entry. */
  const commit = (events: PaymentEventV1[]) => store.append(events)!;
  return { store, publisher, relay, tasks, warnings, commit };
}

describe('outbox relay', () => {
  it('given committed events, when the fast path runs, then they are published in order and marked sent', async () => {
    const { store, publisher, relay, commit } = relayWith();
    const events = [event('evt_1', T0), event('evt_2', T0)];
    await relay.publishCommitted(commit(events));
    expect(publisher.published.map((e) => e.id)).toEqual(['evt_1', 'evt_2']);
    expect(await store.pendingOlderThan(T0 + 60_000, 10)).toEqual([]);
  });

  it('given a slow mark-sent, when the fast path runs, then it answers only after the events are marked sent', async () => {
    // CPU is throttled once a function has answered: a mark still running then may never commit.
    const { store, relay, commit } = relayWith();
    const entry = commit([event('evt_1', T0)]);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const markSent = store.markSent.bind(store);
    store.markSent = async (ids) => { await gate; await markSent(ids); };
    let answered = false;
    const publishing = relay.publishCommitted(entry).then(() => { answered = true; });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(answered).toBe(false);
    release();
    await publishing;
    expect(store.statusOf('evt_1')).toBe('sent');
  });

  it('given a failing mark-sent, when the fast path runs, then it does not throw and warns', async () => {
    const { store, relay, warnings, commit } = relayWith();
    const entry = commit([event('evt_1', T0)]);
    store.markSent = async () => { throw new Error('contention'); };
    await expect(relay.publishCommitted(entry)).resolves.toBeUndefined();
    expect(warnings.join()).toContain('outbox mark-sent failed');
  });

  it('given a failing publisher, when the fast path runs, then it does not throw, warns and leaves the events pending', async () => {
    const { store, publisher, relay, warnings, commit } = relayWith();
    const entry = commit([event('evt_1', T0)]);
    publisher.failWith();
    await expect(relay.publishCommitted(entry)).resolves.toBeUndefined();
    expect(store.statusOf('evt_1')).toBe('pending');
    expect(warnings.join()).toContain('evt_1');
  });

  it('given events left pending, when the sweep runs after the grace period, then it publishes them oldest first and marks them sent', async () => {
    const { store, publisher, relay, commit } = relayWith();
    // Three commits: the second is the oldest; the third holds two events of one commit.
    const events = [event('evt_2', T0 + 5), event('evt_1', T0), event('evt_3', T0 + 5), event('evt_4', T0 + 5)];
    const entries = [commit([events[0]]), commit([events[1]]), commit([events[2], events[3]])];
    publisher.failWith();
    for (const entry of entries) await relay.publishCommitted(entry);
    publisher.recover();
    expect(await relay.sweep(T0 + 20_000, 10_000)).toEqual({ published: 4 });
    expect(publisher.published.map((e) => e.id)).toEqual(['evt_1', 'evt_2', 'evt_3', 'evt_4']);
    expect(events.map((e) => store.statusOf(e.id))).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(await relay.sweep(T0 + 40_000, 10_000)).toEqual({ published: 0 });
  });

  it('given events younger than the grace period, when the sweep runs, then it leaves them to the fast path', async () => {
    const { store, publisher, relay } = relayWith();
    store.append([event('evt_1', T0)]);
    expect(await relay.sweep(T0 + 5_000, 10_000)).toEqual({ published: 0 });
    expect(publisher.published).toEqual([]);
  });

  it('given the publisher fails mid-sweep, when the sweep runs, then it throws and nothing is marked sent', async () => {
    const { store, publisher, relay } = relayWith();
    store.append([event('evt_1', T0)]);
    store.append([event('evt_2', T0 + 1)]);
    publisher.failWith(new Error('down'));
    await expect(relay.sweep(T0 + 20_000, 10_000)).rejects.toThrow('down');
    expect([store.statusOf('evt_1'), store.statusOf('evt_2')]).toEqual(['pending', 'pending']);
  });

  it('given a commit that owes tasks, when it is relayed, then each named task is created once and the events published', async () => {
    const { relay, tasks, publisher, store, commit } = relayWith();
    const task = { queue: QUEUES.authorize, name: 'authorize-pay_1', payload: { payment_id: 'pay_1' } };
    await relay.afterCommit({ outbox: commit([event('evt_1', T0)]), tasks: [task] });
    await relay.afterCommit({ outbox: null, tasks: [task] });
    expect(tasks.tasks).toEqual([task]);
    expect(publisher.published.map((e) => e.id)).toEqual(['evt_1']);
    expect(store.statusOf('evt_1')).toBe('sent');
  });

  it('given Cloud Tasks is down, when a commit hands over its task, then the relay warns and does not throw (the payment sweep re-creates it)', async () => {
    const { relay, tasks, warnings } = relayWith();
    tasks.failWith();
    await expect(relay.afterCommit({ outbox: null, tasks: [{ queue: QUEUES.capture, name: 'capture-pay_1', payload: { payment_id: 'pay_1' } }] })).resolves.toBeUndefined();
    expect(warnings.join()).toContain('task hand-off failed');
  });
});
