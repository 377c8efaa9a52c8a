import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FUNCTION_CATALOGUE, FunctionSpec, httpFunctions, subscriptionFilter } from '../../functions/src/catalogue/function-catalogue';
import {
  backendVariable, buildGatewaySpec, buildTerraformCatalogue, GATEWAY_SPEC_FILE, renderJson, TERRAFORM_DIR, TFVARS_FILE, writeTerraformCatalogue,
} from './write-terraform-catalogue';
import { RUNTIME_IDENTITIES } from '../../functions/src/catalogue/runtime-identities';

type Operation = { operationId: string; parameters: { name: string; in: string }[]; 'x-google-backend': { address: string; path_translation: string; jwt_audience: string } };
const operationsOf = (spec: Record<string, unknown>) => spec.paths as Record<string, Record<string, Operation>>;

describe('write-terraform-catalogue', () => {
  it('puts every catalogue function into the tfvars with its entry point and trigger', () => {
    // given the catalogue, when the Terraform catalogue is built
    const tf = buildTerraformCatalogue();

    // then each function is there exactly as the code registers it, and nothing else is
    expect(Object.keys(tf.functions).sort()).toEqual(FUNCTION_CATALOGUE.map((f) => f.name).sort());
    for (const fn of FUNCTION_CATALOGUE) expect(tf.functions[fn.name]).toMatchObject({ entry_point: fn.entryPoint, trigger: fn.trigger });
  });

  it('gives every task function a queue with its retry policy and every schedule and topic its function', () => {
    // given the catalogue, when the Terraform catalogue is built
    const tf = buildTerraformCatalogue();

    // then each task queue carries the catalogue's retry policy as Cloud Tasks durations
    for (const fn of FUNCTION_CATALOGUE) {
      if (fn.trigger === 'task') {
        expect(tf.task_queues[fn.queue]).toEqual({
          function: fn.name, max_attempts: fn.retry.maxAttempts, min_backoff: `${fn.retry.minBackoffSeconds}s`, max_backoff: `${fn.retry.maxBackoffSeconds}s`,
          max_doublings: fn.retry.maxDoublings ?? 8, max_retry_duration: fn.retry.maxRetryDurationSeconds === undefined ? null : `${fn.retry.maxRetryDurationSeconds}s`, max_concurrent_dispatches: fn.maxConcurrentDispatches,
        });
      }
      if (fn.trigger === 'task' && fn.queue === 'webhook-deliveries') expect(tf.task_queues[fn.queue]).toMatchObject({ max_attempts: -1, min_backoff: '5s', max_retry_duration: '259200s' });
      if (fn.trigger === 'schedule') expect(tf.schedules[fn.name]).toEqual({ function: fn.name, schedule: fn.schedule });
      if (fn.trigger === 'pubsub') expect(tf.pubsub_topics).toContain(fn.topic);
    }
  });

  it('gives every Pub/Sub function the subscription filter for the event types it consumes, and every other function none', () => {
    // given the catalogue, when the Terraform catalogue is built
    const tf = buildTerraformCatalogue();

    // then a pubsub function's filter is the catalogue's rendering of its types; the rest have null
    for (const fn of FUNCTION_CATALOGUE) {
      expect(tf.functions[fn.name].filter).toBe(fn.trigger === 'pubsub' ? subscriptionFilter(fn) : null);
    }
    expect(tf.functions['record-fraud-outcome'].filter).toBe('attributes."ce-type" = "payment.failed" OR attributes."ce-type" = "dispute.funds_withdrawn"');
  });

  it('routes every HTTP function through the gateway spec to its own backend with the full path appended', () => {
    // given the catalogue's HTTP functions, when the gateway spec is built
    const spec = buildGatewaySpec();
    const paths = operationsOf(spec);

    // then it is Swagger 2.0 and each route has one operation pointing at that function's backend
    expect(spec.swagger).toBe('2.0');
    for (const fn of httpFunctions()) {
      const operation = paths[fn.route.path]?.[fn.route.method.toLowerCase()];
      expect(operation).toBeDefined();
      expect(operation.operationId).toBe(fn.entryPoint);
      expect(operation['x-google-backend']).toMatchObject({
        address: `\${${backendVariable(fn.name)}}`, jwt_audience: `\${${backendVariable(fn.name)}}`, path_translation: 'APPEND_PATH_TO_ADDRESS',
      });
    }
    const operationCount = Object.values(paths).reduce((n, methods) => n + Object.keys(methods).length, 0);
    expect(operationCount).toBe(httpFunctions().length);
  });

  it('declares every path parameter, as Swagger 2.0 requires', () => {
    // given the gateway spec
    const paths = operationsOf(buildGatewaySpec());

    // then each {name} in a path is a required path parameter of each operation on it
    for (const [path, methods] of Object.entries(paths)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name);
      for (const operation of Object.values(methods)) {
        expect(operation.parameters.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(names);
      }
    }
  });

  it('leaves no template syntax in the spec other than the backend variables', () => {
    // given the rendered spec, when the backend placeholders are removed
    const rendered = renderJson(buildGatewaySpec()).replace(/\$\{backend_[a-z0-9_]+\}/g, '');

    // then templatefile() has nothing else to interpret
    expect(rendered).not.toMatch(/[$%]\{/);
  });

  it('refuses a catalogue where two functions claim the same queue', () => {
    // given two task functions on one queue
    const task = FUNCTION_CATALOGUE.find((f): f is Extract<FunctionSpec, { trigger: 'task' }> => f.trigger === 'task')!;
    const clash = [task, { ...task, name: 'another-handler' }];
    const identities = { [task.name]: 'payment-chain', 'another-handler': 'payment-chain' } as const;

    // when the Terraform catalogue is built, then it fails loudly
    expect(() => buildTerraformCatalogue(clash, identities)).toThrow(/handled by two functions/);
  });

  it('writes both files into the given directory', () => {
    // given an empty directory
    const dir = mkdtempSync(join(tmpdir(), 'tf-catalogue-'));
    try {
      // when the script writes the catalogue
      writeTerraformCatalogue(dir);

      // then the files parse back to what was built
      expect(JSON.parse(readFileSync(join(dir, TFVARS_FILE), 'utf8'))).toEqual(buildTerraformCatalogue());
      expect(JSON.parse(readFileSync(join(dir, GATEWAY_SPEC_FILE), 'utf8'))).toEqual(buildGatewaySpec());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('declares a Terraform variable for every generated key and every attribute of a generated function', () => {
    // given terraform/variables.tf
    const variables = readFileSync(join(TERRAFORM_DIR, 'variables.tf'), 'utf8');
    const declared = [...variables.matchAll(/^variable "(\w+)"/gm)].map(([, name]) => name);
    const functionType = /variable "functions"[\s\S]*?map\(object\(\{([\s\S]*?)\}\)\)/.exec(variables)?.[1] ?? '';
    const functionAttributes = [...functionType.matchAll(/^\s*(\w+)\s*=/gm)].map(([, name]) => name).sort();

    // when the catalogue is built, then Terraform knows every key and every function attribute
    const tf = buildTerraformCatalogue();
    expect(declared).toEqual(expect.arrayContaining(Object.keys(tf)));
    expect(functionAttributes).toEqual(Object.keys(tf.functions[FUNCTION_CATALOGUE[0].name]).sort());
  });

  it('declares every attribute of a generated runtime identity, money_out included, and generates it from the source', () => {
    // given the runtime_identities type in terraform/variables.tf
    const variables = readFileSync(join(TERRAFORM_DIR, 'variables.tf'), 'utf8');
    const identityType = /variable "runtime_identities"[\s\S]*?map\(object\(\{([\s\S]*?)\}\)\)/.exec(variables)?.[1] ?? '';
    const attributes = [...identityType.matchAll(/^\s*(\w+)\s*=/gm)].map(([, name]) => name).sort();

    // when the catalogue is built, then every identity has exactly the declared attributes, money_out as in the source
    const tf = buildTerraformCatalogue();
    for (const [name, identity] of Object.entries(tf.runtime_identities)) {
      expect(Object.keys(identity).sort()).toEqual(attributes);
      expect(identity.money_out).toBe(RUNTIME_IDENTITIES[name as keyof typeof RUNTIME_IDENTITIES].moneyOut);
    }
    expect(attributes).toContain('money_out');
  });

  it('has committed files that match the catalogue (run `npm run terraform:catalogue` if this fails)', () => {
    // given the files under terraform/, then they are exactly what the generator produces today
    expect(readFileSync(join(TERRAFORM_DIR, TFVARS_FILE), 'utf8')).toBe(renderJson(buildTerraformCatalogue()));
    expect(readFileSync(join(TERRAFORM_DIR, GATEWAY_SPEC_FILE), 'utf8')).toBe(renderJson(buildGatewaySpec()));
  });
});
