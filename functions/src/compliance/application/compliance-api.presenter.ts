import { z } from 'zod';
import { AuditEntryObject, CaseObject, ScreenNameResponse } from '../../contracts/compliance-api.v1';
import { toUnixSeconds } from '../../shared/clock';
import { AuditEntry } from '../domain/audit-entry';
import { ComplianceCase } from '../domain/compliance-case';
import type { ScreenNameResult } from './screen-name.query';

// The compliance domain as the API shows it (contracts/compliance-api.v1.ts): snake_case, seconds.

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

export const presentCase = (c: ComplianceCase): z.infer<typeof CaseObject> => ({
  id: c.id,
  object: 'case',
  kind: c.kind,
  status: c.status,
  priority: c.priority,
  subject: c.subject,
  merchant_id: c.merchantId,
  livemode: c.livemode,
  summary: c.summary,
  details: { ...c.details },
  assignee: c.assignee,
  notes: c.notes.map((n) => ({ created: toUnixSeconds(n.atMs), author: n.author, text: n.text })),
  resolution: c.resolution ? { outcome: c.resolution.outcome, reason: c.resolution.reason, by: c.resolution.by, proposed_by: c.resolution.proposedBy ?? null, created: toUnixSeconds(c.resolution.atMs) } : null,
  proposed_resolution: c.proposal ? { outcome: c.proposal.outcome, reason: c.proposal.reason, by: c.proposal.by, created: toUnixSeconds(c.proposal.atMs) } : null,
  created: toUnixSeconds(c.createdMs),
  updated: toUnixSeconds(c.updatedMs),
});

export const presentAuditEntry = (e: AuditEntry): z.infer<typeof AuditEntryObject> => ({
  id: e.id,
  object: 'audit_entry',
  at: e.at,
  actor: e.actor,
  action: e.action,
  subject: e.subject,
  reason: e.reason,
  details: { ...e.details },
});
