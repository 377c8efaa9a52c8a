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

// Reads the Terraform text the way the deployment tests need it: blocks, merged maps, and the environment each
// runtime identity gets per deployment (test only, live, rotation), evaluated from the expressions.
// The deployment's security and retention promises, read from the Terraform text itself (no provider
// is available offline, so `terraform validate` cannot run here; `terraform fmt -check` does).

export const tf = (file: string): string => readFileSync(join(TERRAFORM_DIR, file), 'utf8');
export const allTerraform = (): string => readdirSync(TERRAFORM_DIR).filter((f) => f.endsWith('.tf')).map(tf).join('\n');

/** The body of a `resource "type" "name" { … }` or `locals { … }` block, braces matched. */
export function block(source: string, header: string): string {
  const start = source.indexOf(header);
  if (start < 0) throw new Error(`No block ${header}`);
  let depth = 0;
  for (let i = source.indexOf('{', start); i < source.length; i++) {
    if (source[i] === '{') depth++;
    if (source[i] === '}' && --depth === 0) return source.slice(start, i + 1);
  }
  throw new Error(`Unbalanced block ${header}`);
}
export const resource = (type: string, name: string): string => block(allTerraform(), `resource "${type}" "${name}"`);
export const resourcesOfType = (type: string): string[] => [...allTerraform().matchAll(new RegExp(`resource "${type}" "(\\w+)"`, 'g'))].map(([, name]) => resource(type, name));
/** From a header to the end of its multi-line merge(…): `  )` or `  })` at two spaces. */
export const mergeBody = (source: string, header: string): string => {
  const start = source.indexOf(header);
  const end = /\n {2}\}?\)/.exec(source.slice(start))?.index;
  if (start < 0 || end === undefined) throw new Error(`No ${header}`);
  return source.slice(start, start + end);
};
export const mapKeys = (body: string): string[] => [...body.matchAll(/^\s*([A-Z][A-Z0-9_]+)\s*=/gm)].map(([, key]) => key);

/**
 * What a deployment sets: the live URLs (processor, bank, FX, and the acquirer's and vault's when configured) or
 * none, a bank webhook secret rotation under way or not, the second processor (the acquirer) or not, the vault or not.
 */
export interface Deployment { readonly live: boolean; readonly rotation: boolean; readonly acquirer?: boolean; readonly vault?: boolean }
export const TEST_ONLY: Deployment = { live: false, rotation: false };
export const DEPLOYMENTS: readonly Deployment[] = [
  TEST_ONLY, { live: true, rotation: false }, { live: true, rotation: true }, { live: false, rotation: true },
  { live: false, rotation: false, acquirer: true }, { live: true, rotation: false, acquirer: true, vault: true }, { live: false, rotation: false, vault: true },
];

export type Group = (typeof RUNTIME_IDENTITIES)[keyof typeof RUNTIME_IDENTITIES];

/**
 * A small evaluator of the Terraform expressions that choose a function's variables (main.tf,
 * processor.tf, money-out.tf), so the tests follow the Terraform text rather than restate it. It knows
 * only the forms those files use and throws on any other, so a new shape fails loudly here.
 */
export function holds(condition: string, d: Deployment, group: Group): boolean {
  return condition.split('||').some((raw) => {
    const term = raw.trim();
    let m: RegExpExecArray | null;
    if (term === 'var.acquirer_test_url == null') return !d.acquirer;
    if (term === 'var.acquirer_live_url == null') return !(d.acquirer && d.live);
    if (term === 'var.vault_test_url == null') return !d.vault;
    if (term === 'var.vault_live_url == null') return !(d.vault && d.live);
    if (/^var\.\w+_live_url == null$/.test(term)) return !d.live;
    if (term === '!var.bank_webhook_secret_rotation') return !d.rotation;
    if ((m = /^contains\(i\.secrets, "([a-z-]+)"\)$/.exec(term))) return group.secrets.includes(m[1] as never);
    if ((m = /^contains\((\[[^\]]*\]), i\.money_out\)$/.exec(term))) return (JSON.parse(m[1]) as string[]).includes(group.moneyOut);
    throw new Error(`The test cannot evaluate the Terraform condition ${term}`);
  });
}

/** The text of `  name = …` in any .tf file, up to the next local (or the end of its block). */
export function localValue(name: string): string {
  const source = allTerraform();
  const start = new RegExp(`\\n {2}${name}\\s+=\\s+`).exec(source);
  if (!start) throw new Error(`No local ${name}`);
  const rest = source.slice(start.index + start[0].length);
  const end = /\n( {2}[a-z_]+\s+=\s|\})/.exec(rest);
  return rest.slice(0, end?.index).split('\n').filter((line) => !/^\s*#/.test(line)).join('\n').trim();
}

/** The keys (or list items) an expression yields for a deployment and a group. */
export function keysOf(expression: string, d: Deployment, group: Group): string[] {
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
export function perIdentity(name: string, d: Deployment, group: Group): string[] {
  const m = /^\{ for name, i in var\.runtime_identities : name => (merge\([\s\S]*\)) \}$/.exec(localValue(name));
  if (!m) throw new Error(`${name} is not a per-identity map`);
  return keysOf(m[1], d, group);
}

/** The plain variables and the Secret Manager mounts Terraform gives a function of the group. */
export function deployedVariables(identity: keyof typeof RUNTIME_IDENTITIES, d: Deployment = TEST_ONLY): { plain: string[]; secret: string[] } {
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
export const whsec = (name: string) => `whsec_${Buffer.from(name.padEnd(24, '.').slice(0, 24)).toString('base64')}`;
export const SAMPLES: Record<string, string> = {
  IDENTITY_VENDOR_TEST_URL: 'https://sandbox.idv.example.com',
  IDENTITY_VENDOR_SANDBOX_HOSTS: 'sandbox.idv.example.com',
  IDENTITY_WEBHOOK_URL: 'https://api.example.com/v1/webhooks/identity-vendor',
  IDENTITY_VENDOR_WEBHOOK_SECRETS: 'whsec_new_0123456789abcdef,whsec_old_0123456789abcdef',
  PROCESSOR_TEST_URL: 'https://sandbox.processor.example.com',
  PROCESSOR_SANDBOX_HOSTS: 'sandbox.processor.example.com,sandbox.acquirer.example.com,sandbox.vault.example.com',
  PROCESSOR_NOTIFICATION_SECRETS: whsec('processor-test'),
  PROCESSOR_LIVE_NOTIFICATION_SECRETS: whsec('processor-live'),
  ACQUIRER_TEST_URL: 'https://sandbox.acquirer.example.com',
  ACQUIRER_TEST_API_KEY: 'ak_test_deployed',
  ACQUIRER_LIVE_URL: 'https://acquirer.example.com',
  ACQUIRER_LIVE_API_KEY: 'ak_live_deployed',
  ACQUIRER_NOTIFICATION_SECRETS: whsec('acquirer-test'),
  ACQUIRER_LIVE_NOTIFICATION_SECRETS: whsec('acquirer-live'),
  VAULT_TEST_URL: 'https://sandbox.vault.example.com',
  VAULT_TEST_API_KEY: 'vk_test_deployed',
  VAULT_LIVE_URL: 'https://vault.example.com',
  VAULT_LIVE_API_KEY: 'vk_live_deployed',
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
export function deployedEnvironment(identity: keyof typeof RUNTIME_IDENTITIES, d: Deployment = TEST_ONLY): Record<string, string> {
  const { plain, secret } = deployedVariables(identity, d);
  const env: Record<string, string> = {};
  for (const key of [...plain, ...secret]) env[key] = SAMPLES[key] ?? 'set';
  return env;
}

export const identityNames = Object.keys(RUNTIME_IDENTITIES) as (keyof typeof RUNTIME_IDENTITIES)[];

/** Catalogue functions whose handler index.ts builds from the given module (`entryPoint: handler(module)`). */
export function functionsBuiltFrom(module: string): FunctionSpec[] {
  const index = readFileSync(join(TERRAFORM_DIR, '..', 'functions', 'src', 'index.ts'), 'utf8');
  const entryPoints = [...index.matchAll(new RegExp(`^\\s*(\\w+): \\w+\\(${module}\\),`, 'gm'))].map(([, entryPoint]) => entryPoint);
  return FUNCTION_CATALOGUE.filter((fn) => entryPoints.includes(fn.entryPoint));
}
