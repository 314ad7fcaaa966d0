/** Where the access guard learns the zone of what a request names (implemented by libs/composition). */
export interface AccessZoneDirectory {
  zoneOfEnterprise(uscc: string): Promise<string | undefined>;
  zoneOfInjuryCase(claimId: string): Promise<string | undefined>;
  zoneOfAccident(accidentId: string): Promise<string | undefined>;
}

export const ACCESS_ZONE_DIRECTORY = Symbol('AccessZoneDirectory');
