import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUNCTION_CATALOGUE, FunctionSpec } from '../../functions/src/catalogue/function-catalogue';
import { FUNCTION_IDENTITIES, MONEY_OUT_SECRETS, RUNTIME_IDENTITIES } from '../../functions/src/catalogue/runtime-identities';
import { COMPLIANCE_COLLECTIONS } from '../../functions/src/compliance/application/compliance.store';
import { webhookSecretsFrom } from '../../functions/src/identity/entrypoints/identity.config';
import { identityVendorModesConfig } from '../../functions/src/identity/adapters/identity-vendor-modes.config';
import { COLLECTIONS } from '../../functions/src/shared/firestore-collections';
import { checkStartupConfiguration } from '../../functions/src/composition-root';
import { loadConfig } from '../../functions/src/runtime-config';
import { unsafeRuntimeReasons } from '../../functions/src/shared/runtime-environment';
import { buildTerraformCatalogue, TERRAFORM_DIR } from './write-terraform-catalogue';
import {
  tf, allTerraform, block, resource, resourcesOfType, mergeBody, mapKeys, Deployment, TEST_ONLY, DEPLOYMENTS, Group, holds, localValue, keysOf, perIdentity, deployedVariables, whsec, SAMPLES, deployedEnvironment, identityNames, functionsBuiltFrom,
} from './terraform-text.test-helper';

// The money-out deployment (terraform/money-out.tf): bank and FX settings and secrets reach exactly the
// functions that need them.

describe('Terraform deployment', () => {
  describe('money out configuration', () => {
    const bankFunctions = () => [...functionsBuiltFrom('settlement'), ...functionsBuiltFrom('reconciliation')];
    const isBankWebhook = (fn: FunctionSpec) => fn.trigger === 'http' && fn.route.auth === 'standard_webhooks_signature';

    it('gives every function that builds the settlement or reconciliation module the bank, in both modes once live is configured', () => {
      // given the functions whose module needs the bank (index.ts), the webhook aside
      const functions = bankFunctions();
      expect(functions.map((f) => f.name)).toEqual(expect.arrayContaining(['settle-merchant', 'submit-payout', 'update-payout-settings', 'run-reconciliation', 'bank-webhook']));
      for (const d of DEPLOYMENTS) {
        for (const fn of functions.filter((f) => !isBankWebhook(f))) {
          // when the configuration is read from what Terraform sets on it
          const config = loadConfig(deployedEnvironment(FUNCTION_IDENTITIES[fn.name], d));

          // then the bank section is complete: sandbox, keys and webhook secrets; live too when configured
          expect({ fn: fn.name, d, bank: config.bank.ok }).toEqual({ fn: fn.name, d, bank: true });
          if (!config.bank.ok) continue;
          expect(config.bank.value.test).toEqual({ baseUrl: SAMPLES.BANK_TEST_URL, apiKey: SAMPLES.BANK_TEST_API_KEY });
          expect(config.bank.value.live).toEqual(d.live ? { baseUrl: SAMPLES.BANK_LIVE_URL, apiKey: SAMPLES.BANK_LIVE_API_KEY } : null);
          expect(config.settlement.payoutSubmitDelaySeconds).toBe(60);
        }
      }
    });

    it('gives the settlement functions the FX provider and reconciliation both processors, and reconciliation no FX', () => {
      for (const d of DEPLOYMENTS) {
        // given what Terraform sets on the settlement functions (the webhook aside) and on reconciliation
        for (const fn of functionsBuiltFrom('settlement').filter((f) => !isBankWebhook(f))) {
          const config = loadConfig(deployedEnvironment(FUNCTION_IDENTITIES[fn.name], d));

          // then settlement can quote conversions (live ones once live is configured) at the configured markup
          expect({ fn: fn.name, d, fx: config.fx.ok }).toEqual({ fn: fn.name, d, fx: true });
          if (config.fx.ok) expect(config.fx.value).toMatchObject({ markupBps: 100, live: d.live ? { baseUrl: SAMPLES.FX_LIVE_URL, apiKey: SAMPLES.FX_LIVE_API_KEY } : null });
        }
        for (const fn of functionsBuiltFrom('reconciliation')) {
          const env = deployedEnvironment(FUNCTION_IDENTITIES[fn.name], d);

          // and reconciliation reads both processors' reports, without any FX key
          expect(loadConfig(env).payments.processors.live).toEqual(d.live ? { baseUrl: SAMPLES.PROCESSOR_LIVE_URL, apiKey: SAMPLES.PROCESSOR_LIVE_API_KEY, notificationSecrets: [SAMPLES.PROCESSOR_LIVE_NOTIFICATION_SECRETS] } : null);
          expect(Object.keys(env).filter((key) => key.startsWith('FX_'))).toEqual([]);
        }
      }
    });

    it('lets the public bank webhook verify both modes\' signatures and read nothing else: no FX, live bank or live processor key', () => {
      // given the bank webhook and its group
      const webhooks = bankFunctions().filter(isBankWebhook);
      expect(webhooks.map((f) => f.name)).toEqual(['bank-webhook']);
      const identity = FUNCTION_IDENTITIES['bank-webhook'];
      const group = RUNTIME_IDENTITIES[identity];

      for (const d of DEPLOYMENTS) {
        // when the configuration is read from what Terraform sets on it
        const env = deployedEnvironment(identity, d);
        const config = loadConfig(env);

        // then it verifies test and (once live is configured) live events, each under its own mode's secrets
        expect(config.bank.ok).toBe(true);
        if (!config.bank.ok) continue;
        expect(config.bank.value.webhookSecrets.test).toEqual([SAMPLES.BANK_WEBHOOK_SECRET, ...(d.rotation ? [SAMPLES.BANK_WEBHOOK_SECRET_PREVIOUS] : [])]);
        expect(config.bank.value.webhookSecrets.live).toEqual(d.live
          ? [SAMPLES.BANK_LIVE_WEBHOOK_SECRET, ...(d.rotation ? [SAMPLES.BANK_LIVE_WEBHOOK_SECRET_PREVIOUS] : [])]
          : [SAMPLES.BANK_WEBHOOK_SECRET, ...(d.rotation ? [SAMPLES.BANK_WEBHOOK_SECRET_PREVIOUS] : [])]);
        // and holds no FX configuration, no live bank and no live processor
        expect({ d, keys: Object.keys(env).filter((key) => /^FX_|^BANK_LIVE_(URL|API_KEY)$|^PROCESSOR_LIVE_/.test(key)) }).toEqual({ d, keys: [] });
        expect(config.fx.ok).toBe(false);
        expect(config.bank.value.live).toBeNull();
        expect(config.payments.processors.live).toBeNull();
      }
      // nor may its service account read them: the live keys' readers are those listing every mode's keys
      for (const secret of ['fx-api-keys', 'bank-api-keys', 'processor-api-keys'] as const) expect(group.secrets).not.toContain(secret);
      expect(group).toMatchObject({ kms: false, audit: 'none', enqueue: false });
      expect(localValue('fx_api_key_readers')).toMatch(/setproduct\(local\.fx_modes, local\.secret_readers\["fx-api-keys"\]\)/);
      expect(localValue('bank_api_key_readers')).toMatch(/if pair\[0\] == "test" \|\| contains\(local\.secret_readers\["bank-api-keys"\], pair\[1\]\)/);
      expect(resource('google_secret_manager_secret_iam_member', 'processor_api_key')).toMatch(/if pair\[0\] == "test" \|\| contains\(local\.secret_readers\["processor-api-keys"\], pair\[1\]\)/);
      expect(resource('google_secret_manager_secret_iam_member', 'fx_api_key')).toMatch(/for_each\s*=\s*local\.fx_api_key_readers/);
      expect(resource('google_secret_manager_secret_iam_member', 'bank_api_key')).toMatch(/for_each\s*=\s*local\.bank_api_key_readers/);
    });

    it('gives no other group any bank or FX configuration or key, and each group the secrets its money out access needs', () => {
      const moneyOutSecrets = new Set(Object.values(MONEY_OUT_SECRETS).flat());
      for (const identity of identityNames) {
        const group = RUNTIME_IDENTITIES[identity];
        // given a group's declared access, then it lists exactly that access's secrets
        expect({ identity, secrets: group.secrets.filter((s) => moneyOutSecrets.has(s)).sort() }).toEqual({ identity, secrets: [...MONEY_OUT_SECRETS[group.moneyOut]].sort() });
        if (group.moneyOut !== 'none') continue;
        // and a group without money out gets no BANK_, FX_ or payout variable in any deployment
        for (const d of DEPLOYMENTS) {
          expect({ identity, keys: Object.keys(deployedEnvironment(identity, d)).filter((key) => /^(BANK|FX|PAYOUT)_/.test(key)) }).toEqual({ identity, keys: [] });
        }
      }
      // the merchant API, the payment chain and the staff API are not widened
      for (const identity of ['merchant-api', 'payment-chain', 'staff-api'] as const) expect(RUNTIME_IDENTITIES[identity].moneyOut).toBe('none');
    });

    it('mounts keys and webhook secrets only from Secret Manager, never as plain variables or Terraform values', () => {
      for (const d of DEPLOYMENTS) {
        for (const identity of identityNames) {
          // given what Terraform sets on a function of each group
          const { plain, secret } = deployedVariables(identity, d);

          // then every key, secret and pepper is a Secret Manager mount and nothing else is
          expect({ identity, plain: plain.filter((key) => /API_KEY|SECRET|PEPPER/.test(key)) }).toEqual({ identity, plain: [] });
          expect({ identity, secret: secret.filter((key) => !/API_KEY|SECRET|PEPPER/.test(key)) }).toEqual({ identity, secret: [] });
          expect(new Set([...plain, ...secret]).size).toBe(plain.length + secret.length);
        }
      }
      // no Terraform variable carries a key or a secret value (only the rotation switch names one), and no generated value holds one
      const variables = tf('variables.tf');
      for (const [, name] of variables.matchAll(/^variable "(\w+)"/gm)) {
        if (/key|secret|pepper|password|token/.test(name)) expect({ name, type: /type\s*=\s*(\w+)/.exec(block(variables, `variable "${name}"`))![1] }).toEqual({ name, type: 'bool' });
      }
      expect(tf('catalogue.auto.tfvars.json')).not.toMatch(/sk_(test|live)_|whsec_/);
    });

    it('declares, with a description, every variable the money out configuration reads', () => {
      // given money-out.tf and variables.tf
      const variables = tf('variables.tf');
      const used = [...new Set([...tf('money-out.tf').matchAll(/var\.(\w+)/g)].map(([, name]) => name))].filter((name) => name !== 'runtime_identities');

      // then each is declared and described; URLs are validated as https
      expect(used.sort()).toEqual(['bank_live_url', 'bank_sandbox_hosts', 'bank_test_url', 'bank_webhook_secret_rotation', 'fx_live_url', 'fx_markup_bps', 'fx_sandbox_hosts', 'fx_test_url', 'payout_submit_delay_seconds']);
      for (const name of used) expect(block(variables, `variable "${name}"`)).toMatch(/description\s*=\s*"[^"]{20,}"/);
      for (const name of used.filter((n) => n.endsWith('_url'))) expect(block(variables, `variable "${name}"`)).toMatch(/validation \{[\s\S]*"https:\/\/"/);
      expect(block(variables, 'variable "bank_live_url"')).toMatch(/default\s*=\s*null/);
    });
  });

});
