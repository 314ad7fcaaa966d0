import type { CommandBus } from '@nestjs/cqrs';
import type { IngestFeedBatchService } from '@app/hr-feed';
import type { CommandMetadata, FixedClock } from '@app/shared-kernel';
import {
  planDemoCounty,
  type DemoPlan,
  type DemoPlanOptions,
  type DemoStep,
} from './demo-plan.js';
import {
  ENTERPRISE_COMMANDS,
  type EnterpriseCommandClasses,
} from './enterprise-commands.js';
import { incidentCommand } from './incident-commands.js';
import { planIncidents, type IncidentStep } from './incident-plan.js';

export interface LoadDemoCountyOptions extends DemoPlanOptions {
  /** Multiplies the accident and feed volumes outside the report windows (the scale option). */
  volume?: number;
  /** Which enterprise steps to run (all by default); a test of the accident story needs only registrations. */
  enterpriseSteps?: (step: DemoStep) => boolean;
  /** Called every `every` steps with how many are done. */
  onProgress?: (done: number, total: number) => void;
}

export interface DemoLoadResult {
  plan: DemoPlan;
  incidents: IncidentStep[];
  commands: number;
  feedBatches: number;
  lastGlobalPosition: number;
}

export type DemoTimelineEntry =
  { at: number; enterprise: DemoStep } | { at: number; incident: IncidentStep };

/** The enterprise steps and the incident steps in the order the bureau's system recorded them. */
export function demoTimeline(
  plan: DemoPlan,
  incidents: IncidentStep[],
): DemoTimelineEntry[] {
  const entries: DemoTimelineEntry[] = [
    ...plan.steps.map((enterprise) => ({
      at: Date.parse(enterprise.recordedAt),
      enterprise,
    })),
    ...incidents.map((incident) => ({ at: incident.recorded, incident })),
  ];
  // Stable: enterprise steps before incident steps of the same instant (a registration precedes what refers to it).
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.at - b.e.at || a.i - b.i)
    .map(({ e }) => e);
}

/**
 * Loads the demo county through the CommandBus and, for the HR feed, through the same batch
 * ingestion service as POST /hr-feed/batches, so every rule applies. Deterministic: the clock is
 * set to each step's recordedAt before it runs, the command carries its effectiveAt, a correlation
 * id derived from the seed and `eventIdSeed = demo:<seed>:<n>` (incidents: `demo:<seed>:incident:<key>`).
 */
export async function loadDemoCounty(
  commandBus: CommandBus,
  feed: IngestFeedBatchService,
  clock: FixedClock,
  options: LoadDemoCountyOptions,
): Promise<DemoLoadResult> {
  const plan = planDemoCounty(options);
  const incidents = planIncidents({
    seed: plan.seed,
    plan,
    volume: options.volume,
  });
  const keep = options.enterpriseSteps ?? (() => true);
  const timeline = demoTimeline(
    { ...plan, steps: plan.steps.filter(keep) },
    incidents,
  );
  let lastGlobalPosition = 0;
  let feedBatches = 0;
  for (const [k, entry] of timeline.entries()) {
    clock.set(new Date(entry.at));
    if ('enterprise' in entry) {
      const step = entry.enterprise;
      const meta: CommandMetadata = {
        actor: step.actor,
        correlationId: step.correlationId,
        causationId: null,
        effectiveAt: step.effectiveAt,
        eventIdSeed: `demo:${plan.seed}:${step.n}`,
      };
      try {
        const result = (await commandBus.execute(
          toCommand(ENTERPRISE_COMMANDS, step, meta),
        )) as { globalPosition?: number };
        lastGlobalPosition = Math.max(
          lastGlobalPosition,
          result?.globalPosition ?? 0,
        );
      } catch (error) {
        throw new Error(
          `demo step ${step.n} (${step.kind} ${step.uscc} at ${step.effectiveAt}) failed: ${(error as Error).message}`,
          { cause: error },
        );
      }
    } else {
      const step = entry.incident;
      const meta: CommandMetadata = {
        actor: step.actor,
        correlationId: `demo:${plan.seed}:${step.key}`,
        causationId: null,
        effectiveAt: step.effectiveAt,
        eventIdSeed: `demo:${plan.seed}:incident:${step.key}`,
      };
      try {
        if (step.kind === 'feed-batch') {
          const result = await feed.ingest(
            {
              feedWeek: step.feedWeek,
              records: step.records.map((value) => ({ value })),
              manifest: step.manifest,
            },
            meta,
          );
          lastGlobalPosition = Math.max(
            lastGlobalPosition,
            result.globalPosition,
          );
          feedBatches++;
        } else {
          const result = (await commandBus.execute(
            incidentCommand(step, meta),
          )) as { globalPosition?: number };
          lastGlobalPosition = Math.max(
            lastGlobalPosition,
            result?.globalPosition ?? 0,
          );
        }
      } catch (error) {
        throw new Error(
          `demo step ${step.key} (${step.kind} at ${step.effectiveAt}) failed: ${(error as Error).message}`,
          { cause: error },
        );
      }
    }
    if ((k + 1) % 1000 === 0) options.onProgress?.(k + 1, timeline.length);
  }
  options.onProgress?.(timeline.length, timeline.length);
  return {
    plan,
    incidents,
    commands: timeline.length - feedBatches,
    feedBatches,
    lastGlobalPosition,
  };
}

/** Builds the command the way the enterprises controller does for the same request. */
function toCommand(
  c: EnterpriseCommandClasses,
  step: DemoStep,
  meta: CommandMetadata,
) {
  switch (step.kind) {
    case 'register': {
      const {
        zoneId,
        name,
        township,
        industryCode,
        aboveDesignatedSize,
        headcount,
      } = step;
      return new c.RegisterEnterpriseCommand(
        {
          uscc: step.uscc,
          zoneId,
          name,
          township,
          industryCode,
          aboveDesignatedSize,
          headcount,
        },
        meta,
      );
    }
    case 'report-headcount':
      return new c.ReportHeadcountCommand(
        {
          uscc: step.uscc,
          period: step.period,
          headcount: step.headcount,
          hoursWorked: step.hoursWorked,
        },
        meta,
      );
    case 'enroll':
      return new c.EnrollInResponsibilityProgramCommand(
        { uscc: step.uscc, cohort: step.cohort },
        meta,
      );
    case 'assign-officer':
      return new c.AssignGuidanceOfficerCommand(
        { uscc: step.uscc, officerId: step.officerId },
        meta,
      );
    case 'guidance-visit':
      return new c.RecordGuidanceVisitCommand(
        {
          uscc: step.uscc,
          visitId: step.visitId,
          officerId: step.officerId,
          findings: step.findings,
          nextSteps: step.nextSteps,
        },
        meta,
      );
    case 'publish-lists':
      return new c.PublishPostResponsibilityListsCommand(
        {
          uscc: step.uscc,
          postsTotal: step.postsTotal,
          postsCovered: step.postsCovered,
          employeesCovered: step.employeesCovered,
        },
        meta,
      );
    case 'establish-component':
      return new c.EstablishSystemComponentCommand(
        {
          uscc: step.uscc,
          component: step.component,
          evidenceRef: step.evidenceRef,
        },
        meta,
      );
    case 'training':
      return new c.RecordTrainingCommand(
        {
          uscc: step.uscc,
          sessionId: step.sessionId,
          audience: step.audience,
          attendees: step.attendees,
          hours: step.hours,
          bookletsDistributed: step.bookletsDistributed,
        },
        meta,
      );
    case 'assessment': {
      const {
        period,
        postsAssessed,
        postsPassed,
        rewards,
        penalties,
        hazardsReportedByStaff,
      } = step;
      return new c.RecordPerformanceAssessmentCommand(
        {
          uscc: step.uscc,
          period,
          postsAssessed,
          postsPassed,
          rewards,
          penalties,
          hazardsReportedByStaff,
        },
        meta,
      );
    }
    case 'designate-model':
      return new c.DesignateModelEnterpriseCommand(
        { uscc: step.uscc, citation: step.citation },
        meta,
      );
    default: {
      const _exhaustive: never = step;
      throw new Error(`unknown demo step ${JSON.stringify(_exhaustive)}`);
    }
  }
}
