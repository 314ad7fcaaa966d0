import { describeSwapUnderReads } from '../support/rebuild-swap.scenario.js';

describeSwapUnderReads('embedded default, SQLite', () => ({}));
