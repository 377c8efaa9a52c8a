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

// The deployment's security and retention promises, read from the Terraform text itself (no provider
// is available offline, so `terraform validate` cannot run here; `terraform fmt -check` does).

const tf = (file: string): string => readFileSync(join(TERRAFORM_DIR, file), 'utf8');
const allTerraform = (): string => readdirSync(TERRAFORM_DIR).filter((f) => f.endsWith('.tf')).map(tf).join('\n');

/** The body of a `resource "type" "name" { … }` or `locals { … }` block, braces matched. */
function block(source: string, header: string): string {
  const start = source.indexOf(header);
  if (start < 0) throw new Error(`No block ${header}`);
  let depth = 0;
  for (let i = source.indexOf('{', start); i < source.length; i++) {
    if (source[i] === '{') depth++;
    if (source[i] === '}' && --depth === 0) return source.slice(start, i + 1);
  }
  throw new Error(`Unbalanced block ${header}`);
}
const resource = (type: string, name: string): string => block(allTerraform(), `resource "${type}" "${name}"`);
const resourcesOfType = (type: string): string[] => [...allTerraform().matchAll(new RegExp(`resource "${type}" "(\\w+)"`, 'g'))].map(([, name]) => resource(type, name));
/** From a header to the end of its multi-line merge(…): `  )` or `  })` at two spaces. */
const mergeBody = (source: string, header: string): string => {
  const start = source.indexOf(header);
  const end = /\n {2}\}?\)/.exec(source.slice(start))?.index;
  if (start < 0 || end === undefined) throw new Error(`No ${header}`);
  return source.slice(start, start + end);
};
const mapKeys = (body: string): string[] => [...body.matchAll(/^\s*([A-Z][A-Z0-9_]+)\s*=/gm)].map(([, key]) => key);

/** What a deployment sets: the live URLs (processor, bank, FX) or none, and a bank webhook secret rotation under way or not. */
interface Deployment { readonly live: boolean; readonly rotation: boolean }
const TEST_ONLY: Deployment = { live: false, rotation: false };
const DEPLOYMENTS: readonly Deployment[] = [TEST_ONLY, { live: true, rotation: false }, { live: true, rotation: true }, { live: false, rotation: true }];

type Group = (typeof RUNTIME_IDENTITIES)[keyof typeof RUNTIME_IDENTITIES];

/**
 * A small evaluator of the Terraform expressions that choose a function's variables (main.tf,
 * processor.tf, money-out.tf), so the tests follow the Terraform text rather than restate it. It knows
 * only the forms those files use and throws on any other, so a new shape fails loudly here.
 */
function holds(condition: string, d: Deployment, group: Group): boolean {
  return condition.split('||').some((raw) => {
    const term = raw.trim();
    let m: RegExpExecArray | null;
    if (/^var\.\w+_live_url == null$/.test(term)) return !d.live;
    if (term === '!var.bank_webhook_secret_rotation') return !d.rotation;
    if ((m = /^contains\(i\.secrets, "([a-z-]+)"\)$/.exec(term))) return group.secrets.includes(m[1] as never);
    if ((m = /^contains\((\[[^\]]*\]), i\.money_out\)$/.exec(term))) return (JSON.parse(m[1]) as string[]).includes(group.moneyOut);
    throw new Error(`The test cannot evaluate the Terraform condition ${term}`);
  });
}

/** The text of `  name = …` in any .tf file, up to the next local (or the end of its block). */
function localValue(name: string): string {
  const source = allTerraform();
  const start = new RegExp(`\\n {2}${name}\\s+=\\s+`).exec(source);
  if (!start) throw new Error(`No local ${name}`);
  const rest = source.slice(start.index + start[0].length);
  const end = /\n( {2}[a-z_]+\s+=\s|\})/.exec(rest);
  return rest.slice(0, end?.index).split('\n').filter((line) => !/^\s*#/.test(line)).join('\n').trim();
}

/** The keys (or list items) an expression yields for a deployment and a group. */
function keysOf(expression: string, d: Deployment, group: Group): string[] {
  const e = expression.trim().replace(/,$/, '');
  let m: RegExpExecArray | null;
  if (e === '{}' || e === '[]') return [];
  if (/^\[[^\]]*\]$/.test(e)) return JSON.parse(e) as string[];
  if ((m = /^local\.(\w+)$/.exec(e))) return keysOf(localValue(m[1]), d, group);
  if ((m = /^merge\(([\s\S]*)\)$/.exec(e))) return m[1].split('\n').map((line) => line.trim()).filter(Boolean).flatMap((line) => keysOf(line, d, group));
  if ((m = /^\{ for mode in (local\.\w+|\[[^\]]*\]) : "([^"]+)" => [^}]+\}$/.exec(e))) {
    const template = m[2];
    return keysOf(m[1], d, group).map((mode) => template.replace('${upper(mode)}', mode.toUpperCase()));
  }
  if ((m = /^\{ for key, \w+ in local\.(\w+) : key => [^}]+\}$/.exec(e))) return keysOf(`local.${m[1]}`, d, group);
  if (!e.startsWith('{') && e.includes(' ? ')) {
    const question = e.indexOf(' ? ');
    const colon = e.lastIndexOf(' : ');
    return holds(e.slice(0, question), d, group) ? keysOf(e.slice(question + 3, colon), d, group) : keysOf(e.slice(colon + 3), d, group);
  }
  if (/^\{[\s\S]*\}$/.test(e) && !/\bfor\b/.test(e)) return mapKeys(e.replace(/^\{\s*/, '\n').replace(/\s*\}$/, '\n'));
  throw new Error(`The test cannot evaluate the Terraform expression ${e}`);
}

/** A per-identity local (`{ for name, i in var.runtime_identities : name => merge(…) }`) for one group. */
function perIdentity(name: string, d: Deployment, group: Group): string[] {
  const m = /^\{ for name, i in var\.runtime_identities : name => (merge\([\s\S]*\)) \}$/.exec(localValue(name));
  if (!m) throw new Error(`${name} is not a per-identity map`);
  return keysOf(m[1], d, group);
}

/** The plain variables and the Secret Manager mounts Terraform gives a function of the group. */
function deployedVariables(identity: keyof typeof RUNTIME_IDENTITIES, d: Deployment = TEST_ONLY): { plain: string[]; secret: string[] } {
  const main = tf('main.tf');
  const fn = resource('google_cloudfunctions2_function', 'fn');
  const group = RUNTIME_IDENTITIES[identity];
  const environment = /environment_variables\s*=\s*merge\(([\s\S]*?)\n {4}\)/.exec(fn)?.[1] ?? '';
  const perIdentityIn = (text: string) => [...text.matchAll(/local\.(\w+)\[each\.value\.identity\]/g)].map(([, name]) => name);
  expect(environment).toContain('local.common_env');
  // common_env: its map's keys, and whatever else its first line merges in (var.extra_env aside: the operator's own)
  const commonEnv = mergeBody(main, 'common_env = merge(');
  const commonArgs = /common_env = merge\((.*)\{\n/.exec(commonEnv)?.[1].replace('var.extra_env,', '') ?? '';
  const commonExtras = [...commonArgs.matchAll(/local\.\w+|var\.\w+ == null \? \{\} : \{ [A-Z_]+ = [^}]+\}/g)].map(([expression]) => expression);
  expect(commonArgs.replace(/local\.\w+|var\.\w+ == null \? \{\} : \{ [A-Z_]+ = [^}]+\}/g, '').replace(/[\s,]/g, '')).toBe('');
  const plain = [
    ...mapKeys(commonEnv),
    ...commonExtras.flatMap((expression) => keysOf(expression, d, group)),
    ...(group.identityVendor && /identity_vendor \? local\.identity_env : \{\}/.test(environment) ? mapKeys(mergeBody(tf('identity.tf'), 'identity_env = merge(')) : []),
    ...perIdentityIn(environment).flatMap((name) => perIdentity(name, d, group)),
  ];
  const mounts = [...fn.matchAll(/dynamic "secret_environment_variables" \{\s*for_each = ([^\n]+)[\s\S]*?key\s*=\s*("[A-Z_]+"|secret_environment_variables\.key)/g)];
  const secret = mounts.flatMap(([, forEach, key]) => {
    if (key === 'secret_environment_variables.key') return perIdentityIn(forEach).flatMap((name) => perIdentity(name, d, group));
    const listed = /contains\(var\.runtime_identities\[each\.value\.identity\]\.secrets, "([a-z-]+)"\)/.exec(forEach);
    if (!listed) throw new Error(`The test cannot read the mount ${forEach}`);
    return group.secrets.includes(listed[1] as never) ? [JSON.parse(key) as string] : [];
  });
  return { plain, secret };
}

// A Standard Webhooks secret: whsec_ + base64 of 24 bytes, distinct per name.
const whsec = (name: string) => `whsec_${Buffer.from(name.padEnd(24, '.').slice(0, 24)).toString('base64')}`;
const SAMPLES: Record<string, string> = {
  IDENTITY_VENDOR_TEST_URL: 'https://sandbox.idv.example.com',
  IDENTITY_VENDOR_SANDBOX_HOSTS: 'sandbox.idv.example.com',
  IDENTITY_WEBHOOK_URL: 'https://api.example.com/v1/webhooks/identity-vendor',
  IDENTITY_VENDOR_WEBHOOK_SECRETS: 'whsec_new_0123456789abcdef,whsec_old_0123456789abcdef',
  PROCESSOR_TEST_URL: 'https://sandbox.processor.example.com',
  PROCESSOR_SANDBOX_HOSTS: 'sandbox.processor.example.com',
  PROCESSOR_TEST_API_KEY: 'sk_test_deployed',
  PROCESSOR_LIVE_URL: 'https://processor.example.com',
  PROCESSOR_LIVE_API_KEY: 'sk_live_deployed',
  HASH_PEPPER: 'a-deployed-hash-pepper-of-at-least-32-characters',
  FUNCTIONS_BASE_URL: 'https://us-central1-p.cloudfunctions.net',
  BANK_TEST_URL: 'https://sandbox.bank.example.com',
  BANK_SANDBOX_HOSTS: 'sandbox.bank.example.com',
  BANK_LIVE_URL: 'https://bank.example.com',
  BANK_TEST_API_KEY: 'sk_test_bank',
  BANK_LIVE_API_KEY: 'sk_live_bank',
  BANK_WEBHOOK_SECRET: whsec('test-current'),
  BANK_WEBHOOK_SECRET_PREVIOUS: whsec('test-previous'),
  BANK_LIVE_WEBHOOK_SECRET: whsec('live-current'),
  BANK_LIVE_WEBHOOK_SECRET_PREVIOUS: whsec('live-previous'),
  PAYOUT_SUBMIT_DELAY_SECONDS: '60',
  FX_TEST_URL: 'https://sandbox.fx.example.com',
  FX_SANDBOX_HOSTS: 'sandbox.fx.example.com',
  FX_LIVE_URL: 'https://fx.example.com',
  FX_TEST_API_KEY: 'sk_test_fx',
  FX_LIVE_API_KEY: 'sk_live_fx',
  FX_MARKUP_BPS: '100',
};

/** The environment Terraform gives a function of the identity group, with sample values for the variables. */
function deployedEnvironment(identity: keyof typeof RUNTIME_IDENTITIES, d: Deployment = TEST_ONLY): Record<string, string> {
  const { plain, secret } = deployedVariables(identity, d);
  const env: Record<string, string> = {};
  for (const key of [...plain, ...secret]) env[key] = SAMPLES[key] ?? 'set';
  return env;
}

const identityNames = Object.keys(RUNTIME_IDENTITIES) as (keyof typeof RUNTIME_IDENTITIES)[];

/** Catalogue functions whose handler index.ts builds from the given module (`entryPoint: handler(module)`). */
function functionsBuiltFrom(module: string): FunctionSpec[] {
  const index = readFileSync(join(TERRAFORM_DIR, '..', 'functions', 'src', 'index.ts'), 'utf8');
  const entryPoints = [...index.matchAll(new RegExp(`^\\s*(\\w+): \\w+\\(${module}\\),`, 'gm'))].map(([, entryPoint]) => entryPoint);
  return FUNCTION_CATALOGUE.filter((fn) => entryPoints.includes(fn.entryPoint));
}

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

    it('grants no project-wide Firestore, KMS, Pub/Sub or Tasks role to a runtime identity', () => {
      // given every project-level grant
      const projectGrants = resourcesOfType('google_project_iam_member').filter((r) => /local\.runtime_member/.test(r));

      // then the only unconditioned one is log writing; Firestore grants carry a database condition
      for (const grant of projectGrants) {
        if (/roles\/logging\.logWriter/.test(grant)) continue;
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
      // and no group with audit rights beyond append+read exists
      for (const identity of Object.values(RUNTIME_IDENTITIES)) expect(['none', 'append', 'append-read']).toContain(identity.audit);
    });

    it('exports audit_log and aml_reports daily into a bucket locked for five years', () => {
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
      // and the operational export names the collections the code writes
      expect(exports).toContain(`"${COMPLIANCE_COLLECTIONS.auditLog}"`);
      expect(exports).toContain(`"${COMPLIANCE_COLLECTIONS.reports}"`);
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
          expect(loadConfig(env).payments.processors.live).toEqual(d.live ? { baseUrl: SAMPLES.PROCESSOR_LIVE_URL, apiKey: SAMPLES.PROCESSOR_LIVE_API_KEY } : null);
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
