import type { Request, Response } from '@google-cloud/functions-framework';
import { fixedClock } from '../../shared/clock';
import { createLogger } from '../../shared/logger';
import { MerchantContext } from '../../shared/merchant-context';
import { ok } from '../../shared/result';
import { InMemoryPaymentRepository } from '../adapters/payment.memory-repository';
import { T0 } from '../application/testing/payment-builders';
import type { PaymentsModule } from '../payments.module';
import { createPaymentHttp } from './create-payment.http';

// The entrypoint receives its dependencies, so the live-payment rule (only verified merchants take
// live money) is checked here with in-memory adapters and the identity answer handed in.
function setup(merchant: MerchantContext, verified: boolean) {
  const payments = new InMemoryPaymentRepository();
  const asked: string[] = [];
  const deps = {
    projectId: 'demo',
    clock: fixedClock(T0),
    log: createLogger({}, () => undefined),
    authenticate: async () => ok(merchant),
    transactions: payments,
    payments,
    gates: [],
    verification: { isVerified: async (merchantId: string) => (asked.push(merchantId), verified) },
  } as unknown as PaymentsModule;
  const post = async (body: object) => {
    const raw = JSON.stringify(body);
    const headers: Record<string, string> = { 'content-type': 'application/json', authorization: 'Bearer sk_any', 'content-length': String(raw.length) };
    const req = { method: 'POST', path: '/v1/payments', originalUrl: '/v1/payments', headers, query: {}, body, rawBody: Buffer.from(raw), get: (name: string) => headers[name.toLowerCase()] } as unknown as Request;
    const sent: { status?: number; body?: unknown } = {};
    const res = { set: () => res, status: (code: number) => ((sent.status = code), res), json: (b: unknown) => ((sent.body = b), res) } as unknown as Response;
    await createPaymentHttp(() => deps)(req, res);
    return sent;
  };
  return { payments, asked, post };
}

const request = { amount: 1000, currency: 'usd', payment_method: 'pm_card_visa' };

describe('POST /v1/payments with its dependencies handed in', () => {
  it('given a live key of a merchant the identity context does not call verified, then 403 account_not_verified and nothing is written', async () => {
    const { payments, asked, post } = setup({ merchantId: 'acct_live1', livemode: true }, false);

    const reply = await post(request);

    expect(reply).toMatchObject({ status: 403, body: { error: { code: 'account_not_verified' } } });
    expect(asked).toEqual(['acct_live1']);
    expect(payments.allPayments()).toEqual([]);
  });

  it('given a live key of a verified merchant, then the payment is created', async () => {
    const { payments, post } = setup({ merchantId: 'acct_live1', livemode: true }, true);

    expect(await post(request)).toMatchObject({ status: 201, body: { object: 'payment', livemode: true, status: 'processing' } });
    expect(payments.allPayments()).toHaveLength(1);
  });

  it('given a test key, then verification is not asked for', async () => {
    const { asked, post } = setup({ merchantId: 'acct_test1', livemode: false }, false);

    expect(await post(request)).toMatchObject({ status: 201 });
    expect(asked).toEqual([]);
  });
});
