/**
 * Test helpers shared by every context, imported as @app/shared-kernel/testing from spec files only
 * (enforced by .dependency-cruiser.cjs). Not part of @app/shared-kernel: it uses Jest's globals.
 */
export * from './given-when-then.js';
