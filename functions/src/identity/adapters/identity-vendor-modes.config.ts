import { z } from 'zod';

// Test verifications must only ever reach the identity vendor's sandbox: IDENTITY_VENDOR_TEST_URL must
// name a loopback host or one listed in IDENTITY_VENDOR_SANDBOX_HOSTS, and the live URL must differ.
import { sandboxHostsWith } from '../../shared/sandbox-hosts';

const Env = z.object({
  IDENTITY_VENDOR_URL: z.string().optional(),
  IDENTITY_VENDOR_TEST_URL: z.url({ error: 'must be the URL of the identity vendor sandbox' }),
  IDENTITY_VENDOR_LIVE_URL: z.url({ error: 'must be a URL' }).optional(),
  IDENTITY_VENDOR_SANDBOX_HOSTS: z.string().optional(),
});

export interface IdentityVendorModesConfig {
  readonly test: string;
  /** Absent: live verifications (live KYB, end-user KYC) wait, they never go to the sandbox. */
  readonly live: string | null;
}

/** Reads and checks the per-mode identity vendor URLs; throws one error naming every problem. */
export function identityVendorModesConfig(env: Record<string, string | undefined>): IdentityVendorModesConfig {
  const parsed = Env.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
  if (parsed.success) {
    const e = parsed.data;
    if (e.IDENTITY_VENDOR_URL !== undefined) problems.push('IDENTITY_VENDOR_URL is no longer read: set IDENTITY_VENDOR_TEST_URL (a sandbox) and, for live verifications, IDENTITY_VENDOR_LIVE_URL');
    const sandboxHosts = sandboxHostsWith(e.IDENTITY_VENDOR_SANDBOX_HOSTS);
    const testHost = new URL(e.IDENTITY_VENDOR_TEST_URL).hostname.toLowerCase();
    if (!sandboxHosts.includes(testHost)) problems.push(`IDENTITY_VENDOR_TEST_URL host ${testHost} is not a sandbox (allowed: ${sandboxHosts.join(', ')}; add hosted sandboxes to IDENTITY_VENDOR_SANDBOX_HOSTS)`);
    if (e.IDENTITY_VENDOR_LIVE_URL !== undefined && endpoint(e.IDENTITY_VENDOR_LIVE_URL) === endpoint(e.IDENTITY_VENDOR_TEST_URL)) problems.push('IDENTITY_VENDOR_LIVE_URL must not be the sandbox (IDENTITY_VENDOR_TEST_URL)');
    if (problems.length === 0) return { test: trimSlash(e.IDENTITY_VENDOR_TEST_URL), live: e.IDENTITY_VENDOR_LIVE_URL ? trimSlash(e.IDENTITY_VENDOR_LIVE_URL) : null };
  }
  throw new Error(`Refusing to start: invalid identity vendor configuration: ${problems.join('; ')}`);
}

const trimSlash = (url: string): string => url.replace(/\/+$/, '');
const endpoint = (url: string): string => {
  const u = new URL(url);
  return `${u.origin}${trimSlash(u.pathname)}`;
};
