import { FxProvider, FxQuote, FxUnavailableError } from '../application/fx.provider';
import type { FxConfig } from './fx-modes.config';
import { HttpFxProvider } from './fx.http-provider';

/**
 * One FX client per mode, chosen by the request's `livemode`: a test settlement can only ever reach
 * the test provider. Without a live configuration a live quote is unavailable (the settlement waits
 * and retries), never priced by the sandbox.
 */
export class FxProviderByMode implements FxProvider {
  constructor(private readonly providers: { readonly test: FxProvider; readonly live: FxProvider | null }) {}

  quote(req: { livemode: boolean; from: string; to: string }): Promise<FxQuote> {
    const provider = req.livemode ? this.providers.live : this.providers.test;
    if (provider === null) return Promise.reject(new FxUnavailableError('Live FX is not configured on this deployment (FX_LIVE_URL)'));
    return provider.quote(req);
  }
}

/** The deployed provider: an HTTP client per configured mode. */
export function fxProviderFor(config: Pick<FxConfig, 'test' | 'live' | 'timeoutMs'>): FxProviderByMode {
  const client = (mode: 'test' | 'live', endpoint: { baseUrl: string; apiKey: string }) =>
    new HttpFxProvider({ mode, baseUrl: endpoint.baseUrl, apiKey: endpoint.apiKey, timeoutMs: config.timeoutMs });
  return new FxProviderByMode({ test: client('test', config.test), live: config.live ? client('live', config.live) : null });
}
