import type { SimulationReport } from './simulation';

/** The run's summary as printed: operations, outcomes, faults by kind, violations, the fuzzer, and the seed to replay. */
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
    ...(report.fuzz
      ? [
          `fuzzer: ${report.fuzz.sent} malformed requests over ${report.fuzz.routes} routes, answers ${JSON.stringify(report.fuzz.byStatus)}`,
          `  not 4xx: ${report.fuzz.unexpected.length}; document counts changed: ${JSON.stringify(report.fuzz.countChanges)}; writes: ${JSON.stringify(report.fuzz.writes)}${Object.keys(report.fuzz.newDocuments ?? {}).length > 0 ? `; new: ${JSON.stringify(report.fuzz.newDocuments)}` : ""}`,
          ...groupUnexpected(report.fuzz.unexpected).slice(0, 40),
        ]
      : []),
    `replay with: npm run simulate -- --seed ${report.seed} --payments ${report.payments}`,
  ];
  return lines.filter((l) => l !== '').join('\n') + '\n';
}

/** Non-4xx answers grouped by status and request kind (repeats of one mutation count together). */
function groupUnexpected(unexpected: Array<{ label: string; status: number; body: string }>): string[] {
  const groups = new Map<string, { n: number; body: string }>();
  for (const u of unexpected) {
    const key = `${u.status} ${u.label.replace(/ \(again.*\)$/, '')}`;
    const group = groups.get(key) ?? { n: 0, body: u.body };
    group.n += 1;
    groups.set(key, group);
  }
  return [...groups.entries()].map(([key, g]) => `  ${key} ×${g.n}: ${g.body.slice(0, 140)}`);
}
