import { z } from 'zod';

// Hosts a test-mode processor URL may point at. Test traffic must only ever reach a sandbox: a
// deployment whose PROCESSOR_TEST_URL names any other host refuses to start. Extend the list with
// PROCESSOR_SANDBOX_HOSTS (the hosted sandbox of a real processor), never with a live host.
import { sandboxHostsWith } from '../../shared/sandbox-hosts';

const Env = z.object({
  PROCESSOR_URL: z.string().optional(),
  PROCESSOR_TEST_URL: z.url({ error: 'must be the URL of the sandbox processor' }),
  PROCESSOR_TEST_API_KEY: z.string({ error: 'must be set' }).regex(/^sk_test_\S+$/, { error: 'must be a test key (sk_test_…)' }),
  PROCESSOR_LIVE_URL: z.url({ error: 'must be a URL' }).optional(),
  PROCESSOR_LIVE_API_KEY: z.string().regex(/^sk_live_\S+$/, { error: 'must be a live key (sk_live_…)' }).optional(),
  PROCESSOR_SANDBOX_HOSTS: z.string().optional(),
  /** Standard Webhooks secrets (whsec_…, comma-separated, newest first) the processor signs its dispute notifications with, per mode. */
  PROCESSOR_NOTIFICATION_SECRETS: z.string().optional(),
  PROCESSOR_LIVE_NOTIFICATION_SECRETS: z.string().optional(),
});

export interface ProcessorEndpoint {
  readonly baseUrl: string;
  readonly apiKey: string;
  /** Unset: every notification from this processor is refused as unsigned. */
  readonly notificationSecrets: readonly string[];
}

const secretList = (value: string | undefined): string[] => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const WHSEC = /^whsec_[A-Za-z0-9+/=]+$/;

export interface ProcessorModesConfig {
  readonly test: ProcessorEndpoint;
  /** Absent: live payments fail with livemode_unavailable. */
  readonly live: ProcessorEndpoint | null;
}

/** One error naming every problem, thrown at cold start so a misconfigured deployment never serves a request. */
export class ProcessorConfigurationError extends Error {
  override readonly name = 'ProcessorConfigurationError';
}

/** Reads and checks the per-mode processor configuration; throws ProcessorConfigurationError. */
export function processorModesConfig(env: Record<string, string | undefined>): ProcessorModesConfig {
  const parsed = Env.safeParse(env);
  const problems: string[] = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
  if (parsed.success) {
    const e = parsed.data;
    if (e.PROCESSOR_URL !== undefined) problems.push('PROCESSOR_URL is no longer read: set PROCESSOR_TEST_URL (a sandbox) and, for live payments, PROCESSOR_LIVE_URL');
    const sandboxHosts = sandboxHostsWith(e.PROCESSOR_SANDBOX_HOSTS);
    const testHost = new URL(e.PROCESSOR_TEST_URL).hostname.toLowerCase();
    if (!sandboxHosts.includes(testHost)) problems.push(`PROCESSOR_TEST_URL host ${testHost} is not a sandbox (allowed: ${sandboxHosts.join(', ')}; add hosted sandboxes to PROCESSOR_SANDBOX_HOSTS)`);
    if ((e.PROCESSOR_LIVE_URL === undefined) !== (e.PROCESSOR_LIVE_API_KEY === undefined)) problems.push('PROCESSOR_LIVE_URL and PROCESSOR_LIVE_API_KEY go together: set both for live payments, or neither');
    if (e.PROCESSOR_LIVE_URL !== undefined && sameEndpoint(e.PROCESSOR_LIVE_URL, e.PROCESSOR_TEST_URL)) problems.push('PROCESSOR_LIVE_URL must not be the test processor (PROCESSOR_TEST_URL)');
    const secrets = secretList(e.PROCESSOR_NOTIFICATION_SECRETS);
    const liveSecrets = secretList(e.PROCESSOR_LIVE_NOTIFICATION_SECRETS);
    if (secrets.some((s) => !WHSEC.test(s))) problems.push('PROCESSOR_NOTIFICATION_SECRETS must be whsec_… secrets');
    if (liveSecrets.some((s) => !WHSEC.test(s) || secrets.includes(s))) problems.push('PROCESSOR_LIVE_NOTIFICATION_SECRETS must be whsec_… secrets of their own, not the test ones');
    if (problems.length === 0) {
      return {
        test: { baseUrl: trimSlash(e.PROCESSOR_TEST_URL), apiKey: e.PROCESSOR_TEST_API_KEY, notificationSecrets: secrets },
        live: e.PROCESSOR_LIVE_URL && e.PROCESSOR_LIVE_API_KEY ? { baseUrl: trimSlash(e.PROCESSOR_LIVE_URL), apiKey: e.PROCESSOR_LIVE_API_KEY, notificationSecrets: liveSecrets } : null,
      };
    }
  }
  throw new ProcessorConfigurationError(`Refusing to start: invalid processor configuration: ${problems.join('; ')}`);
}

const trimSlash = (url: string): string => url.replace(/\/+$/, '');

function sameEndpoint(a: string, b: string): boolean {
  const [x, y] = [new URL(a), new URL(b)];
  return x.origin === y.origin && trimSlash(x.pathname) === trimSlash(y.pathname);
}
