/** Rebuilds the read models from the log into fresh tables and compares them with the live ones. */
export interface ReadModelReplay {
  replay(): Promise<{
    identical: boolean;
    position: number;
    tables: string[];
    differences: string[];
  }>;
}

/** Provided by the composition root, which knows every projector (libs/composition). */
export const AUDIT_READ_MODEL_REPLAY = Symbol('AuditReadModelReplay');
