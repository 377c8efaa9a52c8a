import { FxUnavailableError } from '../application/fx.provider';
import { MemoryFxProvider } from './fx.memory-provider';

describe('MemoryFxProvider (the fake settlement tests use)', () => {
  it('given a fixed rate, then quotes carry it, with sequential ids per mode and the configured ttl', async () => {
    const fx = new MemoryFxProvider({ rates: { 'eur:usd': 1.1 }, ttlMs: 30_000, now: () => 1_000 });
    expect(await fx.quote({ livemode: false, from: 'eur', to: 'usd' })).toEqual({ id: 'fxq_mem_test_1', from: 'eur', to: 'usd', midRate: 1.1, expiresAtMs: 31_000 });
    expect((await fx.quote({ livemode: true, from: 'eur', to: 'usd' })).id).toBe('fxq_mem_live_2');
    expect(fx.issued.map((q) => q.livemode)).toEqual([false, true]);
  });

  it('given a pair without a fixed rate, then the reference rates crossed (1.08 eur→usd); setRate overrides it', async () => {
    const fx = new MemoryFxProvider();
    expect((await fx.quote({ livemode: false, from: 'eur', to: 'usd' })).midRate).toBe(1.08);
    expect((await fx.quote({ livemode: false, from: 'usd', to: 'jpy' })).midRate).toBeCloseTo(151.515, 3);
    fx.setRate('usd', 'jpy', 150);
    expect((await fx.quote({ livemode: false, from: 'usd', to: 'jpy' })).midRate).toBe(150);
  });

  it('given failNext(2), then two outages, then quotes again; every request is recorded', async () => {
    const fx = new MemoryFxProvider().failNext(2);
    await expect(fx.quote({ livemode: false, from: 'eur', to: 'usd' })).rejects.toThrow(FxUnavailableError);
    await expect(fx.quote({ livemode: false, from: 'eur', to: 'usd' })).rejects.toThrow(FxUnavailableError);
    await expect(fx.quote({ livemode: false, from: 'eur', to: 'usd' })).resolves.toMatchObject({ midRate: 1.08 });
    expect(fx.requests).toHaveLength(3);
    expect(fx.issued).toHaveLength(1);
  });

  it('given an unknown currency or the same currency twice, then FxUnavailableError', async () => {
    const fx = new MemoryFxProvider();
    await expect(fx.quote({ livemode: false, from: 'xyz', to: 'usd' })).rejects.toThrow(FxUnavailableError);
    await expect(fx.quote({ livemode: false, from: 'usd', to: 'usd' })).rejects.toThrow(FxUnavailableError);
  });
});
