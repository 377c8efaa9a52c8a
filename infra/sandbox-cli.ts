// What every sandbox's CLI (infra/sandbox-*/main.ts) shares: option parsing, the one JSON line that
// says it is ready (scripts wait for it and read the URL), and a clean stop on SIGINT/SIGTERM.

export function integerOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`--${name} must be a non-negative integer, got ${value}`);
  return parsed;
}

export function modeOption(value: string | undefined): 'test' | 'live' | undefined {
  if (value === undefined || value === 'test' || value === 'live') return value;
  throw new Error(`--mode must be test or live, got ${value}`);
}

/** Starts the service, prints its ready line, closes it on SIGINT/SIGTERM; any failure is one line on stderr and exit 1. */
export function serveSandbox<S extends { close(): Promise<void> }>(name: string, start: () => Promise<S>, ready: (service: S) => Record<string, unknown>): void {
  const fail = (error: unknown): never => {
    process.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  };
  start().then((service) => {
    process.stdout.write(`${JSON.stringify({ service: name, status: 'ready', ...ready(service) })}\n`);
    let stopping = false;
    const stop = (): void => {
      if (stopping) return;
      stopping = true;
      service.close().then(
        () => process.exit(0),
        (error: unknown) => fail(`close failed: ${String(error)}`),
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  }, fail);
}
