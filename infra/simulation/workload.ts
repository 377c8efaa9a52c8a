import { randomUUID } from 'node:crypto';
import type { Prng } from './prng';
import type { Answer, SimApi } from './sim-api';
import type { StatusWatcher } from './status-watcher';

// The workload: one scenario per payment, planned from the seed (the generator forked per payment, so
// a seed plans the same operations whatever the timing). It runs `concurrency` scenarios at once.
// Every outcome the backend may legitimately reach is accepted; only the auditor judges.

const CURRENCIES = ['usd', 'usd', 'eur', 'gbp', 'jpy', 'bhd'] as const;
// The merchants are in the US; most customers are not (cross-border: the sanctions gate screens them).
const COUNTRIES = ['US', 'GB', 'DE', 'FR', 'JP', 'BR', 'CA', 'MX', 'IN', 'AU', 'NG', 'ZA'] as const;
const FIRST = ['Maria', 'James', 'Aiko', 'Lucas', 'Priya', 'Olusegun', 'Emma', 'Mateo', 'Chloe', 'Hannah', 'Noah', 'Ines'];
const LAST = ['Garcia', 'Smith', 'Tanaka', 'Silva', 'Patel', 'Adeyemi', 'Muller', 'Rossi', 'Dubois', 'Kowalski', 'Novak', 'Berg'];
/** Amounts at or above this are held for review by the merchants' radar rule (set up by the simulation). */
export const REVIEW_AMOUNT = 180_000;
const WAIT_MS = 150_000;

export interface WorkloadContext {
  prng: Prng;
  apis: SimApi[];
  watcher: StatusWatcher;
  /** Payments left waiting on purpose; the auditor accepts them in requires_capture / requires_review. */
  deliberatelyWaiting: Set<string>;
  outcomes: Map<string, number>;
  /** Called after each payment is created (the SIGKILL schedule counts these). */
  onCreated(index: number): Promise<void>;
}

export async function runWorkload(ctx: WorkloadContext, payments: number, concurrency: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < payments) {
      const index = next++;
      await runScenario(ctx, index).catch((error) => count(ctx, `scenario_crashed: ${error instanceof Error ? error.message : String(error)}`));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

const count = (ctx: WorkloadContext, outcome: string): void => void ctx.outcomes.set(outcome, (ctx.outcomes.get(outcome) ?? 0) + 1);

function plannedPayment(prng: Prng, index: number) {
  const currency = prng.pick(CURRENCIES);
  // In minor units of whatever currency (jpy has none, bhd three): the review rule reads the same number.
  const amount = prng.chance(0.1) ? prng.int(REVIEW_AMOUNT, 250_000) : prng.int(500, 150_000);
  const country = prng.pick(COUNTRIES);
  // A few payments are "fraudsters": a card, e-mail and IP of their own, reported as fraud once
  // captured. Reports mark what they name as known-bad, so they must not name the shared test cards
  // or the regular customers (that would block everyone after them, which is not what is being tested).
  const fraudster = prng.chance(0.06);
  const token = fraudster
    ? 'distinct'
    : prng.weighted({
        pm_card_visa: 35,
        pm_card_mastercard: 20,
        distinct: 12,
        pm_card_timeout_once: 10,
        pm_card_processor_error: 8,
        pm_card_declined: 6,
        pm_card_insufficient_funds: 4,
      });
  const customerNo = prng.int(1, 400);
  return {
    fraudster,
    amount,
    currency,
    payment_method: token === 'distinct' ? `pm_card_${prng.pick(['visa', 'mastercard'])}_${country.toLowerCase()}_s${index}` : token,
    capture_method: prng.chance(0.45) ? 'manual' : 'automatic',
    customer: {
      name: `${prng.pick(FIRST)} ${prng.pick(LAST)}`,
      email: fraudster ? `fraudster${index}@example.net` : `customer${customerNo}@example.com`,
      country,
      ip: fraudster ? `198.51.${Math.floor(index / 250) % 256}.${index % 250}` : `203.0.${Math.floor(customerNo / 250)}.${customerNo % 250}`,
    },
    description: `simulation payment ${index}`,
  };
}

async function runScenario(ctx: WorkloadContext, index: number): Promise<void> {
  const prng = ctx.prng.fork(`payment:${index}`);
  const api = prng.pick(ctx.apis);
  const { fraudster, ...body } = plannedPayment(prng, index);
  const key = randomUUID();
  // Now and then the client double-submits: the same key twice at once must create one payment.
  const sends = prng.chance(0.1) ? 2 : 1;
  const answers = await Promise.all(Array.from({ length: sends }, () => api.send('create_payment', 'POST', '/v1/payments', body, key)));
  const created = answers.find((a) => a.status === 201);
  await ctx.onCreated(index);
  if (!created) {
    count(ctx, `create_refused_${answers[0].status}`);
    return;
  }
  const id = String(created.body.id);
  if (prng.chance(0.05)) await api.send('replay_create', 'POST', '/v1/payments', body, key); // a late retry replays

  let status = await ctx.watcher.wait('payments', id, (s) => s !== 'processing', WAIT_MS);
  if (status === 'requires_review') status = await review(ctx, prng, api, id);
  if (status === 'requires_capture') status = await captureOrCancel(ctx, prng, api, id, body.amount);
  if (status === 'succeeded') await afterCapture(ctx, prng, api, id, fraudster);
  if (status === 'failed' && prng.chance(0.1)) await api.send('refund_failed_payment', 'POST', '/v1/refunds', { payment: id }); // a 4xx, nothing moves
  count(ctx, `payment_${status ?? 'timed_out'}`);
}

async function review(ctx: WorkloadContext, prng: Prng, api: SimApi, id: string): Promise<string | null> {
  const choice = prng.weighted({ approve: 45, reject: 35, leave: 20 });
  if (choice === 'leave') {
    ctx.deliberatelyWaiting.add(id);
    return 'requires_review';
  }
  const answer = await api.send(`review_${choice}`, 'POST', `/v1/reviews/${id}/${choice}`, {});
  if (answer.status !== 200) {
    // A hold this route does not resolve (e.g. a compliance review): it stays for staff.
    ctx.deliberatelyWaiting.add(id);
    return 'requires_review';
  }
  return ctx.watcher.wait('payments', id, (s) => s !== 'processing' && s !== 'requires_review', WAIT_MS);
}

async function captureOrCancel(ctx: WorkloadContext, prng: Prng, api: SimApi, id: string, amount: number): Promise<string | null> {
  const choice = prng.weighted({ full: 30, partial: 30, cancel: 18, race: 7, leave: 15 });
  const partial = { amount_to_capture: Math.max(1, Math.floor(amount * (0.2 + prng.next() * 0.7))) };
  if (choice === 'leave') {
    ctx.deliberatelyWaiting.add(id);
    return 'requires_capture';
  }
  if (choice === 'race') {
    // Capture and cancel at once: either may win, never both.
    await Promise.all([api.send('capture_racing_cancel', 'POST', `/v1/payments/${id}/capture`, {}), api.send('cancel_racing_capture', 'POST', `/v1/payments/${id}/cancel`, {})]);
  } else if (choice === 'cancel') {
    await api.send('cancel', 'POST', `/v1/payments/${id}/cancel`, {});
  } else {
    await api.send(choice === 'full' ? 'capture_full' : 'capture_partial', 'POST', `/v1/payments/${id}/capture`, choice === 'full' ? {} : partial);
  }
  const status = await ctx.watcher.wait('payments', id, (s) => s !== 'requires_capture' && s !== 'processing', WAIT_MS);
  return status;
}

async function afterCapture(ctx: WorkloadContext, prng: Prng, api: SimApi, id: string, fraudster: boolean): Promise<void> {
  const choice = fraudster ? 'fraud_report' : prng.weighted({ none: 35, full: 14, partials: 37, concurrent: 9, over: 5 });
  if (choice === 'none') return;
  const payment = await api.send('get_payment', 'GET', `/v1/payments/${id}`);
  const captured = Number(payment.body?.amount_captured ?? 0);
  if (captured <= 0) return;
  const refund = (operation: string, amount?: number) => api.send(operation, 'POST', '/v1/refunds', amount === undefined ? { payment: id } : { payment: id, amount });
  const settle = (answer: Answer) => (answer.status === 201 ? ctx.watcher.wait('refunds', String(answer.body.id), (s) => s !== 'pending', WAIT_MS) : null);
  switch (choice) {
    case 'full':
      await settle(await refund('refund_full'));
      return;
    case 'partials': {
      let left = captured;
      for (let n = prng.int(2, 4); n > 0 && left > 1; n--) {
        const amount = n === 1 && prng.chance(0.5) ? left : prng.int(1, Math.max(1, Math.floor(left / 2)));
        const answer = await refund('refund_partial', amount);
        if ((await settle(answer)) === 'succeeded') left -= amount;
      }
      return;
    }
    case 'concurrent': {
      // Two partial refunds at once that together exceed the capture: at most what was captured goes back.
      const amount = Math.max(1, Math.ceil(captured * 0.6));
      const answers = await Promise.all([refund('refund_concurrent', amount), refund('refund_concurrent', amount)]);
      await Promise.all(answers.map(settle));
      return;
    }
    case 'over':
      await refund('refund_over_captured', captured + 1); // 4xx, nothing moves
      return;
    case 'fraud_report':
      await api.send('fraud_report', 'POST', `/v1/payments/${id}/fraud_report`, {});
      return;
  }
}
