import {
  AssignGuidanceOfficerCommand,
  DesignateModelEnterpriseCommand,
  EnrollInResponsibilityProgramCommand,
  EstablishSystemComponentCommand,
  PublishPostResponsibilityListsCommand,
  RecordGuidanceVisitCommand,
  RecordPerformanceAssessmentCommand,
  RecordTrainingCommand,
  RegisterEnterpriseCommand,
  ReportHeadcountCommand,
} from '@app/enterprises';

/** The Enterprise commands the demo loader sends through the CommandBus. */
export const ENTERPRISE_COMMANDS = {
  RegisterEnterpriseCommand,
  ReportHeadcountCommand,
  EnrollInResponsibilityProgramCommand,
  AssignGuidanceOfficerCommand,
  RecordGuidanceVisitCommand,
  PublishPostResponsibilityListsCommand,
  EstablishSystemComponentCommand,
  RecordTrainingCommand,
  RecordPerformanceAssessmentCommand,
  DesignateModelEnterpriseCommand,
};

export type EnterpriseCommandClasses = typeof ENTERPRISE_COMMANDS;
