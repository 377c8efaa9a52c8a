import { z } from 'zod';
import { blankAsUnset, sandboxProblems, trimSlash } from './bank-modes.config';

// Quotes for test payouts come from a sandbox FX provider only (FX_TEST_URL a loopback host or one
// in FX_SANDBOX_HOSTS), live quotes from another endpoint; the markup is the platform's price.

const Env = z.object({
  FX_TEST_URL: z.url({ error: 'must be the URL of the sandbox FX provider' }),
  FX_TEST_API_KEY: z.string({ error: 'must be set' }).regex(/^sk_test_\S+$/, { error: 'must be a test key (sk_test_…)' }),
  FX_LIVE_URL: z.url({ error: 'must be a URL' }).optional(),
  FX_LIVE_API_KEY: z.string().regex(/^sk_live_\S+$/, { error: 'must be a live key (sk_live_…)' }).optional(),
  FX_SANDBOX_HOSTS: z.string().optional(),
  /** Basis points taken off the mid rate on a converted payout (100 = 1 %). */
  FX_MARKUP_BPS: z.coerce.number({ error: 'must be a whole number of basis points' }).int({ error: 'must be a whole number of basis points' }).min(0).max(1000, { error: 'must be at most 1000 (10 %)' }).default(100),
});

export interface FxEndpoint {
  readonly baseUrl: string;
  readonly apiKey: string;
}

export interface FxModesConfig {
  readonly test: FxEndpoint;
  /** Absent: live conversions are unavailable (live payouts in another currency wait). */
  readonly live: FxEndpoint | null;
  readonly markupBps: number;
}

/** The FX section of the runtime configuration (runtime-config.ts). */
export interface FxConfig extends FxModesConfig {
  /** Per attempt of a quote request (FX_TIMEOUT_MS). */
  readonly timeoutMs: number;
}

export const FX_VARIABLES = ['FX_TEST_URL', 'FX_TEST_API_KEY', 'FX_LIVE_URL', 'FX_LIVE_API_KEY', 'FX_SANDBOX_HOSTS', 'FX_MARKUP_BPS'] as const;

/** Reads and checks the per-mode FX configuration; throws one error naming every problem (never a value). */
export function fxModesConfig(env: Record<string, string | undefined>): FxModesConfig {
  const parsed = Env.safeParse(blankAsUnset(env, FX_VARIABLES));
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
  if (parsed.success) {
    const e = parsed.data;
    problems.push(...sandboxProblems('FX', e.FX_TEST_URL, e.FX_LIVE_URL, e.FX_LIVE_API_KEY, e.FX_SANDBOX_HOSTS));
    if (problems.length === 0) {
      return {
        test: { baseUrl: trimSlash(e.FX_TEST_URL), apiKey: e.FX_TEST_API_KEY },
        live: e.FX_LIVE_URL && e.FX_LIVE_API_KEY ? { baseUrl: trimSlash(e.FX_LIVE_URL), apiKey: e.FX_LIVE_API_KEY } : null,
        markupBps: e.FX_MARKUP_BPS,
      };
    }
  }
  throw new Error(`Refusing to start: invalid FX configuration: ${problems.join('; ')}`);
}
