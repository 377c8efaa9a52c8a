import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { startSandboxBank } from '../../../../infra/sandbox-bank/sandbox-bank.server';
import { StandardBankWebhookVerifier } from './bank-webhook.standard-verifier';

const secret = `whsec_${Buffer.from('bank-webhook-secret-current-0123').toString('base64')}`;
const previous = `whsec_${Buffer.from('bank-webhook-secret-previous-012').toString('base64')}`;
const stranger = `whsec_${Buffer.from('not-the-bank-secret-0123456789ab').toString('base64')}`;

const event = (overrides: Record<string, unknown> = {}) => ({
  id: 'evt_1',
  type: 'transfer.returned',
  timestamp: '2026-03-02T12:00:00.000Z',
  livemode: false,
  data: { transfer_id: 'tr_1', reference: 'po_1', amount: 1250, currency: 'eur', failure_code: 'account_closed' },
  ...overrides,
});

/** Headers as the bank sends them: the body signed under `id` at `at` with `key`. */
function signed(body: string, key = secret, at = new Date(), id = 'evt_1'): Record<string, string> {
  return { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': new Webhook(key).sign(id, at, body) };
}

const verifier = new StandardBankWebhookVerifier([secret, previous]);

describe('verifying bank webhooks (Standard Webhooks)', () => {
  it('given a body signed with the bank secret, then the event is parsed', () => {
    const body = JSON.stringify(event());
    expect(verifier.verify(signed(body), body)).toEqual({
      id: 'evt_1',
      type: 'transfer.returned',
      transferId: 'tr_1',
      reference: 'po_1',
      amount: 1250,
      currency: 'eur',
      livemode: false,
      failureCode: 'account_closed',
      occurredMs: Date.parse('2026-03-02T12:00:00.000Z'),
    });
  });

  it('given the previous secret during a rotation, then it still verifies; a stranger secret does not', () => {
    const body = JSON.stringify(event());
    expect(verifier.verify(signed(body, previous), body)?.id).toBe('evt_1');
    expect(verifier.verify(signed(body, stranger), body)).toBeNull();
  });

  it('given a tampered body, then null', () => {
    const body = JSON.stringify(event());
    const tampered = JSON.stringify(event({ data: { ...event().data, amount: 999_999 } }));
    expect(verifier.verify(signed(body), tampered)).toBeNull();
  });

  it('given a timestamp outside the tolerance (10 minutes old or ahead), then null', () => {
    const body = JSON.stringify(event());
    expect(verifier.verify(signed(body, secret, new Date(Date.now() - 10 * 60_000)), body)).toBeNull();
    expect(verifier.verify(signed(body, secret, new Date(Date.now() + 10 * 60_000)), body)).toBeNull();
    expect(verifier.verify(signed(body, secret, new Date(Date.now() - 60_000)), body)).not.toBeNull();
  });

  it('given a missing header, then null', () => {
    const body = JSON.stringify(event());
    const { 'webhook-signature': _dropped, ...withoutSignature } = signed(body);
    expect(verifier.verify(withoutSignature, body)).toBeNull();
  });

  it('given a signed body whose id is not the signed webhook-id, or of an unknown shape, then null', () => {
    const body = JSON.stringify(event());
    expect(verifier.verify(signed(body, secret, new Date(), 'evt_other'), body)).toBeNull();
    const unknownType = JSON.stringify(event({ type: 'transfer.teleported' }));
    expect(verifier.verify(signed(unknownType), unknownType)).toBeNull();
    expect(verifier.verify(signed('not json'), 'not json')).toBeNull();
  });

  it('given no secret, then the verifier refuses to be built', () => {
    expect(() => new StandardBankWebhookVerifier([])).toThrow(/at least one secret/);
    expect(() => new StandardBankWebhookVerifier({ test: [secret], live: [] })).toThrow(/at least one secret per mode/);
  });

  it('given a secret per mode, then an event verifies only under a secret of the mode it declares', () => {
    const perMode = new StandardBankWebhookVerifier({ test: [secret], live: [stranger] });
    const test = JSON.stringify(event());
    const live = JSON.stringify(event({ livemode: true }));
    expect(perMode.verify(signed(test), test)?.livemode).toBe(false);
    expect(perMode.verify(signed(live, stranger), live)?.livemode).toBe(true);
    // The test bank's secret cannot vouch for a live event, nor the live one for a test event.
    expect(perMode.verify(signed(live), live)).toBeNull();
    expect(perMode.verify(signed(test, stranger), test)).toBeNull();
  });

  it('given a webhook the sandbox bank really sent, then it verifies to the transfer outcome', async () => {
    const received: Array<{ headers: Record<string, string | string[] | undefined>; body: string }> = [];
    let wake: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => (wake = resolve));
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
        wake();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const bank = await startSandboxBank({ mode: 'test', webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/v1/webhooks/bank`, webhookSecret: secret, paidAfterMs: 5 });
    try {
      const answer = await fetch(`${bank.url}/v1/transfers`, {
        method: 'POST',
        headers: { authorization: 'Bearer sk_test_verifier', 'idempotency-key': 'po_real', 'content-type': 'application/json' },
        body: JSON.stringify({ amount: 300, currency: 'usd', destination: 'ba_test_fail_insufficient', reference: 'po_real' }),
      });
      const { id: transferId } = (await answer.json()) as { id: string };
      await arrived;
      expect(verifier.verify(received[0].headers, received[0].body)).toMatchObject({ type: 'transfer.failed', transferId, reference: 'po_real', amount: 300, currency: 'usd', livemode: false, failureCode: 'insufficient_funds' });
      expect(new StandardBankWebhookVerifier([stranger]).verify(received[0].headers, received[0].body)).toBeNull();
    } finally {
      await bank.close();
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});
