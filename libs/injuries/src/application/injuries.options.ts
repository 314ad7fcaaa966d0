import type { FollowUpPolicy } from '../domain/follow-up-policy.js';

/** Configuration of the injuries context, provided by the app from validated environment variables. */
export interface InjuriesOptions {
  /** HMAC key of worker pseudonyms (e.g. WORKER_PSEUDONYM_SECRET); never logged. */
  workerPseudonymSecret: string;
  /** Overrides the follow-up policy of the reference data. */
  followUp?: FollowUpPolicy;
}

export const INJURIES_OPTIONS = Symbol('injuries.Options');
