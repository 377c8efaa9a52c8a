/** Hosts a test-mode third party (processor, acquirer, vault, bank, FX, identity vendor) may always be at: this machine. */
export const LOCAL_SANDBOX_HOSTS = ['127.0.0.1', 'localhost', '[::1]'] as const;

/** The hosts a test-mode URL may name: loopback, and the comma-separated hosted sandboxes an operator allows. */
export const sandboxHostsWith = (extra: string | undefined): string[] => [...LOCAL_SANDBOX_HOSTS, ...(extra ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean)];
