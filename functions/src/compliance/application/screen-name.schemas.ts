import { z } from 'zod';
import type { ScreenNameResult } from './screen-name.query';

// HTTP shapes for POST /v1/sanctions/screen. They live here until the shared contracts
// package takes them over; the wire format is snake_case, the domain camelCase.

export const ScreenNameRequestSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1)
      .max(300)
      .regex(/[\p{L}\p{N}]/u, 'name must contain at least one letter or digit'),
    type: z.enum(['individual', 'entity']).optional(),
  })
  .strict();
export type ScreenNameRequest = z.infer<typeof ScreenNameRequestSchema>;

export const SanctionsMatchBodySchema = z.object({
  list: z.string(),
  entity_id: z.number().int(),
  name: z.string(),
  matched_name: z.string(),
  score: z.number().min(0).max(1),
  strength: z.enum(['strong', 'weak']),
});

export const ScreenNameResponseSchema = z.object({
  matches: z.array(SanctionsMatchBodySchema),
  /** The list version the decision was made against, for the audit trail. */
  list_version: z.string(),
});
export type ScreenNameResponse = z.infer<typeof ScreenNameResponseSchema>;

export function toScreenNameResponse(result: ScreenNameResult): ScreenNameResponse {
  return {
    matches: result.matches.map((m) => ({
      list: m.list,
      entity_id: m.entityId,
      name: m.name,
      matched_name: m.matchedName,
      score: m.score,
      strength: m.strength,
    })),
    list_version: result.listVersion,
  };
}
