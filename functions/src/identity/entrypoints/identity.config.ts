// Identity configuration read from the environment, kept apart from the adapters so it can be tested alone.

/** Every vendor webhook secret currently valid; each at least 16 characters, at least one. */
export function webhookSecretsFrom(env: { IDENTITY_VENDOR_WEBHOOK_SECRETS?: string; IDENTITY_VENDOR_WEBHOOK_SECRET?: string; IDENTITY_VENDOR_WEBHOOK_SECRET_PREVIOUS?: string }): string[] {
  const listed = [...(env.IDENTITY_VENDOR_WEBHOOK_SECRETS ?? '').split(','), env.IDENTITY_VENDOR_WEBHOOK_SECRET ?? '', env.IDENTITY_VENDOR_WEBHOOK_SECRET_PREVIOUS ?? '']
    .map((secret) => secret.trim())
    .filter((secret) => secret.length > 0);
  if (listed.length === 0) throw new Error('Set IDENTITY_VENDOR_WEBHOOK_SECRETS (or IDENTITY_VENDOR_WEBHOOK_SECRET) to verify identity vendor webhooks');
  if (listed.some((secret) => secret.length < 16)) throw new Error('Every identity vendor webhook secret must have at least 16 characters');
  return [...new Set(listed)];
}
