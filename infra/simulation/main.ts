// `npm run simulate -- --seed 7 --payments 2000 [--concurrency 32] [--merchants 3] [--kills 3] [--no-faults] [--inject-bug duplicate-refund] [--fuzz 200] [--json out.json]`
// A seeded fault-injection run on the local stack; exit code 1 when the auditor finds a violation.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PrerequisiteMissingError } from '../emulators';
import type { InjectedBug } from './processor-fault.proxy';
import { formatReport } from './report-format';
import { runSimulation } from './simulation';

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    payments: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '32' },
    merchants: { type: 'string', default: '3' },
    kills: { type: 'string' },
    'no-faults': { type: 'boolean', default: false },
    'inject-bug': { type: 'string' },
    json: { type: 'string' },
    fuzz: { type: 'string', default: '0' },
  },
});

const BUGS: readonly InjectedBug[] = ['duplicate-refund'];

function positiveInt(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got ${value}`);
  return n;
}

async function main(): Promise<number> {
  const seed = values.seed ?? String(Math.floor(Math.random() * 1e9));
  const payments = positiveInt('payments', values.payments);
  const bug = values['inject-bug'];
  if (bug !== undefined && !BUGS.includes(bug as InjectedBug)) throw new Error(`--inject-bug must be one of ${BUGS.join(', ')}`);
  const report = await runSimulation({
    seed,
    payments,
    concurrency: positiveInt('concurrency', values.concurrency),
    merchants: Math.max(1, positiveInt('merchants', values.merchants)),
    kills: positiveInt('kills', values.kills ?? String(Math.max(1, Math.round(payments / 700)))),
    faults: !values['no-faults'],
    bug: bug as InjectedBug | undefined,
    fuzzPerRoute: positiveInt('fuzz', values.fuzz),
    onProgress: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(formatReport(report));
  if (values.json) writeFileSync(values.json, JSON.stringify(report, null, 2) + '\n');
  const fuzzFailed = report.fuzz !== undefined && (report.fuzz.unexpected.length > 0 || Object.keys(report.fuzz.countChanges).length > 0 || Object.keys(report.fuzz.writes).length > 0);
  return report.violations.length > 0 || !report.quiescent || fuzzFailed ? 1 : 0;
}

if (require.main === module) {
  main()
    .then((code) => process.exit(code))
    .catch((error) => {
      process.stderr.write(`simulation crashed: ${error instanceof PrerequisiteMissingError ? error.message : error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(2);
    });
}
