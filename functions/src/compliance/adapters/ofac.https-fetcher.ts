import { ExponentialBackoff, handleAll, retry, timeout, TimeoutStrategy, wrap } from 'cockatiel';
import { Agent, interceptors, request, type Dispatcher } from 'undici';
import { SanctionsFile, SanctionsListFetcher } from '../application/fetch-sanctions-list.command';

/** OFAC's legacy CSV downloads (the layout `ofac-csv.sanctions-source.ts` parses). */
export const OFAC_DOWNLOADS_URL = 'https://www.treasury.gov/ofac/downloads';
export const OFAC_FILES = ['sdn.csv', 'alt.csv', 'add.csv'] as const;

// Each file with a timeout and a few retries; redirects are followed (OFAC moves its download host).
export class OfacHttpsFetcher implements SanctionsListFetcher {
  private readonly policy;
  private readonly dispatcher: Dispatcher = new Agent().compose(interceptors.redirect({ maxRedirections: 3 }));

  constructor(
    private readonly baseUrl: string = OFAC_DOWNLOADS_URL,
    options: { timeoutMs?: number; attempts?: number } = {},
  ) {
    this.policy = wrap(
      retry(handleAll, { maxAttempts: options.attempts ?? 3, backoff: new ExponentialBackoff({ initialDelay: 500, maxDelay: 5_000 }) }),
      timeout(options.timeoutMs ?? 60_000, TimeoutStrategy.Aggressive),
    );
  }

  get sourceName(): string {
    return this.baseUrl;
  }

  fetch(): Promise<SanctionsFile[]> {
    return Promise.all(OFAC_FILES.map((name) => this.download(name)));
  }

  private download(name: string): Promise<SanctionsFile> {
    return this.policy.execute(async ({ signal }) => {
      const response = await request(`${this.baseUrl.replace(/\/$/, '')}/${name}`, { method: 'GET', signal, dispatcher: this.dispatcher });
      if (response.statusCode !== 200) {
        await response.body.dump();
        throw new Error(`${name}: the publisher answered ${response.statusCode}`);
      }
      return { name, bytes: Buffer.from(await response.body.arrayBuffer()) };
    });
  }
}
