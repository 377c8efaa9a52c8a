import { z } from 'zod';
import { routeOf } from '../../catalogue/function-catalogue';
import { ApiError, apiError, notFound } from '../../shared/api-error';
import { err, ok, Result } from '../../shared/result';
import { actOnCase, CaseAction, CaseActionError } from '../application/case-actions.command';
import { releaseSanctionsHold } from '../application/release-sanctions-hold.command';
import { AddCaseNoteRequest, AssignCaseRequest, ListCasesQuery, ResolveCaseRequest } from '../../contracts/compliance-api.v1';
import { presentCase } from '../application/compliance-api.presenter';
import { ComplianceCase } from '../domain/compliance-case';
import type { ComplianceModule } from '../compliance.module';
import { staffFunction } from './staff-api.handler';

// Four eyes: the same person approving their own proposal is a conflict (409); an analyst approving is not allowed (403).
const toApiError = (error: CaseActionError): ApiError => {
  switch (error.code) {
    case 'case_not_found':
      return notFound('case', error.message.slice(15, -1));
    case 'four_eyes_required':
      return apiError(409, 'invalid_request_error', error.code, error.message);
    case 'supervisor_required':
      return apiError(403, 'permission_error', error.code, error.message);
    case 'case_already_resolved':
      return apiError(400, 'invalid_request_error', error.code, error.message);
  }
};

const present = (result: Result<ComplianceCase, CaseActionError>) => (result.ok ? ok(presentCase(result.value)) : err(toApiError(result.error)));

export const listCasesHttp = (deps: () => ComplianceModule) => staffFunction(routeOf('listCases'), deps, async ({ input, deps }) => {
  const query = input as z.infer<typeof ListCasesQuery>;
  const page = await deps.store.listCases({ status: query.status, limit: query.limit, startingAfter: query.starting_after });
  return ok({ object: 'list', data: page.data.map(presentCase), has_more: page.hasMore });
});

export const getCaseHttp = (deps: () => ComplianceModule) => staffFunction(routeOf('getCase'), deps, async ({ params, deps }) => {
  const found = await deps.store.getCase(params.id);
  return found ? ok(presentCase(found)) : err(notFound('case', params.id));
});

const caseAction = (entryPoint: string, toAction: (input: unknown) => CaseAction) => (deps: () => ComplianceModule) =>
  staffFunction(routeOf(entryPoint), deps, async ({ staff, params, input, deps }) => present(await actOnCase(deps, staff, params.id, toAction(input))));

export const assignCaseHttp = caseAction('assignCase', (input) => ({ kind: 'assign', assignee: (input as z.infer<typeof AssignCaseRequest>).assignee }));
export const addCaseNoteHttp = caseAction('addCaseNote', (input) => ({ kind: 'note', note: (input as z.infer<typeof AddCaseNoteRequest>).note }));
// Resolving a sanctions case about a held payment releases it (cleared) or fails it (reported), after
// the case commits. Crash in between: the case is resolved and the payment still held (see README).
export const resolveCaseHttp = (deps: () => ComplianceModule) => staffFunction(routeOf('resolveCase'), deps, async ({ staff, params, input, deps }) => {
  const body = input as z.infer<typeof ResolveCaseRequest>;
  const resolved = await actOnCase(deps, staff, params.id, { kind: 'resolve', resolution: body.resolution, reason: body.reason });
  if (resolved.ok) await releaseSanctionsHold({ payments: deps.payments, clock: deps.clock, gates: deps.gates }, resolved.value);
  return present(resolved);
});
