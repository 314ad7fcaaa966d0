import { CommandRequestDto } from '@app/api-conventions';

/** POST /injury-cases/:claimId/rectification/verification — `{}`; the verifying officer is the acting user. */
export class VerifyRectificationRequestDto extends CommandRequestDto {}
