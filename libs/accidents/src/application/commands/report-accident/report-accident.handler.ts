import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  REFERENCE_DATA,
  assertValidUscc,
  normalizeUscc,
  resolveAccidentType,
  unknownAccidentTypeMessage,
  zoneExists,
  type ReferenceData,
} from '@app/reference-data';
import { AccidentError } from '../../../domain/accident.errors.js';
import { assertAccidentTypeStandard } from '../../../domain/accident-type-policy.js';
import {
  ACCIDENT_REPOSITORY,
  type AccidentRepository,
} from '../../accident.repository.js';
import {
  ACCIDENTS_ENTERPRISE_DIRECTORY,
  type EnterpriseDirectory,
} from '../../enterprise-directory.port.js';
import {
  ReportAccidentCommand,
  type ReportAccidentResult,
} from './report-accident.command.js';

/**
 * Zone rule: with a registered uscc the zone is the enterprise's (a different zoneId in the request
 * is a conflict); with an unregistered uscc or none, the request's zoneId is required and must exist.
 * The event's effectiveAt is the accident's occurredAt.
 */
@CommandHandler(ReportAccidentCommand)
export class ReportAccidentHandler implements ICommandHandler<ReportAccidentCommand> {
  constructor(
    @Inject(ACCIDENT_REPOSITORY) private readonly accidents: AccidentRepository,
    @Inject(ACCIDENTS_ENTERPRISE_DIRECTORY)
    private readonly enterprises: EnterpriseDirectory,
    @Inject(REFERENCE_DATA) private readonly referenceData: ReferenceData,
  ) {}

  async execute({
    props,
    meta,
  }: ReportAccidentCommand): Promise<ReportAccidentResult> {
    const accidentType = resolveAccidentType(
      this.referenceData,
      props.accidentType,
    );
    if (!accidentType) {
      throw new AccidentError(
        'ACCIDENT_TYPE_UNKNOWN',
        `Unknown accident type ${props.accidentType.standard} ${props.accidentType.code}`,
        [
          {
            path: 'accidentType.code',
            message: unknownAccidentTypeMessage(
              this.referenceData,
              props.accidentType,
            ),
          },
        ],
      );
    }
    if (!Number.isNaN(Date.parse(props.occurredAt))) {
      assertAccidentTypeStandard(
        accidentType,
        props.occurredAt,
        this.referenceData.gb64412025MandatoryFrom,
      );
    }

    let uscc: string | undefined;
    if (props.uscc) {
      assertValidUscc(props.uscc, 'uscc');
      uscc = normalizeUscc(props.uscc);
    }
    const zoneId = await this.zoneFor(uscc, props.zoneId);

    const accident = await this.accidents.load(
      props.accidentId,
      meta.expectedVersion,
    );
    if (!accident.isNew) {
      throw new AccidentError(
        'ACCIDENT_ALREADY_REPORTED',
        `Accident ${props.accidentId} is already reported`,
      );
    }
    accident.report({ ...props, uscc, zoneId, accidentType });
    const result = await this.accidents.save(props.accidentId, accident, {
      ...meta,
      effectiveAt: props.occurredAt,
    });
    return { ...result, accidentId: props.accidentId };
  }

  private async zoneFor(
    uscc: string | undefined,
    requested: string | undefined,
  ): Promise<string> {
    const enterpriseZone = uscc
      ? await this.enterprises.findZone(uscc)
      : undefined;
    if (enterpriseZone) {
      if (requested && requested !== enterpriseZone) {
        throw new AccidentError(
          'ACCIDENT_ZONE_MISMATCH',
          `Enterprise ${uscc} is in ${enterpriseZone}, not ${requested}`,
          [
            {
              path: 'zoneId',
              message: `the enterprise is in ${enterpriseZone}`,
            },
          ],
        );
      }
      return enterpriseZone;
    }
    if (!requested) {
      throw new AccidentError(
        'ACCIDENT_ZONE_REQUIRED',
        'zoneId is required when the enterprise is not registered or not given',
        [{ path: 'zoneId', message: 'is required' }],
      );
    }
    if (!zoneExists(this.referenceData, requested)) {
      throw new AccidentError(
        'ACCIDENT_ZONE_UNKNOWN',
        `Unknown zone ${requested}`,
        [{ path: 'zoneId', message: 'unknown zone' }],
      );
    }
    return requested;
  }
}
