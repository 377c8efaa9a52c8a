import { createMerchantWithKey } from '../../infra/scripts/create-merchant';
import { apiClient, processorMovements } from './support/api-client';
import { eventually } from './support/eventually';
import { startTestStack, TestStack } from './support/test-stack';

// Test mode never touches the live processor, end to end: the local stack runs a test sandbox and a
// second sandbox flagged live, and each payment's money moves only on the processor of its own mode.
let t: TestStack;

beforeAll(async () => {
  t = await startTestStack();
}, 120_000);

afterAll(async () => {
  await t?.stack.stop();
});

const kyb = {
  business: { legal_name: 'Live Trading Ltd', registration_number: '07654321', country: 'GB', address: '2 Market Square, Leeds' },
  beneficial_owners: [{ name: 'Ann Example', date_of_birth: '1980-02-29', country: 'GB', address: '1 High Street, London', id_document_token: 'doc_tok_passport_1' }],
};

async function verifiedLiveMerchant() {
  const { secretKey } = await createMerchantWithKey('Live Modes Co', true);
  const api = apiClient(t.stack.apiUrl, secretKey);
  expect((await api.post('/v1/account/verification', kyb)).status).toBe(201);
  await eventually(async () => expect((await api.get('/v1/account/verification')).body.status).toBe('verified'));
  return api;
}

it('books a live payment on the live processor and a test payment on the test processor, never on the other', async () => {
  const live = await verifiedLiveMerchant();
  const test = apiClient(t.stack.apiUrl, (await t.newMerchant('Test Modes Co')).secretKey);

  const livePayment = await live.post('/v1/payments', { amount: 1500, currency: 'usd', payment_method: 'pm_card_visa' });
  const testPayment = await test.post('/v1/payments', { amount: 2500, currency: 'usd', payment_method: 'pm_card_visa' });
  expect([livePayment.status, testPayment.status]).toEqual([201, 201]);
  expect(livePayment.body.livemode).toBe(true);
  expect(await live.waitForPayment(livePayment.body.id)).toMatchObject({ status: 'succeeded', amount_captured: 1500 });
  expect(await test.waitForPayment(testPayment.body.id)).toMatchObject({ status: 'succeeded', amount_captured: 2500 });

  const keysOn = async (url: string) => (await processorMovements(url)).map((m) => `${m.type}:${m.idempotency_key}`);
  const [onLive, onTest] = [await keysOn(t.stack.liveProcessorUrl), await keysOn(t.stack.processorUrl)];
  expect(onLive).toEqual([`authorization:auth_${livePayment.body.id}`, `capture:cap_${livePayment.body.id}`]);
  expect(onTest).toEqual(expect.arrayContaining([`authorization:auth_${testPayment.body.id}`, `capture:cap_${testPayment.body.id}`]));
  expect(onTest.some((key) => key.includes(livePayment.body.id))).toBe(false);
}, 90_000);
