import { z } from 'zod';
import { ProcessorConfigurationError } from './processor-modes.config';
import { sandboxHostsWith } from '../../shared/sandbox-hosts';

// The second processor (the European acquirer) is optional: without ACQUIRER_TEST_URL it is not
// configured and the router never offers it. Its test side must be a sandbox, as the primary's.

const Env = z.object({
  ACQUIRER_TEST_URL: z.url({ error: 'must be the URL of the sandbox acquirer' }).optional(),
  ACQUIRER_TEST_API_KEY: z.string().regex(/^ak_test_\S+$/, { error: 'must be a test key (ak_test_…)' }).optional(),
  ACQUIRER_LIVE_URL: z.url({ error: 'must be a URL' }).optional(),
  ACQUIRER_LIVE_API_KEY: z.string().regex(/^ak_live_\S+$/, { error: 'must be a live key (ak_live_…)' }).optional(),
  /** Standard Webhooks secrets of the acquirer's notifications, newest first, comma-separated (more than one while rotating). */
  ACQUIRER_NOTIFICATION_SECRETS: z.string().optional(),
  /** The live acquirer's own secrets: a test notification can never pass for a live one. */
  ACQUIRER_LIVE_NOTIFICATION_SECRETS: z.string().optional(),
  PROCESSOR_SANDBOX_HOSTS: z.string().optional(),
});

export interface AcquirerEndpoint {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly notificationSecrets: readonly string[];
}

export interface AcquirerModesConfig {
  readonly test: AcquirerEndpoint | null;
  readonly live: AcquirerEndpoint | null;
}

export function acquirerModesConfig(env: Record<string, string | undefined>): AcquirerModesConfig {
  const parsed = Env.safeParse(env);
  const problems: string[] = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
  if (parsed.success) {
    const e = parsed.data;
    const list = (value: string | undefined) => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const secrets = list(e.ACQUIRER_NOTIFICATION_SECRETS);
    const liveSecrets = list(e.ACQUIRER_LIVE_NOTIFICATION_SECRETS);
    const configured = e.ACQUIRER_TEST_URL !== undefined || e.ACQUIRER_LIVE_URL !== undefined;
    if ((e.ACQUIRER_TEST_URL === undefined) !== (e.ACQUIRER_TEST_API_KEY === undefined)) problems.push('ACQUIRER_TEST_URL and ACQUIRER_TEST_API_KEY go together');
    if ((e.ACQUIRER_LIVE_URL === undefined) !== (e.ACQUIRER_LIVE_API_KEY === undefined)) problems.push('ACQUIRER_LIVE_URL and ACQUIRER_LIVE_API_KEY go together');
    if (e.ACQUIRER_LIVE_URL !== undefined && e.ACQUIRER_TEST_URL === undefined) problems.push('a live acquirer needs its test side (ACQUIRER_TEST_URL) too');
    if (configured && secrets.some((s) => !/^whsec_[A-Za-z0-9+/=]+$/.test(s))) problems.push('ACQUIRER_NOTIFICATION_SECRETS must be whsec_… secrets');
    if (configured && secrets.length === 0) problems.push('ACQUIRER_NOTIFICATION_SECRETS must be set: the acquirer confirms captures and refunds by signed notification');
    if (e.ACQUIRER_LIVE_URL !== undefined && liveSecrets.length === 0) problems.push('ACQUIRER_LIVE_NOTIFICATION_SECRETS must be set for a live acquirer');
    if (liveSecrets.some((s) => !/^whsec_[A-Za-z0-9+/=]+$/.test(s) || secrets.includes(s))) problems.push('ACQUIRER_LIVE_NOTIFICATION_SECRETS must be whsec_… secrets of their own, not the test ones');
    if (e.ACQUIRER_TEST_URL !== undefined) {
      const sandboxHosts = sandboxHostsWith(e.PROCESSOR_SANDBOX_HOSTS);
      const host = new URL(e.ACQUIRER_TEST_URL).hostname.toLowerCase();
      if (!sandboxHosts.includes(host)) problems.push(`ACQUIRER_TEST_URL host ${host} is not a sandbox (allowed: ${sandboxHosts.join(', ')})`);
    }
    if (problems.length === 0) {
      const endpoint = (url: string | undefined, apiKey: string | undefined, notificationSecrets: string[]): AcquirerEndpoint | null =>
        url && apiKey ? { baseUrl: url.replace(/\/+$/, ''), apiKey, notificationSecrets } : null;
      return { test: endpoint(e.ACQUIRER_TEST_URL, e.ACQUIRER_TEST_API_KEY, secrets), live: endpoint(e.ACQUIRER_LIVE_URL, e.ACQUIRER_LIVE_API_KEY, liveSecrets) };
    }
  }
  throw new ProcessorConfigurationError(`Refusing to start: invalid acquirer configuration: ${problems.join('; ')}`);
}
