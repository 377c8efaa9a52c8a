import { z } from 'zod';

// Test payouts must only ever reach a sandbox bank: BANK_TEST_URL must name a loopback host or one
// listed in BANK_SANDBOX_HOSTS (a real bank's hosted sandbox), or the deployment refuses to start;
// the live bank must be another endpoint, and each API key's prefix must be its mode's.

import { sandboxHostsWith } from '../../shared/sandbox-hosts';

const WebhookSecret = z.string().regex(/^whsec_[A-Za-z0-9+/]{22,}={0,2}$/, { error: 'must be a Standard Webhooks secret (whsec_ + base64 of at least 16 bytes)' });

const Env = z.object({
  BANK_TEST_URL: z.url({ error: 'must be the URL of the sandbox bank' }),
  BANK_TEST_API_KEY: z.string({ error: 'must be set' }).regex(/^sk_test_\S+$/, { error: 'must be a test key (sk_test_…)' }),
  BANK_LIVE_URL: z.url({ error: 'must be a URL' }).optional(),
  BANK_LIVE_API_KEY: z.string().regex(/^sk_live_\S+$/, { error: 'must be a live key (sk_live_…)' }).optional(),
  BANK_SANDBOX_HOSTS: z.string().optional(),
  BANK_WEBHOOK_SECRET: z.string({ error: 'must be set (whsec_…): verifies the bank webhooks' }).regex(/^whsec_[A-Za-z0-9+/]{22,}={0,2}$/, { error: 'must be a Standard Webhooks secret (whsec_ + base64 of at least 16 bytes)' }),
  /** During a rotation: the secret being retired, still accepted. */
  BANK_WEBHOOK_SECRET_PREVIOUS: WebhookSecret.optional(),
  /** The live bank's own secret; unset: the live bank signs with BANK_WEBHOOK_SECRET too. */
  BANK_LIVE_WEBHOOK_SECRET: WebhookSecret.optional(),
  BANK_LIVE_WEBHOOK_SECRET_PREVIOUS: WebhookSecret.optional(),
});

export interface BankEndpoint {
  readonly baseUrl: string;
  readonly apiKey: string;
}

export interface BankModesConfig {
  readonly test: BankEndpoint;
  /** Absent: live payouts are refused with livemode_unavailable. */
  readonly live: BankEndpoint | null;
  /** Every valid webhook secret per mode, newest first: an event counts only under a secret of its own mode. */
  readonly webhookSecrets: { readonly test: readonly string[]; readonly live: readonly string[] };
}

/** The bank section of the runtime configuration (runtime-config.ts). */
export interface BankConfig extends BankModesConfig {
  /** Per attempt of a bank call (BANK_TIMEOUT_MS). */
  readonly timeoutMs: number;
}

/** The bank variables of the environment, set or not: any one of them set means the bank is configured. */
export const BANK_VARIABLES = [
  'BANK_TEST_URL',
  'BANK_TEST_API_KEY',
  'BANK_LIVE_URL',
  'BANK_LIVE_API_KEY',
  'BANK_SANDBOX_HOSTS',
  'BANK_WEBHOOK_SECRET',
  'BANK_WEBHOOK_SECRET_PREVIOUS',
  'BANK_LIVE_WEBHOOK_SECRET',
  'BANK_LIVE_WEBHOOK_SECRET_PREVIOUS',
] as const;

/** Reads and checks the per-mode bank configuration; throws one error naming every problem (never a value). */
export function bankModesConfig(env: Record<string, string | undefined>): BankModesConfig {
  const parsed = Env.safeParse(blankAsUnset(env, BANK_VARIABLES));
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
  if (parsed.success) {
    const e = parsed.data;
    if (e.BANK_LIVE_WEBHOOK_SECRET_PREVIOUS && !e.BANK_LIVE_WEBHOOK_SECRET) problems.push('BANK_LIVE_WEBHOOK_SECRET_PREVIOUS needs BANK_LIVE_WEBHOOK_SECRET (the current live secret)');
    if (e.BANK_LIVE_WEBHOOK_SECRET && e.BANK_LIVE_WEBHOOK_SECRET === e.BANK_WEBHOOK_SECRET) problems.push('BANK_LIVE_WEBHOOK_SECRET must differ from BANK_WEBHOOK_SECRET (or be left unset)');
    problems.push(...sandboxProblems('BANK', e.BANK_TEST_URL, e.BANK_LIVE_URL, e.BANK_LIVE_API_KEY, e.BANK_SANDBOX_HOSTS));
    if (problems.length === 0) {
      return {
        test: { baseUrl: trimSlash(e.BANK_TEST_URL), apiKey: e.BANK_TEST_API_KEY },
        live: e.BANK_LIVE_URL && e.BANK_LIVE_API_KEY ? { baseUrl: trimSlash(e.BANK_LIVE_URL), apiKey: e.BANK_LIVE_API_KEY } : null,
        webhookSecrets: {
          test: secretsOf(e.BANK_WEBHOOK_SECRET, e.BANK_WEBHOOK_SECRET_PREVIOUS),
          live: e.BANK_LIVE_WEBHOOK_SECRET ? secretsOf(e.BANK_LIVE_WEBHOOK_SECRET, e.BANK_LIVE_WEBHOOK_SECRET_PREVIOUS) : secretsOf(e.BANK_WEBHOOK_SECRET, e.BANK_WEBHOOK_SECRET_PREVIOUS),
        },
      };
    }
  }
  throw new Error(`Refusing to start: invalid bank configuration: ${problems.join('; ')}`);
}

/**
 * The refuse-to-start rules every per-mode vendor shares (`<PREFIX>_TEST_URL` a sandbox host, the live
 * URL and key together and never the sandbox): the problems found, none when the pair is sound.
 */
export function sandboxProblems(prefix: string, testUrl: string, liveUrl: string | undefined, liveKey: string | undefined, extraSandboxHosts: string | undefined): string[] {
  const problems: string[] = [];
  const sandboxHosts = sandboxHostsWith(extraSandboxHosts);
  const testHost = new URL(testUrl).hostname.toLowerCase();
  if (!sandboxHosts.includes(testHost)) problems.push(`${prefix}_TEST_URL host ${testHost} is not a sandbox (allowed: ${sandboxHosts.join(', ')}; add hosted sandboxes to ${prefix}_SANDBOX_HOSTS)`);
  if ((liveUrl === undefined) !== (liveKey === undefined)) problems.push(`${prefix}_LIVE_URL and ${prefix}_LIVE_API_KEY go together: set both for live mode, or neither`);
  if (liveUrl !== undefined && endpoint(liveUrl) === endpoint(testUrl)) problems.push(`${prefix}_LIVE_URL must not be the sandbox (${prefix}_TEST_URL)`);
  return problems;
}

/** An empty variable means unset (Terraform and shells write empty strings). */
export function blankAsUnset(env: Record<string, string | undefined>, names: readonly string[]): Record<string, string | undefined> {
  return Object.fromEntries(names.map((name) => [name, env[name] === '' ? undefined : env[name]]));
}

const secretsOf = (current: string, previous: string | undefined): string[] => [...new Set([current, ...(previous ? [previous] : [])])];

export const trimSlash = (url: string): string => url.replace(/\/+$/, '');
const endpoint = (url: string): string => {
  const u = new URL(url);
  return `${u.origin}${trimSlash(u.pathname)}`;
};
