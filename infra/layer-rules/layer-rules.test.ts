import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// The layer rules (.dependency-cruiser.cjs at the repo root, run by `npm run lint:layers` in `npm test`)
// catch what they claim to. The fixture is written to a temporary folder with the same layout as the repo
// (functions/src/<context>/<layer>/…), so the real configuration judges it unchanged and the deliberate
// violations never reach the real run over functions/src.

const REPO_ROOT = path.resolve(__dirname, '../..');
const CONFIG = path.join(REPO_ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = path.join(REPO_ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

type Tree = Record<string, string>;
interface Violation {
  rule: string;
  from: string;
  to: string;
}

/** Runs the rules exactly as `npm run lint:layers` does (readable err-long output) on a fixture tree. */
function cruise(tree: Tree): { status: number | null; violations: Violation[]; output: string; stderr: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'layer-rules-'));
  try {
    for (const [file, text] of Object.entries(tree)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    const run = spawnSync(process.execPath, [DEPCRUISE, 'functions/src', '--config', CONFIG, '--output-type', 'err-long'], { cwd: dir, encoding: 'utf8' });
    // "  error <rule>: <from> → <to>"; a cycle lists its other modules on the following lines.
    const violations = [...run.stdout.matchAll(/^\s*error (\S+): (\S+) → ?(\S*)$/gm)].map(([, rule, from, to]) => ({ rule, from, to }));
    return { status: run.status, violations, output: run.stdout, stderr: run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const src = (file: string) => `functions/src/${file}`;

// Imports the architecture allows: each must pass, or a rule is too broad.
const allowed: Tree = {
  [src('index.ts')]: "import { root } from './composition-root';\nexport const app = root;\n",
  [src('composition-root.ts')]:
    "import { FirestorePayments } from './payments/adapters/payment.firestore-repository';\nimport { HistoryStore } from './fraud/adapters/history.memory-store';\nexport const root = { FirestorePayments, HistoryStore };\n",
  [src('shared/money.ts')]: 'export type Money = { amount: number };\n',
  [src('payments/domain/payment.ts')]:
    "import { z } from 'zod';\nimport { Money } from '../../shared/money';\nimport { Status } from './status';\nexport type Payment = { amount: Money; status: Status };\nexport const schema = z;\n",
  [src('payments/domain/status.ts')]: "export type Status = 'processing' | 'succeeded';\n",
  [src('payments/application/payment.repository.ts')]: "import { Payment } from '../domain/payment';\nexport interface PaymentRepository { get(id: string): Promise<Payment> }\n",
  [src('payments/application/create-payment.command.ts')]:
    "import type { PaymentRepository } from './payment.repository';\nimport { verified } from '../../identity/application/is-verified.query';\nexport const createPayment = (repo: PaymentRepository) => [repo, verified];\n",
  [src('payments/adapters/payment.firestore-repository.ts')]:
    "import type { PaymentRepository } from '../application/payment.repository';\nimport { Payment } from '../domain/payment';\nexport class FirestorePayments { repo?: PaymentRepository; last?: Payment }\n",
  [src('payments/entrypoints/create-payment.http.ts')]:
    "import { createPayment } from '../application/create-payment.command';\nimport { FirestorePayments } from '../adapters/payment.firestore-repository';\nimport { apiHandler } from '../../platform/http/api-handler';\nexport const handler = apiHandler([createPayment, FirestorePayments]);\n",
  [src('identity/application/is-verified.query.ts')]: 'export const verified = true;\n',
  [src('platform/http/api-handler.ts')]: "import { Money } from '../../shared/money';\nexport const apiHandler = (x: unknown) => x as Money;\n",
  [src('fraud/domain/risk.ts')]: 'export type Risk = { score: number };\n',
  [src('fraud/adapters/history.memory-store.ts')]: "import { Risk } from '../domain/risk';\nexport class HistoryStore { last?: Risk }\n",
  // Test code may reach anything: adapters, the root, another context's internals.
  [src('payments/application/create-payment.command.test.ts')]:
    "import { FirestorePayments } from '../adapters/payment.firestore-repository';\nimport { root } from '../../composition-root';\nimport { given } from './testing/builders';\nit('x', () => expect([FirestorePayments, root, given]).toBeTruthy());\n",
  [src('payments/application/testing/builders.ts')]: "import { HistoryStore } from '../../../fraud/adapters/history.memory-store';\nexport const given = HistoryStore;\n",
  ['functions/test/support/api-client.ts']: "import { root } from '../../src/composition-root';\nexport const client = root;\n",
};

// One deliberate violation per rule (two for the domain rule: another layer, and another context's domain).
const violating: Tree = {
  [src('payments/domain/refund.ts')]: "import type { PaymentRepository } from '../application/payment.repository';\nexport type Refund = { repo: PaymentRepository };\n",
  [src('fraud/domain/velocity.ts')]: "import { Status } from '../../payments/domain/status';\nexport type Velocity = { status: Status };\n",
  [src('payments/domain/clock.ts')]: "import { readFileSync } from 'node:fs';\nexport const now = () => readFileSync('/dev/null');\n",
  [src('payments/entrypoints/get-payment.http.ts')]: "import { root } from '../../composition-root';\nexport const handler = root;\n",
  [src('platform/http/task-handler.ts')]: "import { root } from '../../composition-root';\nexport const taskHandler = root;\n",
  [src('platform/http/event-handler.ts')]: "import type { Payment } from '../../payments/domain/payment';\nexport type Event = { payment: Payment };\n",
  [src('payments/application/capture-payment.command.ts')]:
    "import { FirestorePayments } from '../adapters/payment.firestore-repository';\nexport const capture = new FirestorePayments();\n",
  [src('fraud/adapters/reviews.reader.ts')]: "import { FirestorePayments } from '../../payments/adapters/payment.firestore-repository';\nexport const reviews = FirestorePayments;\n",
  [src('fraud/adapters/velocity.memory-store.ts')]: "import { fake } from '../domain/testing/fake-velocity';\nexport const store = fake;\n",
  [src('fraud/domain/testing/fake-velocity.ts')]: 'export const fake = 1;\n',
  [src('shared/ids.ts')]: "import { client } from '../../test/support/api-client';\nexport const ids = client;\n",
  [src('compliance/application/screen-name.query.ts')]: "import { Schema } from './screen-name.schemas';\nexport const screen = (s: Schema) => s;\nexport type Screened = string;\n",
  [src('compliance/application/screen-name.schemas.ts')]: "import type { Screened } from './screen-name.query';\nexport type Schema = { screened: Screened };\n",
};

describe('layer rules (.dependency-cruiser.cjs)', () => {
  it('accept the imports the architecture allows', () => {
    // given a tree in which every layer imports only what it may (test code imports anything)
    // when the layer rules judge it
    const result = cruise(allowed);
    // then nothing is reported and the run succeeds
    expect(result.stderr).toBe('');
    expect(result.violations).toEqual([]);
    expect(result.status).toBe(0);
  });

  it('report each kind of violation by rule name, and fail the run', () => {
    // given the same tree plus one deliberate violation per rule
    // when the layer rules judge it
    const result = cruise({ ...allowed, ...violating });
    // then exactly those violations are reported, each naming its rule and the offending import
    const cycle = result.violations.filter((v) => v.rule === 'no-cycles');
    expect(cycle.length).toBeGreaterThan(0);
    expect(cycle.every((v) => v.from.startsWith(src('compliance/application/screen-name.')))).toBe(true);
    expect(result.violations.filter((v) => v.rule !== 'no-cycles').sort((a, b) => a.from.localeCompare(b.from))).toEqual(
      [
        { rule: 'production-imports-no-test-code', from: src('fraud/adapters/velocity.memory-store.ts'), to: src('fraud/domain/testing/fake-velocity.ts') },
        { rule: 'context-imports-no-other-contexts-adapters-or-entrypoints', from: src('fraud/adapters/reviews.reader.ts'), to: src('payments/adapters/payment.firestore-repository.ts') },
        { rule: 'domain-imports-only-its-domain-and-shared', from: src('fraud/domain/velocity.ts'), to: src('payments/domain/status.ts') },
        { rule: 'application-imports-no-adapters-or-entrypoints', from: src('payments/application/capture-payment.command.ts'), to: src('payments/adapters/payment.firestore-repository.ts') },
        { rule: 'domain-does-no-io', from: src('payments/domain/clock.ts'), to: expect.stringMatching(/^(node:)?fs$/) },
        { rule: 'domain-imports-only-its-domain-and-shared', from: src('payments/domain/refund.ts'), to: src('payments/application/payment.repository.ts') },
        { rule: 'context-imports-no-composition-root', from: src('payments/entrypoints/get-payment.http.ts'), to: src('composition-root.ts') },
        { rule: 'platform-imports-no-context', from: src('platform/http/event-handler.ts'), to: src('payments/domain/payment.ts') },
        { rule: 'platform-imports-no-composition-root', from: src('platform/http/task-handler.ts'), to: src('composition-root.ts') },
        { rule: 'production-imports-no-test-code', from: src('shared/ids.ts'), to: 'functions/test/support/api-client.ts' },
      ].sort((a, b) => a.from.localeCompare(b.from)),
    );
    // and the run fails (the exit status counts the violations), each explained by its rule's comment
    expect(result.status).toBe(result.violations.length);
    expect(result.output).toContain('receives its dependencies (a module built from its configuration)');
  });

  it('refuse to run when the composition root they guard is gone', () => {
    // given a tree without functions/src/composition-root.ts (it moved, and the rules were not told)
    const { [src('composition-root.ts')]: _root, ...withoutRoot } = allowed;
    // when the layer rules run
    const result = cruise(withoutRoot);
    // then the run fails and says which path to update, rather than guarding nothing
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('functions/src/composition-root.ts is gone');
  });
});
