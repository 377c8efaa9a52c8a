import type { Request, Response } from '@google-cloud/functions-framework';
import { Webhook } from 'standardwebhooks';
import { StandardBankWebhookVerifier } from '../adapters/bank-webhook.standard-verifier';
import type { SettlementModule } from '../settlement.module';
import { settlementHarness, TODAY } from '../testing/settlement-harness';
import { settleMerchant } from '../application/settle-merchant.command';
import { bankWebhookHttp } from './bank-webhook.http';

const secret = `whsec_${Buffer.from('bank-webhook-secret-current-0123').toString('base64')}`;
const stranger = `whsec_${Buffer.from('not-the-bank-secret-0123456789ab').toString('base64')}`;

// The bank webhook route with its dependencies handed in: the real Standard Webhooks verifier, the
// in-memory settlement store. A refused delivery is a 400 and writes nothing.
async function setup() {
  const h = settlementHarness();
  h.settings();
  h.capture({ gross: 5_000 });
  const [payout] = (await settleMerchant(h.deps, { merchantId: 'acct_1', livemode: false, settlementDate: TODAY })).payouts;
  await h.dispatchSubmissions();
  const deps = { ...h.deps, webhookVerifier: () => new StandardBankWebhookVerifier([secret]) } as unknown as SettlementModule;
  const deliver = async (event: object, key = secret) => {
    const raw = JSON.stringify(event);
    const at = new Date();
    const headers: Record<string, string> = { 'content-type': 'application/json', 'webhook-id': (event as { id: string }).id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': new Webhook(key).sign((event as { id: string }).id, at, raw) };
    const req = { method: 'POST', path: '/v1/webhooks/bank', headers, body: JSON.parse(raw), rawBody: Buffer.from(raw), get: (name: string) => headers[name.toLowerCase()] } as unknown as Request;
    const sent: { status?: number; body?: unknown } = {};
    const res = { set: () => res, status: (code: number) => ((sent.status = code), res), json: (b: unknown) => ((sent.body = b), res) } as unknown as Response;
    await bankWebhookHttp(() => deps)(req, res);
    return sent;
  };
  const paid = { id: 'bevt_1', type: 'transfer.paid', timestamp: new Date().toISOString(), livemode: false, data: { transfer_id: 'tr_1', reference: payout.id, amount: payout.amount, currency: 'usd', failure_code: null } };
  return { h, payout, deliver, paid };
}

describe('POST /v1/webhooks/bank', () => {
  it('given a delivery signed with another secret, then 400 and nothing is written', async () => {
    const { h, payout, deliver, paid } = await setup();
    const journals = h.store.journals().length;
    expect(await deliver(paid, stranger)).toMatchObject({ status: 400, body: { error: { code: 'invalid_signature' } } });
    expect(await h.store.getPayout(payout.id)).toMatchObject({ status: 'in_transit' });
    expect(h.store.bankEvent('bevt_1')).toBeNull();
    expect(h.store.journals()).toHaveLength(journals);
  });

  it('given a signed paid event, then the payout is paid, once however often it is delivered', async () => {
    const { h, payout, deliver, paid } = await setup();
    expect(await deliver(paid)).toEqual({ status: 200, body: { received: true } });
    expect(await deliver(paid)).toEqual({ status: 200, body: { received: true } });
    expect(await h.store.getPayout(payout.id)).toMatchObject({ status: 'paid' });
    expect(h.store.journals().filter((j) => j.kind === 'payout_paid')).toHaveLength(1);
  });
});
