import { Webhook } from 'standardwebhooks';
import { MERCHANT, paymentSucceeded, webhooksHarness } from '../testing/webhooks-harness';

const URL_A = 'https://hooks.shop.example/payments';
const URL_B = 'https://other.shop.example/hooks';
const headersOf = (h: ReturnType<typeof webhooksHarness>, i = 0) => h.sender.sent[i].headers as Record<string, string>;
/** What the retries lane holds now (the first-attempt lane's tasks aside). */
const retriesOf = (h: ReturnType<typeof webhooksHarness>) => h.tasks.tasks.filter((t) => t.queue === 'webhook-retries');

async function withEndpoint(urls: string[] = [URL_A], enabledEvents: string[] = ['payment.*']) {
  const h = webhooksHarness();
  const created = [];
  for (const url of urls) {
    const endpoint = await h.createEndpoint(MERCHANT, { url, enabled_events: enabledEvents });
    if (!endpoint.ok) throw new Error(endpoint.error.message);
    created.push(endpoint.value);
  }
  return { h, endpoints: created };
}

describe('deliver a webhook', () => {
  it('given an endpoint, when an event is delivered, then the official standardwebhooks package verifies it and the attempt is recorded', async () => {
    // given
    const { h, endpoints } = await withEndpoint();
    await h.emit(paymentSucceeded());

    // when
    const [result] = await h.dispatch();

    // then
    expect(result.outcome).toMatchObject({ kind: 'done' });
    const sent = h.sender.sent[0];
    const body = new Webhook(endpoints[0].secret!).verify(sent.body, headersOf(h)) as any;
    expect(body).toMatchObject({ id: 'evt_succeeded_1', object: 'event', type: 'payment.succeeded', livemode: false, data: { object: { id: 'pay_1', status: 'succeeded' }, previous_attributes: { status: 'processing' } } });
    expect(headersOf(h)['webhook-id']).toBe('evt_succeeded_1');
    expect(h.events.attempts).toEqual([expect.objectContaining({ eventId: 'evt_succeeded_1', endpointId: endpoints[0].id, outcome: 'succeeded', statusCode: 200, error: null, trigger: 'automatic' })]);
    expect((await h.events.getById('evt_succeeded_1'))?.pendingEndpointIds).toEqual([]);
  });

  it('given a rotated secret, when delivered within 24 h, then both secrets verify it, and after expiry only the new one', async () => {
    const { h, endpoints } = await withEndpoint();
    const oldSecret = endpoints[0].secret!;
    const { prepareRotation, rotateWebhookSecret } = await import('./change-webhook-endpoint.commands');
    const prepared = await prepareRotation(h.deps.sealer, endpoints[0].id);
    const rotated = await h.endpoints.transaction((tx) => rotateWebhookSecret(tx, MERCHANT, endpoints[0].id, { expire_old_secret_in_hours: 24 }, prepared, h.clock.nowMs()));
    const newSecret = rotated.ok ? rotated.value.secret! : '';

    // when an event goes out during the overlap
    await h.emit(paymentSucceeded({ id: 'evt_during' }));
    await h.dispatch();
    // then either secret verifies it
    expect(headersOf(h, 0)['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(oldSecret).verify(h.sender.sent[0].body, headersOf(h, 0))).not.toThrow();
    expect(() => new Webhook(newSecret).verify(h.sender.sent[0].body, headersOf(h, 0))).not.toThrow();

    // when one goes out after the overlap, then only the new secret signs it (verified with a timestamp of its time)
    h.clock.advance(24 * 3600_000 + 1);
    await h.emit(paymentSucceeded({ id: 'evt_after' }));
    await h.dispatch();
    const late = h.sender.sent[1];
    expect(headersOf(h, 1)['webhook-signature'].split(' ')).toHaveLength(1);
    const nowSeconds = Number(headersOf(h, 1)['webhook-timestamp']);
    const realNow = Date.now;
    Date.now = () => nowSeconds * 1000;
    try {
      expect(() => new Webhook(newSecret).verify(late.body, headersOf(h, 1))).not.toThrow();
      expect(() => new Webhook(oldSecret).verify(late.body, headersOf(h, 1))).toThrow();
    } finally {
      Date.now = realNow;
    }
  });

  it.each([
    ['a 500', { kind: 'answered' as const, statusCode: 500, body: 'oops', latencyMs: 12 }, 'http_status', 500],
    ['a redirect (never followed)', { kind: 'answered' as const, statusCode: 302, body: '', latencyMs: 5 }, 'redirect', 302],
    ['a timeout', { kind: 'not_answered' as const, error: 'timeout' as const, latencyMs: 10_000 }, 'timeout', null],
  ])('given %s, when delivered, then a failed attempt is recorded and the next try waits 5 s, then 10 s, in the retries lane', async (_name, response, error, statusCode) => {
    const { h } = await withEndpoint();
    h.sender.answer(URL_A, response, response);
    await h.emit(paymentSucceeded());

    const [result] = await h.dispatch();

    expect(result.outcome).toMatchObject({ kind: 'done', detail: expect.stringContaining('retry 1 in 5 s') });
    expect(h.events.attempts).toEqual([expect.objectContaining({ outcome: 'failed', error, statusCode })]);
    expect((await h.events.getById('evt_succeeded_1'))?.pendingEndpointIds).toHaveLength(1);
    expect(retriesOf(h)).toEqual([expect.objectContaining({ delaySeconds: 5, payload: expect.objectContaining({ event_id: 'evt_succeeded_1', retry: 1, first_attempt_ms: h.clock.nowMs() }) })]);

    // when the retry fails too, then the next waits twice as long, and a repeated run of it schedules nothing twice
    h.clock.advance(5_000);
    const [second] = await h.dispatch();
    expect(second.queue).toBe('webhook-retries');
    expect(retriesOf(h).at(-1)).toMatchObject({ delaySeconds: 10, payload: expect.objectContaining({ retry: 2 }) });
    await h.retry(second.task);
    expect(retriesOf(h)).toHaveLength(2);
  });

  it('given a delivery failing for 3 days since its first attempt, then no further retry is scheduled', async () => {
    const { h } = await withEndpoint();
    h.sender.answer(URL_A, { kind: 'answered', statusCode: 500, body: '', latencyMs: 1 });
    await h.emit(paymentSucceeded());
    const [first] = await h.dispatch();
    const retryTask = retriesOf(h)[0].payload as never as Parameters<typeof h.retry>[0];
    // the endpoint recovered for others meanwhile (its failure streak cleared), but this delivery's 3 days are over
    await h.events.saveHealth({ endpointId: first.task.endpoint_id, failingSinceMs: null, lastFailureMs: null, consecutiveFailures: 0 });
    h.sender.answer(URL_A, { kind: 'answered', statusCode: 500, body: '', latencyMs: 1 });
    h.clock.advance(3 * 24 * 3600_000);
    expect(await h.retry(retryTask)).toMatchObject({ kind: 'done', detail: expect.stringContaining('retries exhausted') });
    expect(retriesOf(h)).toHaveLength(1);
  });

  it('given an answer over 1 KB, when recorded, then only its first 1 KB is kept', async () => {
    const { h } = await withEndpoint();
    h.sender.answer(URL_A, { kind: 'answered', statusCode: 200, body: 'x'.repeat(5000), latencyMs: 3 });
    await h.emit(paymentSucceeded());
    await h.dispatch();
    expect(h.events.attempts[0].responseBody).toHaveLength(1024);
  });

  it('given three failures in a row, when another delivery comes during the cool-off, then it waits without calling the endpoint, and the other endpoint is served', async () => {
    const { h, endpoints } = await withEndpoint([URL_A, URL_B]);
    const failing = { kind: 'answered' as const, statusCode: 500, body: '', latencyMs: 1 };
    h.sender.answer(URL_A, failing, failing, failing);
    for (const id of ['evt_1', 'evt_2', 'evt_3']) await h.emit(paymentSucceeded({ id }));
    await h.dispatch();
    const callsToA = h.sender.sent.filter((r) => r.url === URL_A).length;
    expect(callsToA).toBe(3);

    // when a fourth event comes right away
    await h.emit(paymentSucceeded({ id: 'evt_4' }));
    const results = await h.dispatch();

    // then A's delivery waits (no call), B's goes out
    expect(results.find((r) => r.task.endpoint_id === endpoints.find((e) => e.url === URL_A)!.id)?.outcome).toMatchObject({ kind: 'done', detail: expect.stringContaining('cooling off') });
    expect(retriesOf(h).at(-1)).toMatchObject({ delaySeconds: 1, payload: expect.objectContaining({ event_id: 'evt_4', retry: 0, waits: 1 }) });
    expect(h.sender.sent.filter((r) => r.url === URL_A)).toHaveLength(callsToA);
    expect(h.sender.sent.filter((r) => r.url === URL_B)).toHaveLength(4);

    // and once the cool-off is over, A is tried again, and a success clears its streak
    h.clock.advance(1_001);
    const again = await h.retry(retriesOf(h).at(-1)!.payload as never);
    expect(again).toMatchObject({ kind: 'done' });
    expect(await h.events.health(endpoints.find((e) => e.url === URL_A)!.id)).toMatchObject({ consecutiveFailures: 0, failingSinceMs: null });
  });

  it('given an endpoint failing every delivery for 3 days, when the next one fails, then it is disabled once and the merchant\'s other endpoint is told', async () => {
    const { h, endpoints } = await withEndpoint([URL_A, URL_B], ['*']);
    const [b, a] = endpoints[0].url === URL_B ? endpoints : [...endpoints].reverse();
    h.sender.answer(URL_A, ...Array.from({ length: 10 }, () => ({ kind: 'answered' as const, statusCode: 503, body: '', latencyMs: 1 })));
    await h.emit(paymentSucceeded());
    const [first] = (await h.dispatch()).filter((r) => r.task.endpoint_id === a.id);
    expect(first.outcome).toMatchObject({ kind: 'done', detail: expect.stringContaining('retry 1') });

    // when the retry 3 days later fails too
    h.clock.advance(3 * 24 * 3600_000);
    const last = await h.retry(first.task);

    // then the endpoint is disabled (no more retries) and B receives webhook_endpoint.disabled
    expect(last).toMatchObject({ kind: 'done', detail: expect.stringContaining('disabled') });
    expect(await h.endpoints.getById(a.id)).toMatchObject({ status: 'disabled', disabledReason: 'failing' });
    const notices = (await h.dispatch()).filter((n) => n.queue === 'webhook-deliveries');
    expect(notices.map((n) => n.task.endpoint_id)).toEqual([b.id]);
    const notice = JSON.parse(h.sender.sent.at(-1)!.body);
    expect(notice).toMatchObject({ type: 'webhook_endpoint.disabled', data: { object: { id: a.id, status: 'disabled', disabled_reason: 'failing' } } });
    expect(JSON.stringify(notice)).not.toContain('whsec_');

    // and a disabled endpoint is not attempted again
    const before = h.sender.sent.length;
    expect(await h.retry(first.task)).toMatchObject({ kind: 'done', detail: expect.stringContaining('disabled') });
    expect(h.sender.sent).toHaveLength(before);
  });

  it('given an endpoint whose name now resolves to a private address, when delivered, then nothing is sent and the attempt says address_refused', async () => {
    const { h, endpoints } = await withEndpoint();
    // the merchant points the endpoint at a name that resolves inside the network (checked again at delivery)
    h.endpoints.endpoints.set(endpoints[0].id, { ...(await h.endpoints.getById(endpoints[0].id))!, url: 'https://rebind.example/x' });
    await h.emit(paymentSucceeded());

    const [result] = await h.dispatch();

    expect(result.outcome).toMatchObject({ kind: 'done', detail: expect.stringContaining('address_refused') });
    expect(retriesOf(h)).toHaveLength(1);
    expect(h.sender.sent).toHaveLength(0);
    expect(h.events.attempts[0]).toMatchObject({ outcome: 'failed', error: 'address_refused', statusCode: null });
  });

  it('given a redelivery that fails, then it is recorded as a redelivery and never retried', async () => {
    const { h, endpoints } = await withEndpoint();
    await h.emit(paymentSucceeded());
    await h.dispatch();
    const { redeliverEvent } = await import('./redeliver-event.command');
    h.sender.answer(URL_A, { kind: 'answered', statusCode: 500, body: '', latencyMs: 1 });

    expect(await redeliverEvent(h.deps, MERCHANT, 'evt_succeeded_1', endpoints[0].id)).toMatchObject({ ok: true });
    const [result] = await h.dispatch();

    expect(result.outcome).toMatchObject({ kind: 'done', detail: expect.stringContaining('redelivery failed') });
    expect(h.events.attempts.map((a) => [a.trigger, a.outcome])).toEqual([['automatic', 'succeeded'], ['redeliver', 'failed']]);
    // and the same event id is sent both times
    expect(h.sender.sent.map((r) => r.headers['webhook-id'])).toEqual(['evt_succeeded_1', 'evt_succeeded_1']);
  });

  it('given another merchant or the other mode, when asked to redeliver, then 404', async () => {
    const { h, endpoints } = await withEndpoint();
    await h.emit(paymentSucceeded());
    const { redeliverEvent } = await import('./redeliver-event.command');
    expect(await redeliverEvent(h.deps, { merchantId: 'acct_other', livemode: false }, 'evt_succeeded_1', endpoints[0].id)).toMatchObject({ ok: false, error: { status: 404 } });
    expect(await redeliverEvent(h.deps, { ...MERCHANT, livemode: true }, 'evt_succeeded_1', endpoints[0].id)).toMatchObject({ ok: false, error: { status: 404 } });
  });

  it('given an endpoint that hangs, when more deliveries come than its share of calls in flight, then the extra ones wait for a retry instead of a slot', async () => {
    const { h } = await withEndpoint();
    let release: () => void = () => undefined;
    const hanging = new Promise<void>((resolve) => (release = resolve));
    h.deps.sender.send = async (request) => {
      h.sender.sent.push(request);
      await hanging;
      return { kind: 'answered', statusCode: 200, body: '', latencyMs: 10_000 };
    };
    for (const id of ['evt_1', 'evt_2', 'evt_3']) await h.emit(paymentSucceeded({ id }));
    const tasks = h.tasks.takeNew().map((t) => t.payload as never);

    // when three deliveries run at once against a limit of two calls in flight (the harness's)
    const running = tasks.map((task) => h.retry(task));
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    release();
    const outcomes = await Promise.all(running);

    // then two were sent and one waits for the queue's retry, with no call made
    expect(h.sender.sent).toHaveLength(2);
    expect(outcomes.filter((o) => o.kind === 'done' && o.detail?.includes('calls in flight'))).toHaveLength(1);
    expect(retriesOf(h)).toEqual([expect.objectContaining({ delaySeconds: 2, payload: expect.objectContaining({ waits: 1 }) })]);
  });
});
