import { describeReadModelVersions } from '../support/read-model-versions.scenario.js';

describeReadModelVersions('embedded default, SQLite', () => ({}));
