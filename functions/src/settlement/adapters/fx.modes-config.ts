import { z } from 'zod';

// Test settlements must only ever be priced by an FX sandbox: FX_TEST_URL must name a loopback host
// or one listed in FX_SANDBOX_HOSTS, and the live URL must differ from it.
const LOCAL_SANDBOX_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);

const Env = z.object({
  FX_TEST_URL: z.url({ error: 'must be the URL of the FX sandbox' }),
  // A sandbox key is no secret; the default lets a stack that sets only FX_TEST_URL work.
  FX_TEST_API_KEY: z.preprocess(unsetIfEmpty, z.string().regex(/^sk_test_\S+$/, { error: 'must be a test key (sk_test_…)' }).default('sk_test_sandbox')),
  FX_LIVE_URL: z.preprocess(unsetIfEmpty, z.url({ error: 'must be a URL' }).optional()),
  FX_LIVE_API_KEY: z.preprocess(unsetIfEmpty, z.string().regex(/^sk_live_\S+$/, { error: 'must be a live key (sk_live_…)' }).optional()),
  FX_SANDBOX_HOSTS: z.preprocess(unsetIfEmpty, z.string().optional()),
  FX_MARKUP_BPS: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(9_999).default(100)),
  FX_TIMEOUT_MS: z.preprocess(unsetIfEmpty, z.coerce.number().int().positive().default(2_000)),
});

export interface FxEndpoint {
  readonly baseUrl: string;
  readonly apiKey: string;
}

export interface FxModesConfig {
  readonly test: FxEndpoint;
  /** Absent: live conversions are unavailable (FxUnavailableError), never priced by the sandbox. */
  readonly live: FxEndpoint | null;
  /** Our margin on a conversion, basis points of the amount at mid rate. */
  readonly markupBps: number;
  readonly timeoutMs: number;
}

/** Reads and checks the FX configuration; throws one error naming every problem (never a key). */
export function fxModesConfig(env: Record<string, string | undefined>): FxModesConfig {
  const parsed = Env.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
  if (parsed.success) {
    const e = parsed.data;
    const sandboxHosts = [...LOCAL_SANDBOX_HOSTS, ...(e.FX_SANDBOX_HOSTS ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean)];
    const testHost = new URL(e.FX_TEST_URL).hostname.toLowerCase();
    if (!sandboxHosts.includes(testHost)) problems.push(`FX_TEST_URL host ${testHost} is not a sandbox (allowed: ${sandboxHosts.join(', ')}; add hosted sandboxes to FX_SANDBOX_HOSTS)`);
    if ((e.FX_LIVE_URL === undefined) !== (e.FX_LIVE_API_KEY === undefined)) problems.push('FX_LIVE_URL and FX_LIVE_API_KEY go together: set both for live conversions, or neither');
    if (e.FX_LIVE_URL !== undefined && endpoint(e.FX_LIVE_URL) === endpoint(e.FX_TEST_URL)) problems.push('FX_LIVE_URL must not be the sandbox (FX_TEST_URL)');
    if (problems.length === 0) {
      return {
        test: { baseUrl: trimSlash(e.FX_TEST_URL), apiKey: e.FX_TEST_API_KEY },
        live: e.FX_LIVE_URL && e.FX_LIVE_API_KEY ? { baseUrl: trimSlash(e.FX_LIVE_URL), apiKey: e.FX_LIVE_API_KEY } : null,
        markupBps: e.FX_MARKUP_BPS,
        timeoutMs: e.FX_TIMEOUT_MS,
      };
    }
  }
  throw new Error(`Refusing to start: invalid FX configuration: ${problems.join('; ')}`);
}

const trimSlash = (url: string): string => url.replace(/\/+$/, '');
const endpoint = (url: string): string => {
  const u = new URL(url);
  return `${u.origin}${trimSlash(u.pathname)}`;
};
