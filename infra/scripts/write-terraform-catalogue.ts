import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MAX_DOUBLINGS, FUNCTION_CATALOGUE, FunctionSpec, httpFunctions, subscriptionFilter } from '../../functions/src/catalogue/function-catalogue';
import {
  FUNCTION_IDENTITIES, identityOf, MoneyOutAccess, RUNTIME_IDENTITIES, RuntimeIdentityName, undeployedIdentityDeclarations,
} from '../../functions/src/catalogue/runtime-identities';

// `npm run terraform:catalogue`: writes terraform/catalogue.auto.tfvars.json and the API Gateway spec
// from the function catalogue, so Terraform cannot deploy a function, queue, topic or route that the
// code does not know about (and vice versa). Output is deterministic; commit it after regenerating.

export const TERRAFORM_DIR = join(__dirname, '..', '..', 'terraform');
export const TFVARS_FILE = 'catalogue.auto.tfvars.json';
export const GATEWAY_SPEC_FILE = 'openapi-gateway.json';

export interface TerraformFunction {
  entry_point: string;
  trigger: FunctionSpec['trigger'];
  /** "GET /v1/payments" for HTTP functions, for people reading the plan. */
  route: string | null;
  topic: string | null;
  /** Pub/Sub subscription filter on the event type for pubsub functions, else null. */
  filter: string | null;
  /** The runtime service account group it runs as (functions/src/catalogue/runtime-identities.ts). */
  identity: RuntimeIdentityName;
  /**
   * Network ingress. Pub/Sub pushes from this project count as internal; API Gateway, Cloud Tasks and
   * Cloud Scheduler do not, so those stay reachable and are guarded by IAM (run.invoker for exactly
   * their caller's identity, never allUsers).
   */
  ingress: 'ALLOW_INTERNAL_ONLY' | 'ALLOW_ALL';
}

export interface TerraformIdentity {
  description: string;
  firestore: 'read-write' | 'none';
  audit: 'append' | 'read' | 'none';
  kms: boolean;
  webhook_key: boolean;
  /** none | verify (roles/firebaseauth.viewer) | admin (roles/firebaseauth.admin): team.tf. */
  firebase_auth: 'none' | 'verify' | 'admin';
  /** none | read | write: the sanctions list bucket (sanctions.tf). */
  sanctions_list: 'none' | 'read' | 'write';
  publish: boolean;
  enqueue: boolean;
  identity_vendor: boolean;
  /** Bank and FX configuration: none | bank-webhook | bank | payouts (runtime-identities.ts MoneyOutAccess). */
  money_out: MoneyOutAccess;
  secrets: string[];
}

export interface TerraformTaskQueue {
  function: string;
  max_attempts: number;
  min_backoff: string;
  max_backoff: string;
  max_doublings: number;
  /** null: no limit on the retries' duration. */
  max_retry_duration: string | null;
  max_concurrent_dispatches: number;
}

export interface TerraformCatalogue {
  functions: Record<string, TerraformFunction>;
  /** Runtime service accounts by group, with what each may do; only groups some function uses. */
  runtime_identities: Record<string, TerraformIdentity>;
  pubsub_topics: string[];
  task_queues: Record<string, TerraformTaskQueue>;
  schedules: Record<string, { function: string; schedule: string }>;
}

// Cloud Tasks takes google.protobuf.Duration strings: seconds with up to nine fractional digits.
const duration = (seconds: number): string => `${Number(seconds.toFixed(9))}s`;

/** Terraform template variable holding a function's backend URL (identifiers cannot contain '-'). */
export const backendVariable = (functionName: string): string => `backend_${functionName.replace(/-/g, '_')}`;

export function buildTerraformCatalogue(
  catalogue: readonly FunctionSpec[] = FUNCTION_CATALOGUE,
  identities: Readonly<Record<string, RuntimeIdentityName>> = FUNCTION_IDENTITIES,
): TerraformCatalogue {
  const result: TerraformCatalogue = { functions: {}, runtime_identities: {}, pubsub_topics: [], task_queues: {}, schedules: {} };
  const stale = undeployedIdentityDeclarations(catalogue, identities);
  if (stale.length > 0) throw new Error(`Runtime identities declared for functions the catalogue lacks: ${stale.join(', ')}`);
  for (const fn of catalogue) {
    if (result.functions[fn.name]) throw new Error(`Duplicate function name in the catalogue: ${fn.name}`);
    result.functions[fn.name] = {
      entry_point: fn.entryPoint,
      trigger: fn.trigger,
      route: fn.trigger === 'http' ? `${fn.route.method} ${fn.route.path}` : null,
      topic: fn.trigger === 'pubsub' ? fn.topic : null,
      filter: fn.trigger === 'pubsub' ? subscriptionFilter(fn) : null,
      identity: identityOf(fn, identities),
      ingress: fn.trigger === 'pubsub' ? 'ALLOW_INTERNAL_ONLY' : 'ALLOW_ALL',
    };
    if (fn.trigger === 'pubsub' && !result.pubsub_topics.includes(fn.topic)) result.pubsub_topics.push(fn.topic);
    if (fn.trigger === 'task') {
      if (result.task_queues[fn.queue]) throw new Error(`Queue ${fn.queue} is handled by two functions`);
      result.task_queues[fn.queue] = {
        function: fn.name,
        max_attempts: fn.retry.maxAttempts,
        min_backoff: duration(fn.retry.minBackoffSeconds),
        max_backoff: duration(fn.retry.maxBackoffSeconds),
        max_doublings: fn.retry.maxDoublings ?? DEFAULT_MAX_DOUBLINGS,
        max_retry_duration: fn.retry.maxRetryDurationSeconds === undefined ? null : duration(fn.retry.maxRetryDurationSeconds),
        max_concurrent_dispatches: fn.maxConcurrentDispatches,
      };
    }
    if (fn.trigger === 'schedule') result.schedules[fn.name] = { function: fn.name, schedule: fn.schedule };
  }
  for (const name of [...new Set(Object.values(result.functions).map((f) => f.identity))].sort()) {
    const { identityVendor, moneyOut, secrets, webhookKey, firebaseAuth, sanctionsList, ...grants } = RUNTIME_IDENTITIES[name];
    result.runtime_identities[name] = {
      ...grants, identity_vendor: identityVendor, money_out: moneyOut, webhook_key: webhookKey ?? false, firebase_auth: firebaseAuth ?? 'none', sanctions_list: sanctionsList ?? 'none', secrets: [...secrets],
    };
  }
  return result;
}

type HttpFunction = ReturnType<typeof httpFunctions>[number];

function swaggerParameters(fn: HttpFunction): Record<string, unknown>[] {
  const { route } = fn;
  const parameters: Record<string, unknown>[] = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: 'path', required: true, type: 'string' }));
  if (route.method === 'POST') parameters.push({ name: 'Idempotency-Key', in: 'header', required: false, type: 'string' });
  return parameters;
}

/**
 * Swagger 2.0 (the only version API Gateway accepts) with one x-google-backend per route. Backend
 * addresses are Terraform template variables, filled by templatefile() once the functions exist.
 * Request validation stays in the functions (zod); the gateway only routes and authenticates to them.
 */
export function buildGatewaySpec(routes: readonly HttpFunction[] = httpFunctions()): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const fn of routes) {
    const { route } = fn;
    const method = route.method.toLowerCase();
    paths[route.path] ??= {};
    if (paths[route.path][method]) throw new Error(`Two functions serve ${route.method} ${route.path}`);
    const address = `\${${backendVariable(fn.name)}}`;
    paths[route.path][method] = {
      operationId: fn.entryPoint,
      summary: route.summary,
      parameters: swaggerParameters(fn),
      // The functions match the full request path against the catalogue route, so it is appended.
      'x-google-backend': { address, path_translation: 'APPEND_PATH_TO_ADDRESS', jwt_audience: address, deadline: 30 },
      responses: { [String(route.successStatus)]: { description: 'Success' }, default: { description: 'Error object' } },
    };
  }
  return {
    swagger: '2.0',
    info: { title: 'Payments API', description: 'Generated from the function catalogue by infra/scripts/write-terraform-catalogue.ts', version: 'v1' },
    schemes: ['https'],
    consumes: ['application/json'],
    produces: ['application/json'],
    paths,
  };
}

export const renderJson = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

export function writeTerraformCatalogue(dir = TERRAFORM_DIR): string[] {
  mkdirSync(dir, { recursive: true });
  const files = [
    { path: join(dir, TFVARS_FILE), content: renderJson(buildTerraformCatalogue()) },
    { path: join(dir, GATEWAY_SPEC_FILE), content: renderJson(buildGatewaySpec()) },
  ];
  for (const file of files) writeFileSync(file.path, file.content);
  return files.map((f) => f.path);
}

if (require.main === module) {
  for (const path of writeTerraformCatalogue()) process.stdout.write(`wrote ${path}\n`);
}
