// `npm run simulate -- --seed 7 --payments 2000 [--concurrency 32] [--merchants 3] [--kills 3] [--no-faults] [--inject-bug duplicate-refund] [--json out.json]`
// A seeded fault-injection run on the local stack; exit code 1 when the auditor finds a violation.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PrerequisiteMissingError } from '../emulators';
import type { InjectedBug } from './processor-fault.proxy';
import { runSimulation, type SimulationReport } from './simulation';

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
  },
});

const BUGS: readonly InjectedBug[] = ['duplicate-refund'];

function positiveInt(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got ${value}`);
  return n;
}

export function formatReport(report: SimulationReport): string {
  const table = (title: string, rows: Record<string, number>) => [`${title}:`, ...Object.entries(rows).map(([k, v]) => `  ${k.padEnd(34)} ${v}`)].join('\n');
  const lines = [
    '',
    `seed ${report.seed}: ${report.payments} payments in ${report.seconds} s${report.quiescent ? '' : ' (did NOT reach quiescence)'}`,
    table('operations', report.operations),
    table('outcomes', report.outcomes),
    table(`faults injected (${Object.values(report.faults).reduce((a, b) => a + b, 0)})`, report.faults),
    `violations: ${report.violations.length}`,
    ...report.violations.slice(0, 50).map((v) => `  ${v.kind} ${v.subject}: ${v.detail}`),
    report.violations.length > 50 ? `  … and ${report.violations.length - 50} more` : '',
    `replay with: npm run simulate -- --seed ${report.seed} --payments ${report.payments}`,
  ];
  return lines.filter((l) => l !== '').join('\n') + '\n';
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
    onProgress: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(formatReport(report));
  if (values.json) writeFileSync(values.json, JSON.stringify(report, null, 2) + '\n');
  return report.violations.length > 0 || !report.quiescent ? 1 : 0;
}

if (require.main === module) {
  main()
    .then((code) => process.exit(code))
    .catch((error) => {
      process.stderr.write(`simulation crashed: ${error instanceof PrerequisiteMissingError ? error.message : error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(2);
    });
}
