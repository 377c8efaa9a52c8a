import { Timestamp } from 'firebase-admin/firestore';
import { startFirestoreEmulator, type RunningEmulator } from '../../infra/emulators';
import { firestore } from '../src/platform/adapters/firestore-client';
import { InMemoryTaskQueue } from '../src/platform/adapters/task-queue.memory';
import { COLLECTIONS } from '../src/shared/firestore-collections';
import type { MerchantContext } from '../src/shared/merchant-context';
import { FirestoreMerchantEventStore } from '../src/webhooks/adapters/merchant-event.firestore-store';
import { InMemoryMerchantEventStore } from '../src/webhooks/adapters/merchant-event.memory-store';
import { emitMerchantEventFromDomain } from '../src/webhooks/application/emit-merchant-event.command';
import type { EventFilter, MerchantEventStore } from '../src/webhooks/application/merchant-event.store';
import type { DeliveryAttempt } from '../src/webhooks/domain/delivery-attempt';
import { EVENT_RETENTION_MS, MerchantEvent } from '../src/webhooks/domain/merchant-event';
import { MERCHANT, paymentSucceeded, webhooksHarness } from '../src/webhooks/testing/webhooks-harness';

// The merchant event store against a real Firestore emulator: an event is created once even when two
// deliveries of its domain event race, the list's filters, order and cursor answer what the in-memory store
// (everyone's unit tests) answers, pending endpoints are removed without a transaction, attempts are listed
// newest first, and events and attempts carry the TTL field. Test and live never see each other's documents.
const PROJECT_ID = 'demo-merchant-events';
const T = Date.UTC(2026, 10, 28, 12);
const LIVE: MerchantContext = { merchantId: 'acct_evfs', livemode: true };
const TEST: MerchantContext = { merchantId: 'acct_evfs', livemode: false };
// Each test its own merchant: the list test sees only the events it made.
const ONCE: MerchantContext = { merchantId: 'acct_evfs_once', livemode: false };

const event = (id: string, type: string, createdMs: number, merchant: MerchantContext = TEST, endpointIds: string[] = []): MerchantEvent => ({
  id,
  merchantId: merchant.merchantId,
  livemode: merchant.livemode,
  type,
  apiVersion: '2026-11-01',
  createdMs,
  object: { id: `obj_${id}`, object: type.split('.')[0], status: type.split('.')[1], created: Math.floor(createdMs / 1000) },
  previousAttributes: null,
  endpointIds,
  pendingEndpointIds: endpointIds,
});

const attempt = (id: string, eventId: string, endpointId: string, attemptedAtMs: number, merchant: MerchantContext = TEST): DeliveryAttempt => ({
  id,
  eventId,
  endpointId,
  merchantId: merchant.merchantId,
  livemode: merchant.livemode,
  attemptedAtMs,
  outcome: 'failed',
  statusCode: 500,
  latencyMs: 12,
  error: 'http_status',
  responseBody: 'down',
  trigger: 'automatic',
});

describe('the Firestore merchant event store', () => {
  let emulator: RunningEmulator | undefined;
  let store: FirestoreMerchantEventStore;

  beforeAll(async () => {
    emulator = await startFirestoreEmulator({ projectId: PROJECT_ID });
    process.env.FIRESTORE_EMULATOR_HOST = emulator.hostPort;
    process.env.GCLOUD_PROJECT = PROJECT_ID;
    store = new FirestoreMerchantEventStore(firestore(PROJECT_ID));
  }, 90_000);

  afterAll(async () => {
    await emulator?.stop();
  });

  it('given one event created twice at once, then one document: the loser answers the stored event, and it expires 30 days after it was made', async () => {
    // when two deliveries of the same domain event race, addressed to different endpoints
    const [a, b] = await Promise.all([store.createOnce(event('evt_once', 'payment.succeeded', T, ONCE, ['we_1'])), store.createOnce(event('evt_once', 'payment.succeeded', T, ONCE, ['we_2']))]);

    // then exactly one created it, and both answer the same stored addressees
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(a.event.endpointIds).toEqual(b.event.endpointIds);
    const doc = await firestore(PROJECT_ID).collection(COLLECTIONS.merchantEvents).doc('evt_once').get();
    expect(doc.get('endpoint_ids')).toEqual(a.event.endpointIds);
    expect(doc.get('type_group')).toBe('payment');
    expect(doc.get('expires_at')).toBeInstanceOf(Timestamp);
    expect((doc.get('expires_at') as Timestamp).toMillis()).toBe(T + EVENT_RETENTION_MS);
    expect(await store.get(ONCE, 'evt_once')).toEqual(a.event);
    // and the other mode's key does not see it
    expect(await store.get({ ...ONCE, livemode: true }, 'evt_once')).toBeNull();
  });

  it('given a domain event delivered twice at once through the consumer, then one merchant event and one named task per endpoint', async () => {
    const h = webhooksHarness();
    const endpoint = await h.createEndpoint(MERCHANT, { url: 'https://hooks.shop.example/a', enabled_events: ['payment.*'] });
    if (!endpoint.ok) throw new Error('endpoint not created');
    const tasks = new InMemoryTaskQueue();
    const deps = { ...h.deps, events: store, tasks };

    const wire = paymentSucceeded({ id: 'evt_consumer_twice' });
    await Promise.all([emitMerchantEventFromDomain(deps, wire), emitMerchantEventFromDomain(deps, wire)]);

    const stored = await firestore(PROJECT_ID).collection(COLLECTIONS.merchantEvents).where('merchant_id', '==', MERCHANT.merchantId).get();
    expect(stored.docs.map((d) => d.id)).toEqual(['evt_consumer_twice']);
    expect(tasks.tasks.map((t) => t.name)).toEqual([`whd-evt_consumer_twice-${endpoint.value.id}`]);
  });

  describe('the list', () => {
    const memory = new InMemoryMerchantEventStore();
    const seeded = [
      event('evt_l1', 'payment.processing', T),
      event('evt_l2', 'payment.succeeded', T + 1_000),
      event('evt_l3', 'refund.created', T + 2_000),
      // two in the same millisecond: the id breaks the tie (descending, like the implicit document-name order)
      event('evt_l4a', 'payment.failed', T + 3_000),
      event('evt_l4b', 'refund.succeeded', T + 3_000),
      event('evt_l5', 'payout.paid', T + 4_000),
      event('evt_live1', 'payment.succeeded', T + 1_000, LIVE),
      event('evt_other1', 'payment.succeeded', T + 1_000, { merchantId: 'acct_evfs_other', livemode: false }),
    ];

    beforeAll(async () => {
      for (const e of seeded) await Promise.all([store.createOnce(e), memory.createOnce(e)]);
    });

    const page = async (s: MerchantEventStore, merchant: MerchantContext, filter: Partial<EventFilter>) => {
      const p = await s.list(merchant, { limit: 10, ...filter });
      return { ids: p.events.map((e) => e.id), hasMore: p.hasMore };
    };

    it.each<[string, MerchantContext, Partial<EventFilter>, string[], boolean]>([
      ['every type (no filter, as `*` is passed)', TEST, {}, ['evt_l5', 'evt_l4b', 'evt_l4a', 'evt_l3', 'evt_l2', 'evt_l1'], false],
      ['a group wildcard', TEST, { type: 'payment.*' }, ['evt_l4a', 'evt_l2', 'evt_l1'], false],
      ['an exact type', TEST, { type: 'refund.created' }, ['evt_l3'], false],
      ['an exact type nobody has', TEST, { type: 'balance.available' }, [], false],
      ['a created range (both ends inclusive)', TEST, { createdGteMs: T + 1_000, createdLteMs: T + 3_000 }, ['evt_l4b', 'evt_l4a', 'evt_l3', 'evt_l2'], false],
      ['a group wildcard within a range', TEST, { type: 'refund.*', createdGteMs: T + 2_500 }, ['evt_l4b'], false],
      ['a first page', TEST, { limit: 2 }, ['evt_l5', 'evt_l4b'], true],
      ['the next page, after a tie on created', TEST, { limit: 2, startingAfter: 'evt_l4b' }, ['evt_l4a', 'evt_l3'], true],
      ['the last page', TEST, { limit: 2, startingAfter: 'evt_l2' }, ['evt_l1'], false],
      ['a cursor with a type filter', TEST, { type: 'payment.*', startingAfter: 'evt_l4a' }, ['evt_l2', 'evt_l1'], false],
      ['a cursor outside the type filter (a position, like startAfter)', TEST, { type: 'payment.*', startingAfter: 'evt_l3' }, ['evt_l2', 'evt_l1'], false],
      ['a cursor that is another mode\'s event', TEST, { startingAfter: 'evt_live1' }, [], false],
      ['a cursor that does not exist', TEST, { startingAfter: 'evt_nope' }, [], false],
      ['the live key', LIVE, {}, ['evt_live1'], false],
    ])('%s: Firestore answers what the in-memory store answers', async (_name, merchant, filter, expected, hasMore) => {
      const fromFirestore = await page(store, merchant, filter);
      expect(fromFirestore).toEqual({ ids: expected, hasMore });
      expect(await page(memory, merchant, filter)).toEqual(fromFirestore);
    });
  });

  it('given two endpoints answering at once, then both leave the pending list (arrayRemove, no transaction)', async () => {
    await store.createOnce(event('evt_pending', 'payment.succeeded', T, ONCE, ['we_a', 'we_b', 'we_c']));

    await Promise.all([store.markDelivered('evt_pending', 'we_a'), store.markDelivered('evt_pending', 'we_c'), store.markDelivered('evt_pending', 'we_a')]);

    expect(await store.getById('evt_pending')).toMatchObject({ endpointIds: ['we_a', 'we_b', 'we_c'], pendingEndpointIds: ['we_b'] });
  });

  it('lists an event\'s attempts newest first, by endpoint if asked, never the other mode\'s, each expiring 30 days after it was made', async () => {
    await store.recordAttempt(attempt('wha_1', 'evt_att', 'we_a', T));
    await store.recordAttempt(attempt('wha_2', 'evt_att', 'we_b', T + 5_000));
    await store.recordAttempt(attempt('wha_3', 'evt_att', 'we_a', T + 9_000));
    await store.recordAttempt(attempt('wha_live', 'evt_att', 'we_a', T + 10_000, LIVE));
    await store.recordAttempt(attempt('wha_other_event', 'evt_att_other', 'we_a', T + 10_000));

    expect((await store.listAttempts(TEST, 'evt_att', { limit: 10 })).map((a) => a.id)).toEqual(['wha_3', 'wha_2', 'wha_1']);
    expect((await store.listAttempts(TEST, 'evt_att', { endpointId: 'we_a', limit: 10 })).map((a) => a.id)).toEqual(['wha_3', 'wha_1']);
    expect((await store.listAttempts(TEST, 'evt_att', { limit: 1 })).map((a) => a.id)).toEqual(['wha_3']);
    expect((await store.listAttempts(LIVE, 'evt_att', { limit: 10 })).map((a) => a.id)).toEqual(['wha_live']);
    expect((await store.listAttempts(TEST, 'evt_att', { limit: 10 }))[0]).toEqual(attempt('wha_3', 'evt_att', 'we_a', T + 9_000));
    const doc = await firestore(PROJECT_ID).collection(COLLECTIONS.webhookDeliveryAttempts).doc('wha_1').get();
    expect((doc.get('expires_at') as Timestamp).toMillis()).toBe(T + EVENT_RETENTION_MS);
  });

  it('keeps an endpoint\'s health in its own document', async () => {
    expect(await store.health('we_health')).toBeNull();
    await store.saveHealth({ endpointId: 'we_health', failingSinceMs: T, lastFailureMs: T + 60_000, consecutiveFailures: 4 });
    expect(await store.health('we_health')).toEqual({ endpointId: 'we_health', failingSinceMs: T, lastFailureMs: T + 60_000, consecutiveFailures: 4 });
    await store.saveHealth({ endpointId: 'we_health', failingSinceMs: null, lastFailureMs: null, consecutiveFailures: 0 });
    expect(await store.health('we_health')).toEqual({ endpointId: 'we_health', failingSinceMs: null, lastFailureMs: null, consecutiveFailures: 0 });
  });
});
