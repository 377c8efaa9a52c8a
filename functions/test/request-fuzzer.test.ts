import { createStaffKey } from '../../infra/scripts/create-staff';
import { firestore } from '../src/platform/adapters/firestore-client';
import { apiClient } from './support/api-client';
import { FuzzCase, fuzzCases, OpenApiDocument } from './support/openapi-fuzzer';
import { startTestStack, TestStack } from './support/test-stack';

// Hundreds of malformed requests, generated from the served OpenAPI document, against every route
// with every kind of caller key: each must be refused with a 4xx error object and write nothing.
const SEED = process.env.FUZZ_SEED ?? 'fuzz-1';
let t: TestStack;

beforeAll(async () => {
  t = await startTestStack({ gates: 'fraud,sanctions' });
}, 120_000);

afterAll(async () => {
  await t?.stack.stop();
});

/** Every document path in the database: what a refused request must leave exactly as it was. */
async function documentPaths(): Promise<Set<string>> {
  const paths = new Set<string>();
  for (const collection of await firestore().listCollections()) {
    for (const ref of await collection.listDocuments()) paths.add(ref.path);
  }
  return paths;
}

async function send(c: FuzzCase, key: string): Promise<{ status: number; body: string }> {
  const headers: Record<string, string> = { authorization: `Bearer ${key}`, ...c.headers };
  if (headers.authorization === '') delete headers.authorization;
  const response = await fetch(`${t.stack.apiUrl}${c.path}`, { method: c.method, headers, body: c.body });
  return { status: response.status, body: await response.text() };
}

async function inBatches<T, R>(items: readonly T[], size: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(run))));
  return out;
}

it('refuses every malformed request to every route with a 4xx error object and writes nothing', async () => {
  const { secretKey } = await t.newMerchant('Fuzz Target Co');
  const merchant = apiClient(t.stack.apiUrl, secretKey);
  const staffKey = await createStaffKey('fuzz@bank.test');
  // Real resources, so that mutated bodies reach the handler behind each route instead of a 404.
  const payment = await merchant.waitForPayment((await merchant.post('/v1/payments', { amount: 5_000, currency: 'eur', payment_method: 'pm_card_visa' })).body.id);
  const refund = (await merchant.post('/v1/refunds', { payment: payment.id, amount: 100 })).body;
  expect(refund.id).toMatch(/^re_/);
  await new Promise((r) => setTimeout(r, 1500)); // let the refund and its events settle before the snapshot

  const doc = (await (await fetch(`${t.stack.apiUrl}/v1/openapi.json`)).json()) as OpenApiDocument;
  const cases = fuzzCases(doc, { seed: SEED, pathValues: (path) => ({ id: path.startsWith('/v1/refunds') ? refund.id : payment.id }) });
  expect(cases.length).toBeGreaterThan(300);
  // Every route gets cases, but a public one without parameters or body, which has nothing to malform.
  const operations = Object.values(doc.paths).flatMap((methods) => Object.values(methods));
  const fuzzable = operations.filter((op) => op.security?.length || op.parameters?.some((p) => p.in !== 'header') || op.requestBody);
  expect(new Set(cases.map((c) => c.operationId))).toEqual(new Set(fuzzable.map((op) => op.operationId)));

  const before = await documentPaths();
  const answers = await inBatches(cases.flatMap((c) => [secretKey, staffKey].map((key) => ({ c, key }))), 8, async ({ c, key }) => ({ c, key: key.slice(0, 8), ...(await send(c, key)) }));
  const after = await documentPaths();

  const wrong = answers
    .filter(({ status, body }) => status < 400 || status >= 500 || !isErrorObject(body))
    .map(({ c, key, status, body }) => `${c.method} ${c.path.slice(0, 80)} [${c.kind}, ${key}] → ${status} ${body.slice(0, 120)}`);
  expect(wrong).toEqual([]);
  expect([...after].filter((path) => !before.has(path))).toEqual([]);
  expect([...before].filter((path) => !after.has(path))).toEqual([]);
  console.log(`fuzzer (seed ${SEED}): ${answers.length} malformed requests over ${cases.length} cases, all refused with a 4xx, nothing written`);
}, 300_000);

function isErrorObject(text: string): boolean {
  try {
    const parsed = JSON.parse(text) as { error?: { type?: unknown; message?: unknown } };
    return typeof parsed.error?.type === 'string' && typeof parsed.error.message === 'string';
  } catch {
    return false;
  }
}
