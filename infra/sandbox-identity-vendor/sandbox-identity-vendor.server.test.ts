import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature } from '../../functions/src/identity/domain/webhook-signature';
import { SandboxIdentityVendor, startSandboxIdentityVendor } from './sandbox-identity-vendor.server';

const secret = 'sandbox_secret_0123456789';
let vendor: SandboxIdentityVendor;
let receiver: Server;
let callbackUrl: string;
const received: Array<{ body: string; signature: string | undefined }> = [];
const waiters: Array<() => void> = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ body, signature: req.headers['identity-vendor-signature'] as string | undefined });
      res.writeHead(200).end();
      waiters.splice(0).forEach((wake) => wake());
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  vendor = await startSandboxIdentityVendor({ webhookSecret: secret, hangMs: 2000, errorAttempts: 2, webhookDelayMs: 10 });
});

afterAll(async () => {
  await vendor.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

const post = (key: string, body: object, signal?: AbortSignal): Promise<{ status: number; json(): Promise<any> }> =>
  fetch(`${vendor.url}/v1/checks`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(body), signal });
const check = (reference: string, person: object) => ({ reference, person: { country: 'GB', ...person }, callback_url: callbackUrl });

async function webhookFor(reference: string): Promise<{ event: any; signature: string | undefined; body: string }> {
  for (;;) {
    const hit = received.find((r) => JSON.parse(r.body).data.reference === reference);
    if (hit) return { event: JSON.parse(hit.body), signature: hit.signature, body: hit.body };
    await new Promise<void>((resolve) => waiters.push(resolve));
  }
}

it('accepts a check and later posts an approved result, signed with the shared secret', async () => {
  const answer = await post('k-approve', check('kyc_a:person', { name: 'Ann Example', id_document_token: 'doc_ok' }));
  expect(answer.status).toBe(202);
  const accepted = await answer.json();
  const { event, signature, body } = await webhookFor('kyc_a:person');
  expect(event).toMatchObject({ type: 'check.completed', data: { check_id: accepted.id, result: 'approved' } });
  expect(verifyWebhookSignature(signature, body, secret, Date.now()).ok).toBe(true);
  expect(verifyWebhookSignature(signature, body, 'another_secret_xxxxxxxx', Date.now()).ok).toBe(false);
});

it('rejects doc_reject and asks for review on doc_review', async () => {
  await post('k-reject', check('kyc_r:person', { name: 'Rob', id_document_token: 'doc_reject' }));
  await post('k-review', check('kyc_v:person', { name: 'Val', id_document_token: 'doc_review' }));
  expect((await webhookFor('kyc_r:person')).event.data).toMatchObject({ result: 'rejected', reasons: ['document_invalid'] });
  expect((await webhookFor('kyc_v:person')).event.data.result).toBe('review');
});

it('replays the same check for a repeated idempotency key and refuses a different body under it', async () => {
  const body = check('kyc_i:person', { name: 'Ida' });
  const first = await (await post('k-idem', body)).json();
  const second = await post('k-idem', body);
  expect(second.status).toBe(202);
  expect((await second.json()).id).toBe(first.id);
  expect((await post('k-idem', check('kyc_i:person', { name: 'Other' }))).status).toBe(422);
  expect((await post('', body)).status).toBe(400);
});

it('answers 5xx to doc_error for the first attempts of a key, then accepts', async () => {
  const body = check('kyc_e:person', { name: 'Eve', id_document_token: 'doc_error' });
  expect((await post('k-error', body)).status).toBe(503);
  expect((await post('k-error', body)).status).toBe(503);
  expect((await post('k-error', body)).status).toBe(202);
});

it('hangs the first doc_timeout request; a retry under the same key gets the check at once', async () => {
  const body = check('kyc_t:person', { name: 'Tim', id_document_token: 'doc_timeout' });
  await expect(post('k-timeout', body, AbortSignal.timeout(200))).rejects.toThrow();
  const retry = await post('k-timeout', body);
  expect(retry.status).toBe(202);
  expect((await webhookFor('kyc_t:person')).event.data.check_id).toBe((await retry.json()).id);
});
