import { createTestApp } from '../support/test-app.js';
import { describeReadModelRebuild } from '../support/read-model-rebuild.scenario.js';

describeReadModelRebuild('SQLite', () => createTestApp());
