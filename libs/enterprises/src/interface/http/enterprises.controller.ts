import { randomUUID } from 'node:crypto';
import {
  Body,
  Delete,
  Get,
  Inject,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOperation } from '@nestjs/swagger';
import {
  AsRecordedAtRequestDto,
  CommandController,
  CommandEndpoint,
  CommandMeta,
  ReadModels,
} from '@app/api-conventions';
import type { CommandMetadata, CommandResult } from '@app/shared-kernel';
import { normalizeUscc } from '@app/reference-data';
import { AssignGuidanceOfficerCommand } from '../../application/commands/assign-guidance-officer/assign-guidance-officer.command.js';
import { DesignateModelEnterpriseCommand } from '../../application/commands/designate-model-enterprise/designate-model-enterprise.command.js';
import { EnrollInResponsibilityProgramCommand } from '../../application/commands/enroll-in-responsibility-program/enroll-in-responsibility-program.command.js';
import { EstablishSystemComponentCommand } from '../../application/commands/establish-system-component/establish-system-component.command.js';
import { PublishPostResponsibilityListsCommand } from '../../application/commands/publish-post-responsibility-lists/publish-post-responsibility-lists.command.js';
import { ReassignZoneCommand } from '../../application/commands/reassign-zone/reassign-zone.command.js';
import { RecordGuidanceVisitCommand } from '../../application/commands/record-guidance-visit/record-guidance-visit.command.js';
import { RecordPerformanceAssessmentCommand } from '../../application/commands/record-performance-assessment/record-performance-assessment.command.js';
import { RecordTrainingCommand } from '../../application/commands/record-training/record-training.command.js';
import { RegisterEnterpriseCommand } from '../../application/commands/register-enterprise/register-enterprise.command.js';
import { ReportHeadcountCommand } from '../../application/commands/report-headcount/report-headcount.command.js';
import { RevokeModelDesignationCommand } from '../../application/commands/revoke-model-designation/revoke-model-designation.command.js';
import { UpdateEnterpriseProfileCommand } from '../../application/commands/update-enterprise-profile/update-enterprise-profile.command.js';
import { EnterpriseHistoryQuery } from '../../application/queries/enterprise-history.query.js';
import { EnterpriseErrors } from '../../domain/enterprise.errors.js';
import {
  ENTERPRISE_AS_RECORDED_READ_MODEL,
  ENTERPRISE_READ_MODEL,
  type EnterpriseAsRecordedReadModel,
  type EnterprisePage,
  type EnterpriseReadModel,
  type EnterpriseView,
} from '../../application/ports/enterprise-read-model.port.js';
import { AssignGuidanceOfficerRequestDto } from './assign-guidance-officer.request.dto.js';
import { DesignateModelEnterpriseRequestDto } from './designate-model-enterprise.request.dto.js';
import { EnrollInResponsibilityProgramRequestDto } from './enroll-in-responsibility-program.request.dto.js';
import { EstablishSystemComponentRequestDto } from './establish-system-component.request.dto.js';
import { ListEnterprisesRequestDto } from './list-enterprises.request.dto.js';
import { PublishPostResponsibilityListsRequestDto } from './publish-post-responsibility-lists.request.dto.js';
import { ReassignZoneRequestDto } from './reassign-zone.request.dto.js';
import { RecordGuidanceVisitRequestDto } from './record-guidance-visit.request.dto.js';
import { RecordPerformanceAssessmentRequestDto } from './record-performance-assessment.request.dto.js';
import { RecordTrainingRequestDto } from './record-training.request.dto.js';
import { RegisterEnterpriseRequestDto } from './register-enterprise.request.dto.js';
import { ReportHeadcountRequestDto } from './report-headcount.request.dto.js';
import { RevokeModelDesignationRequestDto } from './revoke-model-designation.request.dto.js';
import { UpdateEnterpriseProfileRequestDto } from './update-enterprise-profile.request.dto.js';

/** Officer and admin endpoints of docs/http-api.md "Enterprises" (the app adds /api/v1). */
@CommandController('enterprises', 'enterprise-view')
export class EnterprisesController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(ENTERPRISE_READ_MODEL)
    private readonly queries: EnterpriseReadModel,
    private readonly historyQuery: EnterpriseHistoryQuery,
    @Inject(ENTERPRISE_AS_RECORDED_READ_MODEL)
    private readonly asRecorded: EnterpriseAsRecordedReadModel,
  ) {}

  @Post()
  @CommandEndpoint({
    summary: 'Register an enterprise',
    answers: 'Registered; the answer carries the uscc',
    conflict: 'ENTERPRISE_ALREADY_REGISTERED',
    ifMatch: false,
  })
  register(
    @CommandMeta() meta: CommandMetadata,
    @Body() body: RegisterEnterpriseRequestDto,
  ): Promise<CommandResult & { uscc: string }> {
    const { effectiveAt: _e, ...input } = body;
    return this.commandBus.execute(new RegisterEnterpriseCommand(input, meta));
  }

  @Get()
  @ApiOperation({ summary: 'List enterprises (filters: zone, stage, text)' })
  list(@Query() query: ListEnterprisesRequestDto): Promise<EnterprisePage> {
    return this.queries.list(query);
  }

  @Get(':uscc')
  @ApiOperation({
    summary:
      'The enterprise view (profile, zone, stage, components, coverage, trainings, assessments, review flags)',
  })
  @ApiNotFoundResponse({ description: 'ENTERPRISE_NOT_FOUND' })
  async getOne(
    @Param('uscc') uscc: string,
    @Query() query: AsRecordedAtRequestDto,
  ): Promise<EnterpriseView> {
    const view =
      query.asRecordedAt === undefined
        ? await this.queries.getOne(uscc)
        : await this.asRecorded.getOne(uscc, query.asRecordedAt);
    if (view === null) throw EnterpriseErrors.notFound(normalizeUscc(uscc));
    return view;
  }

  @ReadModels() // the enterprise's stream, read from the log
  @Get(':uscc/history')
  @ApiOperation({ summary: "The enterprise's events, in stream order" })
  @ApiNotFoundResponse({ description: 'ENTERPRISE_NOT_FOUND' })
  history(@Param('uscc') uscc: string) {
    return this.historyQuery.history(uscc);
  }

  @Patch(':uscc')
  @CommandEndpoint({
    summary:
      'Change profile fields (name, township, industry code, size, headcount)',
    status: 200,
  })
  updateProfile(
    @CommandMeta() meta: CommandMetadata,
    @Param('uscc') uscc: string,
    @Body() body: UpdateEnterpriseProfileRequestDto,
  ): Promise<CommandResult> {
    const { effectiveAt: _e, ...changes } = body;
    return this.commandBus.execute(
      new UpdateEnterpriseProfileCommand(
        { uscc: normalizeUscc(uscc), changes },
        meta,
      ),
    );
  }

  @Post(':uscc/zone-reassignments')
  @CommandEndpoint({
    summary: 'Reassign the enterprise to another zone from effectiveAt',
  })
  reassignZone(
    @CommandMeta() meta: CommandMetadata,
    @Param('uscc') uscc: string,
    @Body() body: ReassignZoneRequestDto,
  ): Promise<CommandResult> {
    return this.commandBus.execute(
      new ReassignZoneCommand(
        {
          uscc: normalizeUscc(uscc),
          toZoneId: body.toZoneId,
          reason: body.reason,
        },
        meta,
      ),
    );
  }

  @Post(':uscc/headcounts')
  @CommandEndpoint({
    summary: 'Report the headcount of a month',
  })
  reportHeadcount(
    @CommandMeta() meta: CommandMetadata,
    @Param('uscc') uscc: string,
    @Body() body: ReportHeadcountRequestDto,
  ): Promise<CommandResult> {
    return this.commandBus.execute(
      new ReportHeadcountCommand(
        {
          uscc: normalizeUscc(uscc),
          period: body.period,
          headcount: body.headcount,
          hoursWorked: body.hoursWorked ?? null,
        },
        meta,
      ),
    );
  }

  @Post(':uscc/enrolment')
  @CommandEndpoint({
    summary: 'Enrol in the responsibility programme (once)',
    conflict: 'ENTERPRISE_ALREADY_ENROLLED',
  })
  enroll(
    @CommandMeta() meta: CommandMetadata,
    @Param('uscc') uscc: string,
    @Body() body: EnrollInResponsibilityProgramRequestDto,
  ): Promise<CommandResult> {
    return this.commandBus.execute(
      new EnrollInResponsibilityProgramCommand(
        { uscc: normalizeUscc(uscc), cohort: body.cohort },
        meta,
      ),
    );
  }

  @Post(':uscc/guidance-officer')
  @CommandEndpoint({
    summary: 'Assign the guidance officer',
    conflict: 'ENTERPRISE_NOT_ENROLLED',
  })
  assignGuidanceOfficer(
    @CommandMeta() meta: CommandMetadata,
    @Param('uscc') uscc: string,
    @Body() body: AssignGuidanceOfficerRequestDto,
  ): Promise<CommandResult> {
    return this.commandBus.execute(
      new AssignGuidanceOfficerCommand(
        { uscc: normalizeUscc(uscc), officerId: body.officerId },
        meta,
      ),
    );
  }

  @Post(':uscc/guidance-visits')
  @CommandEndpoint({
    summary: 'Record a one-to-one guidance visit; answers its visitId',
    conflict: 'ENTERPRISE_NOT_ENROLLED',
  })
  recordGuidanceVisit(
    @CommandMeta() meta: CommandMetadata,
    @Param('uscc') uscc: string,
    @Body() body: RecordGuidanceVisitRequestDto,
  ): Promise<CommandResult & { visitId: string }> {
    return this.commandBus.execute(
      new RecordGuidanceVisitCommand(
        {
          uscc: normalizeUscc(uscc),
          visitId: body.visitId ?? randomUUID(),
          officerId: body.officerId,
          findings: body.findings,
          nextSteps: body.nextSteps,
        },
        meta,
      ),
    );
  }

  @Post(':uscc/responsibility-lists')
  @CommandEndpoint({
    summary:
      'Publish the post-responsibility lists (the latest publication counts)',
  })
  publishLists(
    @CommandMeta() meta: CommandMetadata,
    @Param('uscc') uscc: string,
    @Body() body: PublishPostResponsibilityListsRequestDto,
  ): Promise<CommandResult> {
    const { effectiveAt: _e, ...lists } = body;
    return this.commandBus.execute(
      new PublishPostResponsibilityListsCommand(
        { uscc: normalizeUscc(uscc), ...lists },
        meta,
      ),
    );
  }

  @Post(':uscc/components/:component')
  @CommandEndpoint({
    summary:
      'Record a responsibility-system component (四制一规程) as established',
    notFound: 'COMPONENT_UNKNOWN',
    conflict: 'COMPONENT_ALREADY_ESTABLISHED, ENTERPRISE_NOT_ENROLLED',
  })
  establishComponent(
    @CommandMeta() meta: CommandMetadata,
    @Param('uscc') uscc: string,
    @Param('component') component: string,
    @Body() body: EstablishSystemComponentRequestDto,
  ): Promise<CommandResult> {
    return this.commandBus.execute(
      new EstablishSystemComponentCommand(
        { uscc: normalizeUscc(uscc), component, evidenceRef: body.evidenceRef },
        meta,
      ),
    );
  }

  @Post(':uscc/trainings')
  @CommandEndpoint({
    summary: 'Record a training session; answers its sessionId',
  })
  recordTraining(
    @CommandMeta() meta: CommandMetadata,
    @Param('uscc') uscc: string,
    @Body() body: RecordTrainingRequestDto,
  ): Promise<CommandResult & { sessionId: string }> {
    return this.commandBus.execute(
      new RecordTrainingCommand(
        {
          uscc: normalizeUscc(uscc),
          sessionId: body.sessionId ?? randomUUID(),
          audience: body.audience,
          attendees: body.attendees,
          hours: body.hours,
          bookletsDistributed: body.bookletsDistributed,
        },
        meta,
      ),
    );
  }

  @Post(':uscc/assessments')
  @CommandEndpoint({
    summary: 'Record a post safety performance assessment (岗位安全绩效考核)',
  })
  recordAssessment(
    @CommandMeta() meta: CommandMetadata,
    @Param('uscc') uscc: string,
    @Body() body: RecordPerformanceAssessmentRequestDto,
  ): Promise<CommandResult> {
    const { effectiveAt: _e, ...assessment } = body;
    return this.commandBus.execute(
      new RecordPerformanceAssessmentCommand(
        { uscc: normalizeUscc(uscc), ...assessment },
        meta,
      ),
    );
  }

  @Post(':uscc/model-designation')
  @CommandEndpoint({
    summary: 'Designate a model enterprise (样板企业)',
    conflict:
      'MODEL_DESIGNATION_PREREQUISITES_UNMET (errors list what is missing)',
  })
  designateModel(
    @CommandMeta() meta: CommandMetadata,
    @Param('uscc') uscc: string,
    @Body() body: DesignateModelEnterpriseRequestDto,
  ): Promise<CommandResult> {
    return this.commandBus.execute(
      new DesignateModelEnterpriseCommand(
        { uscc: normalizeUscc(uscc), citation: body.citation },
        meta,
      ),
    );
  }

  @Delete(':uscc/model-designation')
  @CommandEndpoint({
    summary: 'Revoke the model designation',
    status: 200,
    conflict: 'MODEL_NOT_DESIGNATED',
  })
  revokeModel(
    @CommandMeta() meta: CommandMetadata,
    @Param('uscc') uscc: string,
    @Body() body: RevokeModelDesignationRequestDto,
  ): Promise<CommandResult> {
    return this.commandBus.execute(
      new RevokeModelDesignationCommand(
        { uscc: normalizeUscc(uscc), reason: body.reason },
        meta,
      ),
    );
  }
}
