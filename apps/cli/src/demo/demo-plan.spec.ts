import { isValidIndustryCode, validateUscc } from '@app/reference-data';
import {
  DEMO_DEFAULT_ENTERPRISES,
  DEMO_DEFAULT_SEED,
  planDemoCounty,
  type DemoPlan,
  type DemoStep,
} from './demo-plan.js';
import { Prng } from './prng.js';
import { ZONE_TOWNSHIPS } from './xiangxiang.js';

const COMPONENTS = [
  'post-responsibility',
  'assessment',
  'reward-penalty',
  'publicity',
  'operating-procedure',
];
const cst = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3_600_000).toISOString();
const zoneIndex = (zoneId: string) => Number(zoneId.slice(-1)) - 1;

describe('the demo county plan (default seed, 420 enterprises)', () => {
  let plan: DemoPlan;
  const stepsOf = (uscc: string) => plan.steps.filter((s) => s.uscc === uscc);
  const share = (zoneId: string, predicate: (uscc: string) => boolean) => {
    const inZone = plan.enterprises.filter((e) => e.zoneId === zoneId);
    return inZone.filter((e) => predicate(e.uscc)).length / inZone.length;
  };

  beforeAll(() => {
    plan = planDemoCounty({
      seed: DEMO_DEFAULT_SEED,
      enterprises: DEMO_DEFAULT_ENTERPRISES,
    });
  });

  it('spreads 420 enterprises over the four zones, with townships of the zone', () => {
    expect(plan.enterprises).toHaveLength(420);
    for (const zoneId of ['zone-1', 'zone-2', 'zone-3', 'zone-4']) {
      const inZone = plan.enterprises.filter((e) => e.zoneId === zoneId);
      expect(inZone.length).toBeGreaterThanOrEqual(84);
      expect(inZone.length).toBeLessThanOrEqual(126);
      expect(
        inZone.every((e) =>
          ZONE_TOWNSHIPS[zoneIndex(zoneId)].includes(e.township),
        ),
      ).toBe(true);
    }
  });

  it('gives every enterprise a valid, unique USCC of Xiangxiang, a GB/T 4754 code and a unique Chinese name', () => {
    const usccs = plan.enterprises.map((e) => e.uscc);
    expect(new Set(usccs).size).toBe(420);
    expect(
      usccs.every((u) => validateUscc(u).valid && u.startsWith('91430381')),
    ).toBe(true);
    expect(
      plan.enterprises.every((e) => isValidIndustryCode(e.industryCode)),
    ).toBe(true);
    expect(new Set(plan.enterprises.map((e) => e.name)).size).toBe(420);
    expect(
      plan.enterprises.every((e) =>
        /^湘乡市[\u4e00-\u9fff]+公司$/.test(e.name),
      ),
    ).toBe(true);
  });

  it('has about a third above designated size', () => {
    const above = plan.enterprises.filter((e) => e.aboveDesignatedSize).length;
    expect(above / 420).toBeGreaterThan(0.3);
    expect(above / 420).toBeLessThan(0.37);
  });

  it('enrols exactly 17 pilots in September 2023 and everyone else in 2024', () => {
    const enrolments = plan.steps.filter(
      (s): s is Extract<DemoStep, { kind: 'enroll' }> => s.kind === 'enroll',
    );
    expect(enrolments).toHaveLength(420);
    const pilots = enrolments.filter((s) => s.cohort === 'pilot');
    expect(pilots).toHaveLength(17);
    expect(pilots.every((s) => cst(s.effectiveAt).startsWith('2023-09'))).toBe(
      true,
    );
    expect(
      enrolments
        .filter((s) => s.cohort === 'rollout')
        .every((s) => cst(s.effectiveAt).startsWith('2024')),
    ).toBe(true);
  });

  it('designates about a dozen model enterprises, each only after the designation rules are met', () => {
    const designations = plan.steps.filter((s) => s.kind === 'designate-model');
    expect(designations.length).toBeGreaterThanOrEqual(12);
    expect(designations.length).toBeLessThanOrEqual(15);
    for (const designation of designations) {
      const before = stepsOf(designation.uscc).filter(
        (s) => s.n < designation.n,
      );
      const components = new Set(
        before.flatMap((s) =>
          s.kind === 'establish-component' ? [s.component] : [],
        ),
      );
      expect([...components].sort()).toEqual([...COMPONENTS].sort());
      const lists = before.filter(
        (s): s is Extract<DemoStep, { kind: 'publish-lists' }> =>
          s.kind === 'publish-lists',
      );
      expect(lists.at(-1)).toEqual(
        expect.objectContaining({ postsCovered: lists.at(-1)!.postsTotal }),
      );
      expect(before.some((s) => s.kind === 'assessment')).toBe(true);
    }
  });

  it('lets zone-1 adopt fastest and zone-4 lag', () => {
    const enrolledAt = (zoneId: string) =>
      plan.enterprises
        .filter((e) => e.zoneId === zoneId && e.cohort === 'rollout')
        .map((e) => e.enrolledAt)
        .sort()[0];
    expect(enrolledAt('zone-1') < enrolledAt('zone-4')).toBe(true);
    const allComponents = (uscc: string) =>
      stepsOf(uscc).filter((s) => s.kind === 'establish-component').length ===
      COMPONENTS.length;
    const assessed = (uscc: string) =>
      stepsOf(uscc).some((s) => s.kind === 'assessment');
    expect(share('zone-1', allComponents)).toBeGreaterThan(
      share('zone-4', allComponents) + 0.3,
    );
    expect(share('zone-1', assessed)).toBeGreaterThan(
      share('zone-4', assessed) + 0.3,
    );
  });

  it('covers 24 months, 2023-09 to 2025-08, with every kind of record', () => {
    const periods = plan.steps
      .flatMap((s) => (s.kind === 'report-headcount' ? [s.period] : []))
      .sort();
    expect(periods[0]).toBe('2023-09');
    expect(periods.at(-1)).toBe('2025-08');
    expect(new Set(periods).size).toBe(24);
    for (const step of plan.steps) {
      expect(
        cst(step.effectiveAt) >= '2023-09-01' &&
          cst(step.effectiveAt) < '2025-09-01',
      ).toBe(true);
      expect(step.recordedAt >= step.effectiveAt).toBe(true);
    }
    const kinds = new Set(plan.steps.map((s) => s.kind));
    expect([...kinds].sort()).toEqual([
      'assessment',
      'assign-officer',
      'designate-model',
      'enroll',
      'establish-component',
      'guidance-visit',
      'publish-lists',
      'register',
      'report-headcount',
      'training',
    ]);
    const audiences = new Set(
      plan.steps.flatMap((s) => (s.kind === 'training' ? [s.audience] : [])),
    );
    expect([...audiences].sort()).toEqual(['employee', 'manager', 'principal']);
  });

  it('orders the county by recording instant and each enterprise by what must come first', () => {
    expect(plan.steps.map((s) => s.n)).toEqual(plan.steps.map((_, k) => k + 1));
    for (let k = 1; k < plan.steps.length; k++)
      expect(plan.steps[k].recordedAt >= plan.steps[k - 1].recordedAt).toBe(
        true,
      );
    for (const enterprise of plan.enterprises) {
      const steps = stepsOf(enterprise.uscc);
      expect(steps[0].kind).toBe('register');
      const enrolled = steps.findIndex((s) => s.kind === 'enroll');
      const needsEnrolment = steps.findIndex(
        (s) => !['register', 'report-headcount', 'enroll'].includes(s.kind),
      );
      expect(needsEnrolment).toBeGreaterThan(enrolled);
    }
  });

  it('is the same plan for the same seed and another for another seed', () => {
    expect(
      planDemoCounty({ seed: DEMO_DEFAULT_SEED, enterprises: 420 }),
    ).toEqual(plan);
    expect(
      planDemoCounty({ seed: 7, enterprises: 420 }).enterprises[0].uscc,
    ).not.toBe(plan.enterprises[0].uscc);
  });
});

describe('demo building blocks', () => {
  it('draws the same sequence from the same seed', () => {
    const draws = (seed: number) =>
      Array.from(
        { length: 5 },
        (
          (r) => () =>
            r.int(0, 1000)
        )(new Prng(seed)),
      );
    expect(draws(42)).toEqual(draws(42));
    expect(draws(42)).not.toEqual(draws(43));
  });
});
