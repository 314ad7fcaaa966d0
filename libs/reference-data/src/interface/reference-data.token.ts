/** Nest injection token of the ReferenceData in force. */
export const REFERENCE_DATA = Symbol('ReferenceData');
