import { routeOf } from '../../catalogue/function-catalogue';
import { authenticateStaff, type StaffContext } from '../../compliance/application/authenticate-staff.query';
import { bearerAuthenticator } from '../../platform/http/authenticator';
import { routeEndpoint } from '../../platform/http/route-endpoint';
import { ok } from '../../shared/result';
import { processorHealth } from '../application/processor-health.query';
import type { PaymentsModule } from '../payments.module';

/** GET /v1/processors/health (staff keys): each processor's answers, approvals, latency and state over the last 15 minutes, per mode. */
export const processorHealthHttp = (deps: () => PaymentsModule) =>
  routeEndpoint<StaffContext>(
    routeOf('processorHealth'),
    () => {
      const d = deps();
      return { log: d.log, projectId: d.projectId, authenticators: { staff_key: bearerAuthenticator('staff_key', (authorization) => authenticateStaff(d.staff, authorization)) } };
    },
    async () => {
      const d = deps();
      const { windowMs, health } = await processorHealth({ attempts: d.recentAttempts, nowMs: d.clock.nowMs() });
      const round = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 1000);
      return ok({
        object: 'list',
        window_seconds: windowMs / 1000,
        data: health.map((h) => ({
          processor: h.processor,
          livemode: h.livemode,
          state: h.state,
          attempts: h.attempts,
          authorized: h.authorized,
          declined: h.declined,
          not_reached: h.notReached,
          unknown: h.unknown,
          success_rate: round(h.successRate),
          approval_rate: round(h.approvalRate),
          latency_p50_ms: round(h.latencyP50Ms),
          latency_p95_ms: round(h.latencyP95Ms),
          failures_in_a_row: h.failuresInARow,
        })),
      });
    },
  );
