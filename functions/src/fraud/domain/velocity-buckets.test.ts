import {
  applyIncrement,
  bucketStart,
  distinctOtherCards,
  keyHash,
  planVelocityWrite,
  shardFor,
  sumWindow,
  windowDocIds,
  type CounterDoc,
  type VelocityEvent,
} from './velocity-buckets';

const T0 = Date.UTC(2025, 0, 6, 12, 0, 0);
const SHARDS = { card: 2, email: 1, customer: 1, ip: 4, device: 2 };

function event(id: string, atMs: number, card = 'fp_1'): VelocityEvent {
  return { eventId: id, kind: 'attempt', occurredAtMs: atMs, amountUsdMinor: 500, cardFingerprint: card, keys: { card, ip: '203.0.113.9' } };
}

/** Applies plans with the documented rule: one marker per event, every increment in the same commit. */
function applyAll(events: VelocityEvent[]): Map<string, CounterDoc> {
  const docs = new Map<string, CounterDoc>();
  const markers = new Set<string>();
  for (const e of events) {
    const plan = planVelocityWrite(e, SHARDS);
    if (markers.has(plan.markerDocId)) continue;
    markers.add(plan.markerDocId);
    for (const inc of plan.increments) docs.set(inc.docId, applyIncrement(docs.get(inc.docId), inc));
  }
  return docs;
}

function windowSum(docs: Map<string, CounterDoc>, kind: 'card' | 'ip', value: string, window: '10m' | '1h' | '24h', now: number) {
  return sumWindow(windowDocIds(kind, value, window, now, SHARDS[kind]).map((id) => docs.get(id)));
}

describe('velocity bucket keys', () => {
  it('hashes keys without exposing them and treats e-mail case-insensitively', () => {
    expect(keyHash('email', ' Ann@Example.com ')).toBe(keyHash('email', 'ann@example.com'));
    expect(keyHash('ip', '203.0.113.9')).not.toContain('203');
  });

  it('puts one event in one shard per bucket, the same shard on every retry', () => {
    const plan = planVelocityWrite(event('pay_1', T0), SHARDS);
    // given card and ip keys and three granularities
    expect(plan.increments).toHaveLength(6);
    expect(planVelocityWrite(event('pay_1', T0), SHARDS)).toEqual(plan);
    expect(shardFor('pay_1', 4)).toBe(shardFor('pay_1', 4));
  });

  it('spreads a burst on one IP over every shard', () => {
    // when 200 events hit one IP in the same minute
    const docs = applyAll(Array.from({ length: 200 }, (_, i) => event(`pay_${i}`, T0 + i * 100)));
    // then the IP's minute bucket lives in 4 documents, none holding most of the writes
    const minuteDocs = [...docs.entries()].filter(([id]) => id.startsWith('ip_') && id.includes('_1m_'));
    expect(minuteDocs).toHaveLength(4);
    for (const [, doc] of minuteDocs) expect(doc.count).toBeLessThan(100);
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

  it('records declines separately from attempts', () => {
    const decline: VelocityEvent = { ...event('pay_1:decline', T0), kind: 'decline', keys: { card: 'fp_1' } };
    const docs = applyAll([event('pay_1', T0), decline]);
    expect(windowSum(docs, 'card', 'fp_1', '24h', T0 + 1_000)).toMatchObject({ count: 1, declines: 1 });
  });
});
