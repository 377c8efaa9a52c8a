import { z } from 'zod';
import { sandboxHostsWith } from '../../shared/sandbox-hosts';

// The platform's card vault (issue 12): payment methods are the platform's tokens, described by the vault
// (brand, last four, country, fingerprint) whichever processor the payment goes to. Optional: without
// VAULT_TEST_URL the processors describe the tokens (as before the vault). Its test side must be a sandbox.

const Env = z.object({
  VAULT_TEST_URL: z.url({ error: 'must be the URL of the sandbox vault' }).optional(),
  VAULT_TEST_API_KEY: z.string().regex(/^vk_test_\S+$/, { error: 'must be a test key (vk_test_…)' }).optional(),
  VAULT_LIVE_URL: z.url({ error: 'must be a URL' }).optional(),
  VAULT_LIVE_API_KEY: z.string().regex(/^vk_live_\S+$/, { error: 'must be a live key (vk_live_…)' }).optional(),
  PROCESSOR_SANDBOX_HOSTS: z.string().optional(),
});

export interface VaultEndpoint {
  readonly baseUrl: string;
  readonly apiKey: string;
}

export interface VaultModesConfig {
  readonly test: VaultEndpoint | null;
  readonly live: VaultEndpoint | null;
}

export class VaultConfigurationError extends Error {
  override readonly name = 'VaultConfigurationError';
}

/** Reads and checks the vault's configuration per mode; throws VaultConfigurationError naming every problem. */
export function vaultModesConfig(env: Record<string, string | undefined>): VaultModesConfig {
  const parsed = Env.safeParse(env);
  const problems: string[] = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
  if (parsed.success) {
    const e = parsed.data;
    if ((e.VAULT_TEST_URL === undefined) !== (e.VAULT_TEST_API_KEY === undefined)) problems.push('VAULT_TEST_URL and VAULT_TEST_API_KEY go together');
    if ((e.VAULT_LIVE_URL === undefined) !== (e.VAULT_LIVE_API_KEY === undefined)) problems.push('VAULT_LIVE_URL and VAULT_LIVE_API_KEY go together');
    if (e.VAULT_LIVE_URL !== undefined && e.VAULT_TEST_URL === undefined) problems.push('a live vault needs its test side (VAULT_TEST_URL) too');
    if (e.VAULT_TEST_URL !== undefined) {
      const sandboxHosts = sandboxHostsWith(e.PROCESSOR_SANDBOX_HOSTS);
      const host = new URL(e.VAULT_TEST_URL).hostname.toLowerCase();
      if (!sandboxHosts.includes(host)) problems.push(`VAULT_TEST_URL host ${host} is not a sandbox (allowed: ${sandboxHosts.join(', ')})`);
    }
    if (problems.length === 0) {
      const endpoint = (url: string | undefined, apiKey: string | undefined): VaultEndpoint | null => (url && apiKey ? { baseUrl: url.replace(/\/+$/, ''), apiKey } : null);
      return { test: endpoint(e.VAULT_TEST_URL, e.VAULT_TEST_API_KEY), live: endpoint(e.VAULT_LIVE_URL, e.VAULT_LIVE_API_KEY) };
    }
  }
  throw new VaultConfigurationError(`Refusing to start: invalid vault configuration: ${problems.join('; ')}`);
}
