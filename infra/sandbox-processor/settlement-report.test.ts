import { parse } from 'csv-parse/sync';
import { startSandboxBank, type SandboxBank } from '../sandbox-bank/sandbox-bank.server';
import { ProcessorTestClient } from './processor-test-client';
import { startSandboxProcessor, type SandboxProcessor } from './sandbox-processor.server';
import { processorFee } from './settlement-report';

let bank: SandboxBank;
let processor: SandboxProcessor;
let client: ProcessorTestClient;
const today = () => new Date().toISOString().slice(0, 10);

// A bank and a processor per test: the statement shows only that test's deposits.
beforeEach(async () => {
  bank = await startSandboxBank({ mode: 'test', webhookUrl: 'http://127.0.0.1:9/unused', webhookSecret: `whsec_${Buffer.from('recon-test-secret-32-bytes-long!').toString('base64')}` });
  processor = await startSandboxProcessor({ port: 0, bankUrl: bank.url });
  client = new ProcessorTestClient(processor.url);
});
afterEach(async () => {
  await processor.close();
  await bank.close();
});

async function capturedPayment(token: string, reference: string, amount: number, currency = 'usd'): Promise<string> {
  const auth = await client.post('/v1/authorizations', { token, amount, currency, reference });
  expect(auth.body.status).toBe('approved');
  return (await client.capture(auth.body.id, amount)).body.id;
}

async function report(date: string): Promise<{ status: number; contentType: string | null; rows: Record<string, string>[]; text: string }> {
  const response = await fetch(`${processor.url}/v1/reports/settlement?date=${date}`, { headers: { authorization: 'Bearer sk_test_sandbox' } });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type'), text, rows: response.status === 200 ? parse(text, { columns: true }) : [] };
}

async function statement(date: string): Promise<Record<string, string>[]> {
  const response = await fetch(`${bank.url}/v1/statements?date=${date}`, { headers: { authorization: 'Bearer sk_test_bank' } });
  expect(response.status).toBe(200);
  return parse(await response.text(), { columns: true });
}

describe('daily settlement report', () => {
  it('lists the day\'s captures and refunds with both references, fee and net, sorted by merchant_reference', async () => {
    const capB = await capturedPayment('pm_card_visa', 'pay_B', 10_000);
    await capturedPayment('pm_card_mastercard', 'pay_A', 2_550, 'eur');
    const refund = await client.post('/v1/refunds', { capture: capB, amount: 1_000, reference: 're_C' });
    expect(refund.body).toMatchObject({ reference: 're_C' });

    const { status, contentType, rows, text } = await report(today());
    expect(status).toBe(200);
    expect(contentType).toMatch(/^text\/csv/);
    expect(text.split('\n')[0]).toBe('line_id,type,processor_reference,merchant_reference,currency,gross,fee,net,created');
    expect(rows.map((r) => [r.type, r.merchant_reference, r.currency, Number(r.gross), Number(r.fee), Number(r.net)])).toEqual([
      ['capture', 'pay_A', 'eur', 2_550, processorFee(2_550), 2_550 - 13],
      ['capture', 'pay_B', 'usd', 10_000, 50, 9_950],
      ['refund', 're_C', 'usd', 1_000, 0, -1_000],
    ]);
    expect(rows[1].processor_reference).toBe(capB);
    expect(rows[2].processor_reference).toBe(refund.body.id);
  });

  it('pays each currency\'s net into the bank when the report is pulled, and only the difference when pulled again', async () => {
    const date = today();
    await capturedPayment('pm_card_visa', 'pay_A', 10_000);
    await capturedPayment('pm_card_visa', 'pay_B', 4_000, 'jpy');
    await report(date);
    await report(date); // nothing new: no second deposit
    await capturedPayment('pm_card_visa', 'pay_C', 2_000);
    await report(date);

    const deposits = (await statement(date)).filter((l) => l.type === 'incoming' && l.reference.startsWith(`ps_${date}_`));
    const sum = (currency: string) => deposits.filter((l) => l.currency === currency).reduce((total, l) => total + Number(l.amount), 0);
    expect(deposits.filter((l) => l.currency === 'usd')).toHaveLength(2);
    expect(sum('usd')).toBe(9_950 + 1_990);
    expect(sum('jpy')).toBe(4_000 - 20);
    expect(deposits.every((l) => l.reference === `ps_${date}_${l.currency}` && l.value_date === date)).toBe(true);
  });

  it('pm_card_recon_dropped: the capture is left out of the report (and of the deposit); pm_card_recon_amount_mismatch: its gross is one unit high', async () => {
    const date = today();
    await capturedPayment('pm_card_recon_dropped', 'pay_dropped', 5_000);
    await capturedPayment('pm_card_recon_amount_mismatch', 'pay_mismatch', 5_000);
    await capturedPayment('pm_card_visa', 'pay_ok', 5_000);
    const { rows } = await report(date);
    expect(rows.map((r) => [r.merchant_reference, Number(r.gross)])).toEqual([
      ['pay_mismatch', 5_001],
      ['pay_ok', 5_000],
    ]);
    const usd = (await statement(date)).filter((l) => l.reference === `ps_${date}_usd`).reduce((total, l) => total + Number(l.amount), 0);
    expect(usd).toBe(5_001 - processorFee(5_001) + 5_000 - processorFee(5_000));
  });

  it('lists only the requested day, answers 400 for a malformed date, and needs no bank to serve the report', async () => {
    await capturedPayment('pm_card_visa', 'pay_A', 1_000);
    expect((await report('2001-01-01')).rows).toEqual([]);
    expect((await report('2026-13-45')).status).toBe(400);
    expect((await report('yesterday')).status).toBe(400);
    const bankless = await startSandboxProcessor({ port: 0 });
    try {
      const response = await fetch(`${bankless.url}/v1/reports/settlement?date=${today()}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('line_id,type,processor_reference,merchant_reference,currency,gross,fee,net,created\n');
    } finally {
      await bankless.close();
    }
  });

  it('after an admin reset, a new day\'s batch pays again (its deposit keys do not collide with the ones before the reset)', async () => {
    await capturedPayment('pm_card_visa', 'pay_A', 1_000);
    expect((await report(today())).status).toBe(200);
    await client.reset();
    await capturedPayment('pm_card_visa', 'pay_B', 2_000);
    expect((await report(today())).status).toBe(200);
    const usd = (await statement(today())).filter((l) => l.reference === `ps_${today()}_usd`).map((l) => Number(l.amount));
    expect(usd).toEqual([1_000 - 5, 2_000 - 10]);
  });

  it('a key of the other mode is refused', async () => {
    const response = await fetch(`${processor.url}/v1/reports/settlement?date=${today()}`, { headers: { authorization: 'Bearer sk_live_x' } });
    expect(response.status).toBe(403);
  });
});
