import { ACCIDENT_FIGURES } from '@app/reporting';
import { CommandBus } from '@nestjs/cqrs';
import { IngestFeedBatchService } from '@app/hr-feed';
import {
  DEMO_DEFAULT_ENTERPRISES,
  DEMO_DEFAULT_SEED,
} from '../../apps/cli/src/demo/demo-plan.js';
import { loadDemoCounty } from '../../apps/cli/src/demo/load-demo-county.js';
import {
  PUBLISHED_ACCIDENT_REDUCTION,
  PUBLISHED_PERIOD,
} from '../support/calibration-history.js';
import { getCaughtUp } from '../support/caught-up.js';
import { apiAs, createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The demo county's accidents and HR feed tell the county's story: the accident-reduction report for
 * January–August 2024 gives the published Xiangxiang figures. Only the registrations of the
 * enterprise plan are loaded (the figures depend on who is registered, where and how big), with
 * every accident, feed batch and case step of the default county.
 */
describe('the demo county tells the Xiangxiang January–August 2024 story', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      WORKER_REF_SECRET: 'demo-county-test-secret-of-32-chars!',
    });
    await loadDemoCounty(
      t.app.get(CommandBus),
      t.app.get(IngestFeedBatchService),
      t.clock,
      {
        seed: DEMO_DEFAULT_SEED,
        enterprises: DEMO_DEFAULT_ENTERPRISES,
        enterpriseSteps: (step) => step.kind === 'register',
      },
    );
  }, 300_000);

  afterAll(async () => {
    await t.close();
  });

  it('gives 91→58, 77→45, 20→5, 27→17, 27→17 and 109→15, each explained by as many facts', async () => {
    const leader = apiAs(t, 'leader-1');
    const { body } = await getCaughtUp(
      t,
      `/metrics/accident-reduction?${PUBLISHED_PERIOD}`,
    );
    expect(
      ACCIDENT_FIGURES.map((f) => [f, body[f].previous, body[f].current]),
    ).toEqual(PUBLISHED_ACCIDENT_REDUCTION);
    for (const figure of ACCIDENT_FIGURES) {
      const facts = await leader
        .get(
          `/metrics/accident-reduction/facts?figure=${figure}&${PUBLISHED_PERIOD}&pageSize=200`,
        )
        .expect(200);
      const sum = facts.body.contributing.reduce(
        (s: number, l: { counts: number }) => s + l.counts,
        0,
      );
      expect({ figure, sum }).toEqual({ figure, sum: body[figure].current });
    }
  }, 300_000);
});
