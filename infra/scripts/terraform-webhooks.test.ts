import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUNCTION_CATALOGUE } from '../../functions/src/catalogue/function-catalogue';
import { FUNCTION_IDENTITIES, RUNTIME_IDENTITIES } from '../../functions/src/catalogue/runtime-identities';
import { loadConfig } from '../../functions/src/runtime-config';
import { COLLECTIONS } from '../../functions/src/shared/firestore-collections';
import { buildTerraformCatalogue, TERRAFORM_DIR } from './write-terraform-catalogue';
import { DEPLOYMENTS, deployedEnvironment, functionsBuiltFrom, resource } from './terraform-text.test-helper';

// The webhooks deployment (terraform/webhooks.tf and the generated catalogue): the signing secrets' key is
// a KMS key of its own that only the webhooks group can use, the delivery queue retries for 3 days, and
// events and delivery attempts expire after 30 days by Firestore TTL.

describe('Terraform deployment: merchant webhooks', () => {
  it('seals signing secrets with a key of their own, usable by the webhooks group only (never the personal-data key)', () => {
    // given the generated identities and the key's IAM binding
    const tf = buildTerraformCatalogue();
    const users = Object.entries(tf.runtime_identities).filter(([, identity]) => identity.webhook_key).map(([name]) => name);
    const binding = resource('google_kms_crypto_key_iam_member', 'runtime_webhook_secrets');

    // then only the webhooks group holds it, that group cannot open personal data, and the binding is on the webhook key
    expect(users).toEqual(['webhooks']);
    expect(tf.runtime_identities.webhooks.kms).toBe(false);
    expect(binding).toContain('google_kms_crypto_key.webhook_secrets.id');
    expect(binding).toContain('local.webhook_key_users');
    expect(resource('google_kms_crypto_key', 'webhook_secrets')).toContain('prevent_destroy = true');
  });

  it('gives every webhooks function the key name, so each one starts with its webhooks configuration', () => {
    const functions = functionsBuiltFrom('webhooks');
    expect(functions.map((fn) => fn.name).sort()).toEqual(FUNCTION_CATALOGUE.filter((fn) => FUNCTION_IDENTITIES[fn.name] === 'webhooks').map((fn) => fn.name).sort());
    expect(functions.length).toBeGreaterThanOrEqual(12);
    for (const d of DEPLOYMENTS) {
      const config = loadConfig(deployedEnvironment('webhooks', d));
      expect(config.webhooks.ok && config.webhooks.value.keyEncryption.kind).toBe('kms');
    }
  });

  it('retries a delivery for 3 days, starting within 30 s, and never gives the queue up after a fixed count', () => {
    const queue = buildTerraformCatalogue().task_queues['webhook-deliveries'];
    expect(queue).toMatchObject({ function: 'deliver-webhook', max_attempts: -1, max_retry_duration: '259200s' });
    expect(Number(queue.min_backoff.replace('s', ''))).toBeLessThanOrEqual(30);
    expect(RUNTIME_IDENTITIES.webhooks.enqueue).toBe(true);
  });

  it('expires events and delivery attempts after their 30 days by Firestore TTL (firestore.indexes.json, applied by firestore.tf)', () => {
    const config = JSON.parse(readFileSync(join(TERRAFORM_DIR, '..', 'firestore.indexes.json'), 'utf8')) as { fieldOverrides: Array<{ collectionGroup: string; fieldPath: string; ttl?: boolean }> };
    const ttl = config.fieldOverrides.filter((o) => o.ttl).map((o) => `${o.collectionGroup}.${o.fieldPath}`);
    expect(ttl).toEqual(expect.arrayContaining([`${COLLECTIONS.merchantEvents}.expires_at`, `${COLLECTIONS.webhookDeliveryAttempts}.expires_at`]));
  });
});
