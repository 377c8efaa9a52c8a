import {
  applyIncrement,
  bucketStart,
  distinctOtherCards,
  keyHash,
  planKeyRead,
  planVelocityWrite,
  shardFor,
  type DayDoc,
  type VelocityEvent,
} from './velocity-buckets';

const T0 = Date.UTC(2025, 0, 6, 12, 0, 0);
const SHARDS = { card: 2, email: 1, customer: 1, ip: 4, device: 2 };

function event(id: string, atMs: number, card = 'fp_1'): VelocityEvent {
  return { eventId: id, kind: 'attempt', occurredAtMs: atMs, amountUsdMinor: 500, cardFingerprint: card, keys: { card, ip: '203.0.113.9' } };
}

/** Applies plans with the documented rule: one marker per event, every increment in the same commit. */
function applyAll(events: VelocityEvent[]): Map<string, DayDoc> {
  const docs = new Map<string, DayDoc>();
  const markers = new Set<string>();
  for (const e of events) {
    const plan = planVelocityWrite(e, SHARDS);
    if (markers.has(plan.markerDocId)) continue;
    markers.add(plan.markerDocId);
    for (const inc of plan.increments) docs.set(inc.docId, applyIncrement(docs.get(inc.docId), inc));
  }
  return docs;
}

function windowSum(docs: Map<string, DayDoc>, kind: 'card' | 'ip' | 'device', value: string, window: '10m' | '1h' | '24h', now: number) {
  return planKeyRead(kind, value, now, SHARDS[kind]).sum(window, docs);
}

describe('velocity bucket keys', () => {
  it('hashes keys without exposing them and treats e-mail case-insensitively', () => {
    expect(keyHash('email', ' Ann@Example.com ')).toBe(keyHash('email', 'ann@example.com'));
    expect(keyHash('ip', '203.0.113.9')).not.toContain('203');
  });

  it('puts one event in one day document per key, one slot per granularity, the same shard on every retry', () => {
    const plan = planVelocityWrite(event('pay_1', T0), SHARDS);
    // given card and ip keys and three granularities
    expect(plan.increments).toHaveLength(2);
    expect(plan.increments.map((inc) => inc.slots.map((s) => s.slot))).toEqual([
      ['m720', 't72', 'h12'],
      ['m720', 't72', 'h12'],
    ]);
    expect(planVelocityWrite(event('pay_1', T0), SHARDS)).toEqual(plan);
    expect(shardFor('pay_1', 4)).toBe(shardFor('pay_1', 4));
  });

  it('spreads a burst on one IP over every shard', () => {
    // when 200 events hit one IP in the same minute
    const docs = applyAll(Array.from({ length: 200 }, (_, i) => event(`pay_${i}`, T0 + i * 100)));
    // then the IP's day lives in 4 documents, none holding most of the writes
    const ipDocs = [...docs.entries()].filter(([id]) => id.startsWith('ip_'));
    expect(ipDocs).toHaveLength(4);
    for (const [, doc] of ipDocs) expect(doc.h12.count).toBeLessThan(100);
  });

  it('aligns buckets to the epoch', () => {
    expect(bucketStart(T0 + 59_999, '1m')).toBe(T0);
    expect(bucketStart(T0 + 3_599_999, '1h')).toBe(T0);
  });
});

describe('window sums', () => {
  it('counts an event delivered twice only once', () => {
    const docs = applyAll([event('pay_1', T0), event('pay_1', T0), event('pay_2', T0 + 1_000)]);
    expect(windowSum(docs, 'card', 'fp_1', '10m', T0 + 2_000)).toMatchObject({ count: 2, amountUsdMinor: 1_000 });
  });

  it('drops events once they fall out of each window', () => {
    // given events at 0, 30 min and 5 h before "now"
    const now = T0 + 5 * 3_600_000;
    const docs = applyAll([event('a', T0), event('b', now - 30 * 60_000), event('c', now - 60_000)]);
    // then each window sees only what it covers
    expect(windowSum(docs, 'card', 'fp_1', '10m', now).count).toBe(1);
    expect(windowSum(docs, 'card', 'fp_1', '1h', now).count).toBe(2);
    expect(windowSum(docs, 'card', 'fp_1', '24h', now).count).toBe(3);
  });

  it('counts distinct cards per IP, leaving out the card paying now', () => {
    const docs = applyAll([event('a', T0, 'fp_1'), event('b', T0, 'fp_2'), event('c', T0, 'fp_2'), event('d', T0, 'fp_3')]);
    const sum = windowSum(docs, 'ip', '203.0.113.9', '1h', T0 + 60_000);
    expect(distinctOtherCards(sum, 'fp_3')).toBe(2);
    expect(distinctOtherCards(sum, 'fp_new')).toBe(3);
  });

  it('sums windows that reach back past midnight from both day documents', () => {
    // given events at 23:55 and 00:03, read at 00:04
    const midnight = Date.UTC(2025, 0, 7);
    const docs = applyAll([event('a', midnight - 5 * 60_000), event('b', midnight + 3 * 60_000), event('old', midnight - 20 * 3_600_000)]);
    const now = midnight + 4 * 60_000;
    expect(windowSum(docs, 'card', 'fp_1', '10m', now).count).toBe(2);
    expect(windowSum(docs, 'card', 'fp_1', '1h', now).count).toBe(2);
    expect(windowSum(docs, 'card', 'fp_1', '24h', now)).toMatchObject({ count: 3, amountUsdMinor: 1_500 });
    // and 25 hours later, every window is empty
    expect(windowSum(docs, 'card', 'fp_1', '24h', now + 25 * 3_600_000).count).toBe(0);
  });

  it('keeps each window no longer than its length: an event 61 minutes old is outside 1h', () => {
    const docs = applyAll([event('a', T0)]);
    expect(windowSum(docs, 'card', 'fp_1', '1h', T0 + 61 * 60_000).count).toBe(0);
    expect(windowSum(docs, 'card', 'fp_1', '10m', T0 + 11 * 60_000).count).toBe(0);
    expect(windowSum(docs, 'card', 'fp_1', '24h', T0 + 24 * 3_600_000 + 1).count).toBe(0);
  });

  it('reads at most two day documents per shard, and only today when no window crosses midnight', () => {
    expect(planKeyRead('card', 'fp_1', T0, 2).ids).toHaveLength(4);
    expect(planKeyRead('ip', '203.0.113.9', T0, 4).ids).toHaveLength(8);
    // at 23:30 the device windows (1h, 24h) all fall within today
    expect(planKeyRead('device', 'dev_1', Date.UTC(2025, 0, 6, 23, 30), 2).ids).toHaveLength(2);
  });

  it('writes no minute slots for device keys and no card sets into minute slots', () => {
    const plan = planVelocityWrite({ ...event('pay_1', T0), keys: { device: 'dev_1', ip: '203.0.113.9' } }, SHARDS);
    const [device, ip] = plan.increments;
    expect(device.slots.map((s) => s.slot)).toEqual(['t72', 'h12']);
    expect(ip.slots.filter((s) => s.cardHash).map((s) => s.slot)).toEqual(['t72', 'h12']);
  });

  it('records declines separately from attempts', () => {
    const decline: VelocityEvent = { ...event('pay_1:decline', T0), kind: 'decline', keys: { card: 'fp_1' } };
    const docs = applyAll([event('pay_1', T0), decline]);
    expect(windowSum(docs, 'card', 'fp_1', '24h', T0 + 1_000)).toMatchObject({ count: 1, declines: 1 });
  });
});
