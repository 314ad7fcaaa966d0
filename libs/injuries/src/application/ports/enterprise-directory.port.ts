/**
 * What the injuries context needs of the enterprise registry: the zone a uscc is registered in.
 * Implemented outside this context (the lead wires an adapter over @app/enterprises).
 */
export interface EnterpriseDirectory {
  /** Zone id of the registered enterprise, undefined when the uscc is not registered. */
  findZone(uscc: string): Promise<string | undefined>;
}

export const INJURIES_ENTERPRISE_DIRECTORY = Symbol(
  'injuries.EnterpriseDirectory',
);
