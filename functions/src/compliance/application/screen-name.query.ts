import { err, ok, Result } from '../../shared/result';
import { SanctionsIndex } from '../domain/sanctions-index';
import { SanctionsMatch, screenName } from '../domain/sanctions-matcher';
import { ScreenNameRequestSchema } from '../../contracts/compliance-api.v1';

/** Anything that can hand out the currently loaded index (the instance cache in production). */
export interface SanctionsIndexProvider {
  current(): Promise<SanctionsIndex>;
}

export interface ScreenNameResult {
  readonly matches: readonly SanctionsMatch[];
  /** Recorded with every decision so it can be replayed against the same list. */
  readonly listVersion: string;
}

export type ScreenNameError =
  | { readonly code: 'INVALID_SCREENING_REQUEST'; readonly issues: readonly { path: string; message: string }[] }
  | { readonly code: 'SANCTIONS_LIST_UNAVAILABLE'; readonly message: string };

/** Validates a screening request and screens the name against the loaded list. */
export class ScreenNameQuery {
  constructor(private readonly lists: SanctionsIndexProvider) {}

  async execute(input: unknown): Promise<Result<ScreenNameResult, ScreenNameError>> {
    const parsed = ScreenNameRequestSchema.safeParse(input);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      return err({ code: 'INVALID_SCREENING_REQUEST', issues });
    }
    let index: SanctionsIndex;
    try {
      index = await this.lists.current();
    } catch (cause) {
      // Without a list nothing can be cleared: callers must fail closed on this code.
      return err({ code: 'SANCTIONS_LIST_UNAVAILABLE', message: cause instanceof Error ? cause.message : String(cause) });
    }
    const matches = screenName(index, parsed.data.name, { type: parsed.data.type });
    return ok({ matches, listVersion: index.list.listVersion });
  }
}
