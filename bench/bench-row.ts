/** One line of the `npm run bench` table; every bench returns a list of these. */
export interface BenchRow {
  metric: string;
  value: number;
  unit: string;
  target?: string;
  pass?: boolean;
  /** The bench that measured it (payments, fraud, sanctions, reconciliation, settlement); set by run-bench. */
  bench?: string;
}
