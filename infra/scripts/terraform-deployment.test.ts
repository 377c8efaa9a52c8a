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

// The deployment's security and retention promises, read from the Terraform text itself (no provider
// is available offline, so `terraform validate` cannot run here; `terraform fmt -check` does).

describe('Terraform deployment', () => {
  describe('runtime identities', () => {
    it('declares exactly one identity for every deployed function and nothing else', () => {
      // given the catalogue and the identity declarations
      const deployed = FUNCTION_CATALOGUE.map((f) => f.name).sort();

      // then the two name lists are the same, and the generated tfvars carry each function's identity
      expect(Object.keys(FUNCTION_IDENTITIES).sort()).toEqual(deployed);
      const generated = buildTerraformCatalogue();
      for (const fn of FUNCTION_CATALOGUE) expect(generated.functions[fn.name].identity).toBe(FUNCTION_IDENTITIES[fn.name]);
      expect(Object.keys(generated.runtime_identities).sort()).toEqual([...new Set(Object.values(FUNCTION_IDENTITIES))].sort());
    });

    it('gives every identity group what the functions need to start when deployed, with and without live mode', () => {
      for (const d of DEPLOYMENTS) {
        for (const identity of identityNames) {
          // given the environment Terraform sets on a deployed function of this group (K_SERVICE marks Cloud Run)
          const env = { ...deployedEnvironment(identity, d), K_SERVICE: 'fn' };

          // then the cold-start checks pass: HASH_PEPPER mounted, the processor (and bank, FX) configuration complete
          expect({ identity, d, reasons: unsafeRuntimeReasons(env) }).toEqual({ identity, d, reasons: [] });
          expect(() => checkStartupConfiguration(env)).not.toThrow();
        }
      }
    });

    it('refuses to generate a function without an identity or an identity for a function that is not deployed', () => {
      // given a catalogue with a new function nobody declared an identity for
      const fn = FUNCTION_CATALOGUE[0];
      const newcomer: FunctionSpec = { ...fn, name: 'brand-new-function' };

      // when the Terraform catalogue is built, then it fails naming the function
      expect(() => buildTerraformCatalogue([...FUNCTION_CATALOGUE, newcomer])).toThrow(/brand-new-function has no runtime identity/);
      // and a declaration for a function the catalogue lacks fails too
      expect(() => buildTerraformCatalogue([fn], { [fn.name]: 'merchant-api', 'gone-function': 'fraud' })).toThrow(/gone-function/);
    });

    it('runs each function as its own group\'s service account, not one shared runtime', () => {
      // given the function resource
      const functions = resource('google_cloudfunctions2_function', 'fn');

      // then its service account is chosen by the function's generated identity
      expect(functions).toMatch(/service_account_email\s*=\s*google_service_account\.runtime\[each\.value\.identity\]\.email/);
      expect(resource('google_service_account', 'runtime')).toMatch(/for_each\s*=\s*var\.runtime_identities/);
    });

    it('lets only the identity functions use the personal-data key, and nothing public decrypt or write the audit log', () => {
      // given the generated identities
      const { functions, runtime_identities: identities } = buildTerraformCatalogue();
      const identityOf = (name: string) => identities[functions[name].identity];

      // then the public webhook and the OpenAPI function hold no key, and OpenAPI touches no data
      expect(identityOf('identity-vendor-webhook').kms).toBe(false);
      expect(identityOf('get-openapi')).toMatchObject({ kms: false, audit: 'none', firestore: 'none', publish: false, enqueue: false });
      // only the functions of the identity context may encrypt/decrypt
      const withKey = Object.keys(functions).filter((name) => identityOf(name).kms).sort();
      expect(withKey).toEqual(FUNCTION_CATALOGUE.filter((f) => /verification|kyc/.test(f.name) && f.name !== 'identity-vendor-webhook').map((f) => f.name).sort());
      // and the KMS grant goes only to those identities
      expect(resource('google_kms_crypto_key_iam_member', 'runtime_personal_data')).toMatch(/for_each\s*=\s*local\.kms_users/);
      expect(block(tf('iam.tf'), 'locals {')).toMatch(/kms_users\s*=\s*\{ for name, i in var\.runtime_identities : name => i if i\.kms \}/);
    });

    it('keeps the OFAC list in a versioned bucket that the compliance group writes and the identity group reads, and points every function at it', () => {
      const bucket = resource('google_storage_bucket', 'sanctions_lists');
      expect(bucket).toMatch(/versioning \{\s*enabled\s*=\s*true/);
      expect(bucket).toMatch(/public_access_prevention\s*=\s*"enforced"/);
      expect(Object.entries(RUNTIME_IDENTITIES).filter(([, i]) => i.sanctionsList).map(([n, i]) => `${n}:${i.sanctionsList}`).sort()).toEqual(['compliance:write', 'identity:read']);
      expect(tf('sanctions.tf')).toMatch(/write\s*=\s*"roles\/storage\.objectAdmin"/);
      expect(resource('google_storage_bucket_iam_member', 'runtime_sanctions_lists')).toMatch(/for_each\s*=\s*local\.sanctions_list_users[\s\S]*role\s*=\s*each\.value/);
      expect(tf('main.tf')).toMatch(/SANCTIONS_BUCKET\s*=\s*google_storage_bucket\.sanctions_lists\.name/);
      expect(tf('main.tf')).toMatch(/SANCTIONS_FETCH_URL\s*=\s*"https:\/\//);
    });

    it('lets only the team group change Firebase Auth users, and every group serving member or app-user tokens verify them', () => {
      const admins = Object.entries(RUNTIME_IDENTITIES).filter(([, i]) => i.firebaseAuth === 'admin').map(([n]) => n);
      expect(admins).toEqual(['team']);
      const tokenGroups = new Set(FUNCTION_CATALOGUE.flatMap((f) => (f.trigger === 'http' && ['merchant_key', 'firebase_id_token'].includes(f.route.auth) ? [FUNCTION_IDENTITIES[f.name]] : [])));
      for (const group of tokenGroups) expect(`${group}: ${RUNTIME_IDENTITIES[group].firebaseAuth ?? 'none'}`).not.toBe(`${group}: none`);
      expect(tf('team.tf')).toMatch(/admin\s*=\s*"roles\/firebaseauth\.admin"/);
      expect(tf('team.tf')).toMatch(/role\s*=\s*each\.value[\s\S]*local\.runtime_member\[each\.key\]/);
    });

    it('grants no project-wide Firestore, KMS, Pub/Sub or Tasks role to a runtime identity', () => {
      // given every project-level grant
      const projectGrants = resourcesOfType('google_project_iam_member').filter((r) => /local\.runtime_member/.test(r));

      // then the only unconditioned one is log writing; Firestore grants carry a database condition
      for (const grant of projectGrants) {
        if (/roles\/logging\.logWriter/.test(grant)) continue;
        // Firebase Auth users are project-wide by nature: team.tf grants them by catalogue group (tested above).
        if (/"runtime_firebase_auth"/.test(grant)) continue;
        expect(grant).toMatch(/condition \{[\s\S]*expression\s*=\s*"resource\.name == \\"\$\{local\.(main|audit)_database\}\\"/);
      }
      expect(projectGrants.join('\n')).not.toMatch(/roles\/(cloudkms|pubsub|cloudtasks)\./);
      // Pub/Sub publishing is per topic and task creation per queue
      expect(resource('google_pubsub_topic_iam_member', 'runtime_publisher')).toMatch(/google_pubsub_topic\.topics\[each\.value\.topic\]/);
      expect(resource('google_cloud_tasks_queue_iam_member', 'runtime_enqueuer')).toMatch(/google_cloud_tasks_queue\.queues\[each\.value\.queue\]/);
    });
  });

  describe('audit log', () => {
    it('lives in a separate, delete-protected database that the functions can only append to', () => {
      // given the audit database and the grants on it
      const database = resource('google_firestore_database', 'audit');
      const appender = resource('google_project_iam_custom_role', 'audit_appender');
      const permissions = JSON.parse(/permissions\s*=\s*(\[[^\]]*\])/.exec(appender)![1]) as string[];

      // then it is its own database, delete-protected, and the role creates but never updates or deletes
      expect(database).toMatch(/name\s*=\s*"audit"/);
      expect(database).toMatch(/delete_protection_state\s*=\s*"DELETE_PROTECTION_ENABLED"/);
      expect(permissions).toContain('datastore.entities.create');
      expect(permissions.filter((p) => /\.(update|delete)$/.test(p) || p === 'datastore.entities.*')).toEqual([]);
      // the append grant applies to the audit database only; the read-write grant to the operational one only
      expect(resource('google_project_iam_member', 'runtime_audit_append')).toMatch(/local\.audit_database/);
      expect(resource('google_project_iam_member', 'runtime_firestore')).not.toMatch(/audit_database/);
      // and only the relay appends, only the staff API reads, every other identity has no right on it
      const holders = (right: string) => Object.entries(RUNTIME_IDENTITIES).filter(([, i]) => i.audit === right).map(([name]) => name);
      expect(holders('append')).toEqual(['audit-relay']);
      expect(holders('read')).toEqual(['staff-api']);
      expect(holders('append').length + holders('read').length + holders('none').length).toBe(Object.keys(RUNTIME_IDENTITIES).length);
      expect(Object.entries(FUNCTION_IDENTITIES).filter(([, identity]) => identity === 'audit-relay').map(([fn]) => fn)).toEqual(['relay-audit-log']);
      // the functions are told which database that is, and its query indexes are created there
      expect(tf('main.tf')).toMatch(/AUDIT_DATABASE\s*=\s*google_firestore_database\.audit\.name/);
      expect(resource('google_firestore_index', 'composite')).toMatch(/database\s*=\s*each\.value\.collectionGroup == local\.audit_collection \? google_firestore_database\.audit\.name/);
      expect(tf('firestore.tf')).toMatch(/audit_collection\s*=\s*"audit_log"/);
    });

    it('exports the audit database and aml_reports daily into a bucket locked for five years', () => {
      // given the export jobs and the bucket
      const bucket = resource('google_storage_bucket', 'compliance_exports');
      const exports = block(tf('audit.tf'), 'compliance_exports = {');
      const seconds = 1827 * 24 * 60 * 60;

      // then the retention is at least 5 years (with leap days), locked unless the variable says otherwise
      expect(/retention_period\s*=\s*local\.compliance_retention_seconds/.test(bucket)).toBe(true);
      expect(tf('audit.tf')).toMatch(new RegExp(`compliance_retention_seconds\\s*=\\s*1827 \\* 24 \\* 60 \\* 60`));
      expect(seconds).toBeGreaterThanOrEqual((5 * 365 + 2) * 24 * 60 * 60); // five years hold at most two leap days
      expect(bucket).toMatch(/is_locked\s*=\s*var\.compliance_retention_locked/);
      expect(block(tf('variables.tf'), 'variable "compliance_retention_locked"')).toMatch(/default\s*=\s*true/);
      // and the operational export names the AML reports, the audit export takes the whole audit database
      expect(exports).toContain(`"${COMPLIANCE_COLLECTIONS.reports}"`);
      expect(exports).toMatch(/audit\s*=\s*\{ database = google_firestore_database\.audit\.name, collection_ids = \[\] \}/);
      const job = resource('google_cloud_scheduler_job', 'compliance_export');
      expect(job).toMatch(/:exportDocuments"/);
      expect(job).toMatch(/outputUriPrefix = "gs:\/\/\$\{google_storage_bucket\.compliance_exports\.name\}" \}/);
      // the export writer may create objects but holds no delete right
      expect(resource('google_storage_bucket_iam_member', 'firestore_agent_export')).not.toMatch(/objectAdmin|storage\.admin/);
    });
  });

  describe('identity configuration', () => {
    it('gives the identity functions a configuration that passes their startup checks', () => {
      // given the environment Terraform sets on an identity function and on the webhook
      for (const identity of ['identity', 'identity-webhook'] as const) {
        const env = deployedEnvironment(identity);

        // then the vendor configuration per mode is valid, the webhook URL and secrets are there,
        // and the personal-data key is named
        expect(() => identityVendorModesConfig(env)).not.toThrow();
        expect(env.IDENTITY_WEBHOOK_URL).toBeDefined();
        expect(webhookSecretsFrom(env)).toHaveLength(2);
        expect(env.KMS_KEY_NAME).toBeDefined();
      }
    });

    it('mounts the webhook secret from Secret Manager, readable only by the identity groups', () => {
      // given the secret and its grant
      const grant = resource('google_secret_manager_secret_iam_member', 'identity_vendor_webhook_secrets');
      const readers = Object.entries(RUNTIME_IDENTITIES).filter(([, i]) => i.secrets.includes('identity-vendor-webhook-secrets')).map(([name]) => name);

      // then only identity groups read it, and no function gets it as a plain variable
      expect(readers.sort()).toEqual(['identity', 'identity-webhook']);
      expect(grant).toMatch(/local\.secret_readers\["identity-vendor-webhook-secrets"\]/);
      expect(mapKeys(mergeBody(tf('main.tf'), 'common_env = merge('))).not.toContain('IDENTITY_VENDOR_WEBHOOK_SECRETS');
      expect(deployedEnvironment('merchant-api').IDENTITY_VENDOR_WEBHOOK_SECRETS).toBeUndefined();
      expect(deployedEnvironment('identity-webhook').IDENTITY_VENDOR_WEBHOOK_SECRETS).toBeDefined();
    });
  });

  describe('invocation', () => {
    it('lets only Pub/Sub pushes in through internal ingress and every other function only its caller', () => {
      // given the generated functions and the invoker grants
      const { functions } = buildTerraformCatalogue();
      const invoker = resource('google_cloud_run_service_iam_member', 'invoker');
      const callers = block(tf('main.tf'), 'invoker_by_trigger = {');

      // then Pub/Sub functions are internal-only; the rest accept only their caller's OIDC identity
      for (const fn of Object.values(functions)) expect(fn.ingress).toBe(fn.trigger === 'pubsub' ? 'ALLOW_INTERNAL_ONLY' : 'ALLOW_ALL');
      expect(resource('google_cloudfunctions2_function', 'fn')).toMatch(/ingress_settings\s*=\s*each\.value\.ingress/);
      expect(invoker).toMatch(/member\s*=\s*"serviceAccount:\$\{local\.invoker_by_trigger\[each\.value\.trigger\]\}"/);
      expect(callers).toMatch(/task\s*=\s*google_service_account\.tasks\.email/);
      expect(callers).toMatch(/schedule\s*=\s*google_service_account\.scheduler\.email/);
      expect(resource('google_cloud_scheduler_job', 'jobs')).toMatch(/service_account_email\s*=\s*google_service_account\.scheduler\.email/);
      // nobody anonymous, anywhere
      expect(allTerraform()).not.toMatch(/allUsers|allAuthenticatedUsers/);
    });
  });

  describe('retention', () => {
    it('keeps logs 12 months and records Firestore and KMS data access', () => {
      // given the log bucket and audit configuration
      const defaultBucket = resource('google_logging_project_bucket_config', 'default');
      const audit = resource('google_project_iam_audit_config', 'data_access');

      // then the _Default bucket keeps 365 days and the security bucket at least that, locked
      expect(defaultBucket).toMatch(/bucket_id\s*=\s*"_Default"/);
      expect(Number(/retention_days\s*=\s*(\d+)/.exec(defaultBucket)![1])).toBeGreaterThanOrEqual(365);
      expect(Number(/retention_days\s*=\s*(\d+)/.exec(resource('google_logging_project_bucket_config', 'security'))![1])).toBeGreaterThanOrEqual(365);
      for (const service of ['datastore.googleapis.com', 'cloudkms.googleapis.com']) expect(audit).toContain(`"${service}"`);
      expect(audit).toMatch(/DATA_READ/);
      expect(audit).toMatch(/DATA_WRITE/);
    });

    it('expires idempotency records and rate-limit windows by a TTL policy on the field the adapters write', () => {
      // given the field overrides Terraform deploys (firestore.tf reads firestore.indexes.json)
      const config = JSON.parse(readFileSync(join(TERRAFORM_DIR, '..', 'firestore.indexes.json'), 'utf8')) as { fieldOverrides: { collectionGroup: string; fieldPath: string; ttl?: boolean }[] };
      const ttl = config.fieldOverrides.filter((o) => o.ttl).map((o) => `${o.collectionGroup}.${o.fieldPath}`);
      const adapter = (path: string) => readFileSync(join(TERRAFORM_DIR, '..', 'functions', 'src', path), 'utf8');

      // then each TTL field is one its adapter writes
      expect(ttl).toEqual(expect.arrayContaining([`${COLLECTIONS.idempotencyKeys}.expiresAt`, `${COLLECTIONS.rateLimits}.expiresAt`]));
      expect(adapter('payments/adapters/payments-transaction.firestore.ts')).toMatch(/expiresAt: new Date/);
      expect(adapter('platform/adapters/rate-limiter.firestore.ts')).toMatch(/\{ count: counts\[i\] \+ 1, expiresAt \}/);
      // sent outbox events and fraud markers and day counters (both modes) expire too; pending events never carry the field
      for (const collection of ['outbox', 'fraud_velocity', 'fraud_velocity_markers', 'test_fraud_velocity', 'test_fraud_velocity_markers']) expect(ttl).toContain(`${collection}.expiresAt`);
      expect(adapter('platform/adapters/outbox.firestore-store.ts')).toMatch(/\{ status: 'sent', sentMs, expiresAt \}/);
      expect(adapter('fraud/adapters/fraud-history.firestore-store.ts')).toMatch(/\{ \.\.\.marker, expiresAt \}/);
      expect(adapter('fraud/adapters/fraud-history.firestore-store.ts')).toMatch(/\{ \.\.\.fields, expiresAt \}/);
      expect(resource('google_firestore_field', 'overrides')).toMatch(/ttl_config/);
    });
  });

  describe('alerts', () => {
    it('alerts when the sanctions list is reported stale', () => {
      // given the log metric and the alert policy
      const metric = resource('google_logging_metric', 'sanctions_list_stale');
      const policy = resource('google_monitoring_alert_policy', 'sanctions_list_stale');

      // then the ERROR line the refresh writes counts, and any count opens the alert
      const refresh = readFileSync(join(TERRAFORM_DIR, '..', 'functions', 'src', 'compliance', 'application', 'refresh-sanctions-list.command.ts'), 'utf8');
      expect(refresh).toMatch(/log\.error\('sanctions\.list_stale'/);
      expect(metric).toContain('filter = "severity>=ERROR AND jsonPayload.message=\\"sanctions.list_stale\\""');
      expect(policy).toMatch(/logging\.googleapis\.com\/user\/\$\{google_logging_metric\.sanctions_list_stale\.name\}/);
      expect(policy).toMatch(/threshold_value\s*=\s*0/);
    });
  });
});
