import { MERCHANT, paymentSucceeded, T0, webhooksHarness } from '../testing/webhooks-harness';
import { getEvent } from './get-event.query';
import { listEvents } from './list-events.query';

async function threeEvents() {
  const h = webhooksHarness();
  await h.emit({ ...paymentSucceeded({ id: 'evt_a' }), time: new Date(T0).toISOString() });
  await h.emit({ ...paymentSucceeded({ id: 'evt_b' }), type: 'refund.succeeded', time: new Date(T0 + 10_000).toISOString() });
  await h.emit({ ...paymentSucceeded({ id: 'evt_c' }), type: 'payment.failed', time: new Date(T0 + 20_000).toISOString() });
  await h.emit({ ...paymentSucceeded({ id: 'evt_live', livemode: true }), time: new Date(T0 + 30_000).toISOString() });
  return h;
}

const ids = (list: { data: Array<{ id: string }> }) => list.data.map((e) => e.id);

describe('the Events API', () => {
  it('lists the mode\'s events newest first, filtered by exact type, group wildcard and created range, with a cursor', async () => {
    const h = await threeEvents();
    const list = (query: Partial<Parameters<typeof listEvents>[2]>) => listEvents(h.events, MERCHANT, { limit: 10, ...query });
    expect(ids(await list({}))).toEqual(['evt_c', 'evt_b', 'evt_a']);
    expect(ids(await list({ type: '*' }))).toEqual(['evt_c', 'evt_b', 'evt_a']);
    expect(ids(await list({ type: 'payment.*' }))).toEqual(['evt_c', 'evt_a']);
    expect(ids(await list({ type: 'refund.succeeded' }))).toEqual(['evt_b']);
    const seconds = (ms: number) => String(Math.floor(ms / 1000));
    expect(ids(await list({ 'created[gte]': seconds(T0 + 10_000), 'created[lte]': seconds(T0 + 10_000) }))).toEqual(['evt_b']);
    const first = await list({ limit: 2 });
    expect([ids(first), first.has_more]).toEqual([['evt_c', 'evt_b'], true]);
    const next = await list({ limit: 2, starting_after: 'evt_b' });
    expect([ids(next), next.has_more]).toEqual([['evt_a'], false]);
    // a cursor is a position: one outside the type filter still pages from where it stands
    expect(ids(await list({ type: 'payment.*', starting_after: 'evt_b' }))).toEqual(['evt_a']);
  });

  it('never shows another mode\'s or merchant\'s event', async () => {
    const h = await threeEvents();
    expect(await getEvent(h.events, MERCHANT, 'evt_live')).toMatchObject({ ok: false, error: { status: 404 } });
    expect(ids(await listEvents(h.events, { ...MERCHANT, livemode: true }, { limit: 10 }))).toEqual(['evt_live']);
    expect(ids(await listEvents(h.events, { merchantId: 'acct_other', livemode: false }, { limit: 10 }))).toEqual([]);
    expect(await getEvent(h.events, MERCHANT, 'evt_a')).toMatchObject({ ok: true, value: { id: 'evt_a', object: 'event', type: 'payment.succeeded', pending_webhooks: 0, data: { object: { id: 'pay_1' } } } });
  });
});
