import { startSandboxAcquirer, type SandboxAcquirer } from '../../../../infra/sandbox-acquirer/sandbox-acquirer.server';
import type { ProcessorReportSource } from '../application/reconciliation.ports';
import type { ProcessorReportLine } from '../domain/reconciliation-lines';
import { AcquirerReportSource } from './acquirer-report.http-source';
import { MergedProcessorReports } from './merged-report.source';

// The acquirer's settlement report read over HTTP from the real sandbox, and merged with another report.
let acquirer: SandboxAcquirer;
const KEY = 'ak_test_local';

beforeAll(async () => {
  acquirer = await startSandboxAcquirer({ confirmDelayMs: 5 });
});
afterAll(async () => acquirer.close());

async function post(path: string, body: object, key: string) {
  const res = await fetch(`${acquirer.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': KEY, 'idempotency-key': key }, body: JSON.stringify(body) });
  return (await res.json()) as { pspReference: string };
}
const collect = async (lines: AsyncIterable<ProcessorReportLine>) => {
  const all: ProcessorReportLine[] = [];
  for await (const line of lines) all.push(line);
  return all;
};
const today = () => new Date().toISOString().slice(0, 10);

describe('acquirer settlement report source', () => {
  it('given a confirmed capture and refund, then it reads them in minor units with the commission, capture and refund signed as ours', async () => {
    const auth = await post('/api/v2/payments', { merchantReference: 'pay_R1', amount: { value: '100.00', currency: 'EUR' }, paymentMethod: { type: 'token', token: 'pm_card_visa' } }, 'a1');
    await post(`/api/v2/payments/${auth.pspReference}/captures`, { merchantReference: 'pay_R1', amount: { value: '100.00', currency: 'EUR' } }, 'c1');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await post(`/api/v2/payments/${auth.pspReference}/refunds`, { merchantReference: 're_R1', amount: { value: '30.00', currency: 'EUR' } }, 'r1');
    await new Promise((resolve) => setTimeout(resolve, 50));

    const lines = await collect(new AcquirerReportSource({ test: { baseUrl: acquirer.url, apiKey: KEY }, live: null }).lines(false, today()));
    expect(lines).toEqual([
      expect.objectContaining({ type: 'capture', merchantReference: 'pay_R1', currency: 'eur', gross: 10_000, fee: 60, net: 9_940 }),
      expect.objectContaining({ type: 'refund', merchantReference: 're_R1', currency: 'eur', gross: 3_000, fee: 0, net: -3_000 }),
    ]);
    expect(lines[0]!.processorReference).toBe(acquirer.ledger.get(auth.pspReference)!.capture!.pspReference);
  });

  it('given no acquirer in a mode, then its report is empty rather than failing the run', async () => {
    expect(await collect(new AcquirerReportSource({ test: null, live: null }).lines(true, today()))).toEqual([]);
  });
});

describe('merged processor reports', () => {
  const line = (merchantReference: string, lineId: string): ProcessorReportLine => ({ lineId, type: 'capture', processorReference: lineId, merchantReference, currency: 'usd', gross: 1, fee: 0, net: 1, createdMs: 0 });
  const source = (lines: ProcessorReportLine[]): ProcessorReportSource => ({
    async *lines() {
      yield* lines;
    },
  });

  it('given two sorted reports, then one stream sorted by merchant reference then line id', async () => {
    const merged = new MergedProcessorReports([source([line('pay_a', '1'), line('pay_c', '3'), line('re_z', '9')]), source([line('pay_b', 'x'), line('pay_c', '2')]), source([])]);
    expect((await collect(merged.lines(false, '2026-11-28'))).map((l) => `${l.merchantReference}/${l.lineId}`)).toEqual(['pay_a/1', 'pay_b/x', 'pay_c/2', 'pay_c/3', 're_z/9']);
  });

  it('given a report that fails, then the merged stream fails', async () => {
    const failing: ProcessorReportSource = {
      async *lines() {
        yield line('pay_a', '1');
        throw new Error('report unreachable');
      },
    };
    await expect(collect(new MergedProcessorReports([source([line('pay_b', '2')]), failing]).lines(false, '2026-11-28'))).rejects.toThrow('report unreachable');
  });
});
