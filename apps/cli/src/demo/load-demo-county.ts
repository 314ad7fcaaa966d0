import type { CommandBus } from '@nestjs/cqrs';
import type { CommandMetadata } from '@app/event-store';
import type { FixedClock } from '@app/shared-kernel';
import { planDemoCounty, type DemoPlan, type DemoPlanOptions, type DemoStep } from './demo-plan.js';
import { ENTERPRISE_COMMANDS, type EnterpriseCommandClasses } from './enterprise-commands.js';

export interface LoadDemoCountyOptions extends DemoPlanOptions {
  /** Called every `every` steps with how many are done. */
  onProgress?: (done: number, total: number) => void;
}

export interface DemoLoadResult {
  plan: DemoPlan;
  commands: number;
  lastGlobalPosition: number;
}

/**
 * Loads the demo county through the CommandBus, so every rule of the Enterprise aggregate applies.
 * Deterministic: the clock is set to each step's recordedAt before it runs, the command carries its
 * effectiveAt, a correlation id derived from the seed and `eventIdSeed = demo:<seed>:<n>`.
 */
export async function loadDemoCounty(commandBus: CommandBus, clock: FixedClock, options: LoadDemoCountyOptions): Promise<DemoLoadResult> {
  const plan = planDemoCounty(options);
  let lastGlobalPosition = 0;
  for (const step of plan.steps) {
    clock.set(step.recordedAt);
    const meta: CommandMetadata = {
      actor: step.actor,
      correlationId: step.correlationId,
      causationId: null,
      effectiveAt: step.effectiveAt,
      eventIdSeed: `demo:${plan.seed}:${step.n}`,
    };
    try {
      const result = (await commandBus.execute(toCommand(ENTERPRISE_COMMANDS, step, meta))) as { globalPosition?: number };
      lastGlobalPosition = Math.max(lastGlobalPosition, result?.globalPosition ?? 0);
    } catch (error) {
      throw new Error(`demo step ${step.n} (${step.kind} ${step.uscc} at ${step.effectiveAt}) failed: ${(error as Error).message}`, { cause: error });
    }
    if (step.n % 1000 === 0) options.onProgress?.(step.n, plan.steps.length);
  }
  options.onProgress?.(plan.steps.length, plan.steps.length);
  return { plan, commands: plan.steps.length, lastGlobalPosition };
}

/** Builds the command the way the enterprises controller does for the same request. */
function toCommand(c: EnterpriseCommandClasses, step: DemoStep, meta: CommandMetadata) {
  switch (step.kind) {
    case 'register': {
      const { zoneId, name, township, industryCode, aboveDesignatedSize, headcount } = step;
      return new c.RegisterEnterpriseCommand({ uscc: step.uscc, zoneId, name, township, industryCode, aboveDesignatedSize, headcount }, meta);
    }
    case 'report-headcount':
      return new c.ReportHeadcountCommand(step.uscc, step.period, step.headcount, step.hoursWorked, meta);
    case 'enroll':
      return new c.EnrollInResponsibilityProgramCommand(step.uscc, step.cohort, meta);
    case 'assign-officer':
      return new c.AssignGuidanceOfficerCommand(step.uscc, step.officerId, meta);
    case 'guidance-visit':
      return new c.RecordGuidanceVisitCommand(
        step.uscc,
        { visitId: step.visitId, officerId: step.officerId, findings: step.findings, nextSteps: step.nextSteps },
        meta,
      );
    case 'publish-lists':
      return new c.PublishPostResponsibilityListsCommand(
        step.uscc,
        { postsTotal: step.postsTotal, postsCovered: step.postsCovered, employeesCovered: step.employeesCovered },
        meta,
      );
    case 'establish-component':
      return new c.EstablishSystemComponentCommand(step.uscc, step.component, step.evidenceRef, meta);
    case 'training':
      return new c.RecordTrainingCommand(
        step.uscc,
        { sessionId: step.sessionId, audience: step.audience, attendees: step.attendees, hours: step.hours, bookletsDistributed: step.bookletsDistributed },
        meta,
      );
    case 'assessment': {
      const { period, postsAssessed, postsPassed, rewards, penalties, hazardsReportedByStaff } = step;
      return new c.RecordPerformanceAssessmentCommand(step.uscc, { period, postsAssessed, postsPassed, rewards, penalties, hazardsReportedByStaff }, meta);
    }
    case 'designate-model':
      return new c.DesignateModelEnterpriseCommand(step.uscc, step.citation, meta);
    default: {
      const _exhaustive: never = step;
      throw new Error(`unknown demo step ${JSON.stringify(_exhaustive)}`);
    }
  }
}
