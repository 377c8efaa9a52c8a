import { startSandboxFx, type SandboxFx } from '../../../../infra/sandbox-fx/sandbox-fx.server';
import { FxUnavailableError } from '../application/fx.provider';
import { FxProviderByMode, fxProviderFor } from './fx.by-mode';
import { fxModesConfig } from './fx-modes.config';
import { MemoryFxProvider } from './fx.memory-provider';

describe('FxProviderByMode', () => {
  it('given a test request, then only the test provider is asked; a live request only the live one', async () => {
    const test = new MemoryFxProvider();
    const live = new MemoryFxProvider();
    const byMode = new FxProviderByMode({ test, live });
    await byMode.quote({ livemode: false, from: 'eur', to: 'usd' });
    expect(test.requests).toEqual([{ livemode: false, from: 'eur', to: 'usd' }]);
    expect(live.requests).toEqual([]);
    await byMode.quote({ livemode: true, from: 'gbp', to: 'usd' });
    expect(live.requests).toEqual([{ livemode: true, from: 'gbp', to: 'usd' }]);
    expect(test.requests).toHaveLength(1);
  });

  it('given no live provider, then a live quote is unavailable and the test provider is never asked', async () => {
    const test = new MemoryFxProvider();
    const byMode = new FxProviderByMode({ test, live: null });
    await expect(byMode.quote({ livemode: true, from: 'eur', to: 'usd' })).rejects.toThrow(FxUnavailableError);
    expect(test.requests).toEqual([]);
  });
});

describe('fxProviderFor: the deployed wiring', () => {
  let sandbox: SandboxFx;
  beforeAll(async () => {
    sandbox = await startSandboxFx();
  });
  afterAll(() => sandbox.close());

  it('given only the test FX configuration, then test quotes come from the sandbox and live quotes are unavailable', async () => {
    const provider = fxProviderFor({ ...fxModesConfig({ FX_TEST_URL: sandbox.url, FX_TEST_API_KEY: 'sk_test_sandbox' }), timeoutMs: 1000 });
    const quote = await provider.quote({ livemode: false, from: 'kwd', to: 'usd' });
    expect(quote).toMatchObject({ from: 'kwd', to: 'usd', id: expect.stringMatching(/^fxq_/) });
    const seen = await fetch(`${sandbox.url}/v1/quotes/${quote.id}`, { headers: { authorization: 'Bearer sk_test_sandbox' } });
    expect(await seen.json()).toMatchObject({ livemode: false });
    await expect(provider.quote({ livemode: true, from: 'kwd', to: 'usd' })).rejects.toThrow(/Live FX is not configured/);
  });
});
