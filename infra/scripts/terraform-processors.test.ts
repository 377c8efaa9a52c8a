import { RUNTIME_IDENTITIES } from '../../functions/src/catalogue/runtime-identities';
import { loadConfig } from '../../functions/src/runtime-config';
import { DEPLOYMENTS, SAMPLES, deployedEnvironment, identityNames, resource } from './terraform-text.test-helper';

// terraform/processor.tf: both processors' keys, URLs and notification secrets reach exactly the groups that
// hold the processor keys ("processor-api-keys"), per configured mode, and nothing else.

const holdsProcessorKeys = (identity: keyof typeof RUNTIME_IDENTITIES) => (RUNTIME_IDENTITIES[identity].secrets as readonly string[]).includes('processor-api-keys');

describe('Terraform deployment', () => {
  describe('processors', () => {
    it('gives the groups holding the processor keys the acquirer (when configured) and both processors\' notification secrets, per mode', () => {
      const holders = identityNames.filter(holdsProcessorKeys);
      expect(holders).toEqual(expect.arrayContaining(['payment-chain', 'merchant-api']));
      for (const d of DEPLOYMENTS) {
        for (const identity of holders) {
          // given what Terraform sets on a function of the group, when its configuration is read
          const payments = loadConfig(deployedEnvironment(identity, d)).payments;

          // then the acquirer is there exactly when configured, live only with live, each mode with its own secrets
          expect({ identity, d, acquirers: payments.acquirers }).toEqual({
            identity,
            d,
            acquirers: {
              test: d.acquirer ? { baseUrl: SAMPLES.ACQUIRER_TEST_URL, apiKey: SAMPLES.ACQUIRER_TEST_API_KEY, notificationSecrets: [SAMPLES.ACQUIRER_NOTIFICATION_SECRETS] } : null,
              live: d.acquirer && d.live ? { baseUrl: SAMPLES.ACQUIRER_LIVE_URL, apiKey: SAMPLES.ACQUIRER_LIVE_API_KEY, notificationSecrets: [SAMPLES.ACQUIRER_LIVE_NOTIFICATION_SECRETS] } : null,
            },
          });
          // and the vault describes the tokens exactly when configured, live only with live
          expect({ identity, d, vault: loadConfig(deployedEnvironment(identity, d)).fraud.vault }).toEqual({
            identity,
            d,
            vault: { test: d.vault ? { baseUrl: SAMPLES.VAULT_TEST_URL, apiKey: SAMPLES.VAULT_TEST_API_KEY } : null, live: d.vault && d.live ? { baseUrl: SAMPLES.VAULT_LIVE_URL, apiKey: SAMPLES.VAULT_LIVE_API_KEY } : null },
          });
          // and the primary processor's dispute notifications verify in each configured mode
          expect(payments.processors.test.notificationSecrets).toEqual([SAMPLES.PROCESSOR_NOTIFICATION_SECRETS]);
          expect(payments.processors.live?.notificationSecrets ?? null).toEqual(d.live ? [SAMPLES.PROCESSOR_LIVE_NOTIFICATION_SECRETS] : null);
        }
      }
    });

    it('gives no other group an acquirer or vault key or URL, or a notification secret', () => {
      for (const d of DEPLOYMENTS) {
        for (const identity of identityNames.filter((i) => !holdsProcessorKeys(i))) {
          const names = Object.keys(deployedEnvironment(identity, d));
          expect({ identity, d, leaked: names.filter((n) => n.startsWith('ACQUIRER_') || n.startsWith('VAULT_') || n.endsWith('_NOTIFICATION_SECRETS')) }).toEqual({ identity, d, leaked: [] });
        }
      }
    });

    it('lets only the processor-key groups read the notification secrets and the acquirer and vault keys', () => {
      const access = resource('google_secret_manager_secret_iam_member', 'processor_vendor_secret');
      expect(access).toContain('setproduct(keys(local.processor_vendor_secret_ids), local.secret_readers["processor-api-keys"])');
      expect(access).toContain('roles/secretmanager.secretAccessor');
    });
  });
});
