import { z } from 'zod';
import { PublishedSanctionsList } from '../application/sanctions-list.registry';
import { Proven, SameShape } from '../../platform/adapters/stored-document';

/** `sanctions_lists/current`: the version every instance should serve. */
export const PublishedSanctionsListDocument = z.object({
  version: z.string(),
  entries: z.number().int().nonnegative(),
  loadedAt: z.string(),
  source: z.string(),
}) satisfies z.ZodType<PublishedSanctionsList>;

export type PublishedSanctionsListDocumentMatchesDomain = Proven<SameShape<z.output<typeof PublishedSanctionsListDocument>, PublishedSanctionsList>>;
