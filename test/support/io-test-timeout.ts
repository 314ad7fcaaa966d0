import { jest } from '@jest/globals';

// Jest 30's runner reads `testTimeout` from the global config only; a project's own value is ignored, so the
// io projects of jest.config.js set their 60 s here (hooks included).
jest.setTimeout(60_000);
