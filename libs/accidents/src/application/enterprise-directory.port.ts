/**
 * What the accidents context needs to know of the enterprise registry: the zone an enterprise is in.
 * Implemented outside this context (the lead wires an adapter over @app/enterprises).
 */
export interface EnterpriseDirectory {
  /** Zone id of the registered enterprise, undefined when the uscc is not registered. */
  findZone(uscc: string): Promise<string | undefined>;
}

export const ACCIDENTS_ENTERPRISE_DIRECTORY = Symbol(
  'accidents.EnterpriseDirectory',
);
