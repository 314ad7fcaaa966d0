import { deterministicEventId } from '@app/shared-kernel';
import { Prng } from './prng.js';
import { generateUscc } from './uscc.js';
import {
  COMPANY_FORMS,
  INDUSTRIES,
  MODEL_BATCHES,
  TRADE_NAME_CHARS,
  VISIT_FINDINGS,
  VISIT_NEXT_STEPS,
  XIANGXIANG_DIVISION_CODE,
  ZONE_TOWNSHIPS,
} from './xiangxiang.js';

/**
 * The demo county as data: every enterprise and every command it goes through, in the order they
 * are executed, with the instants they happened (effectiveAt) and were recorded (recordedAt).
 * Pure: no I/O, no clock, no Math.random — the same options give the same plan.
 */
export interface DemoPlanOptions {
  seed: number;
  enterprises: number;
  /** Configured zone ids, in order (zone-1 … zone-4 by default); profiles repeat past four. */
  zoneIds?: readonly string[];
  /** Configured responsibility-system components (四制一规程). */
  componentIds?: readonly string[];
}

export const DEMO_DEFAULT_SEED = 20230901;
export const DEMO_DEFAULT_ENTERPRISES = 420;
export const DEMO_PILOT_COHORT_SIZE = 17;
export const DEMO_FIRST_MONTH = '2023-09';
export const DEMO_LAST_MONTH = '2025-08';
const DEFAULT_ZONES = ['zone-1', 'zone-2', 'zone-3', 'zone-4'];
const DEFAULT_COMPONENTS = [
  'post-responsibility',
  'assessment',
  'reward-penalty',
  'publicity',
  'operating-procedure',
];

export interface DemoEnterprise {
  index: number;
  uscc: string;
  name: string;
  zoneId: string;
  township: string;
  industryCode: string;
  aboveDesignatedSize: boolean;
  headcount: number;
  cohort: 'pilot' | 'rollout';
  enrolledAt: string;
  officerId: string;
  /** The model-designation batch date, when the enterprise becomes a model enterprise. */
  modelBatch: string | null;
}

export type DemoStepBody =
  | {
      kind: 'register';
      zoneId: string;
      name: string;
      township: string;
      industryCode: string;
      aboveDesignatedSize: boolean;
      headcount: number;
    }
  | {
      kind: 'report-headcount';
      period: string;
      headcount: number;
      hoursWorked: number | null;
    }
  | { kind: 'enroll'; cohort: 'pilot' | 'rollout' }
  | { kind: 'assign-officer'; officerId: string }
  | {
      kind: 'guidance-visit';
      visitId: string;
      officerId: string;
      findings: string;
      nextSteps: string;
    }
  | {
      kind: 'publish-lists';
      postsTotal: number;
      postsCovered: number;
      employeesCovered: number;
    }
  | { kind: 'establish-component'; component: string; evidenceRef: string }
  | {
      kind: 'training';
      sessionId: string;
      audience: 'principal' | 'manager' | 'employee';
      attendees: number;
      hours: number;
      bookletsDistributed: number;
    }
  | {
      kind: 'assessment';
      period: string;
      postsAssessed: number;
      postsPassed: number;
      rewards: number;
      penalties: number;
      hazardsReportedByStaff: number;
    }
  | { kind: 'designate-model'; citation: string };

export type DemoStep = DemoStepBody & {
  /** 1-based execution order; the event-id seed is `demo:<seed>:<n>`. */
  n: number;
  uscc: string;
  actor: string;
  correlationId: string;
  effectiveAt: string;
  recordedAt: string;
};

export interface DemoPlan {
  seed: number;
  enterprises: DemoEnterprise[];
  steps: DemoStep[];
}

// ---------------------------------------------------------------------------------------------
// Time, in milliseconds since the epoch; the county keeps China Standard Time (UTC+8).

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const CST = 8 * HOUR;
/** Nothing happens after the last day of the 24 months. */
const END = Date.UTC(2025, 7, 31, 24) - CST;

/** Midnight CST of a `YYYY-MM-DD` day. */
export const day = (date: string): number =>
  Date.parse(`${date}T00:00:00+08:00`);
/** The working day on or after `t` (Saturday and Sunday move to Monday), at midnight CST. */
function workday(t: number): number {
  const local = Math.floor((t + CST) / DAY) * DAY - CST;
  const weekday = new Date(local + CST).getUTCDay();
  return local + (weekday === 6 ? 2 * DAY : weekday === 0 ? DAY : 0);
}
/** An instant during office hours (08:30–17:30 CST) of the working day on or after `t`. */
export const duringOffice = (random: Prng, t: number): number =>
  workday(t) + 8.5 * HOUR + random.int(0, 9 * 60 - 1) * 60_000;
const monthOf = (t: number): string =>
  new Date(t + CST).toISOString().slice(0, 7);
/** `YYYY-MM` + k months. */
function addMonths(month: string, k: number): string {
  const [y, m] = month.split('-').map(Number);
  const total = y * 12 + (m - 1) + k;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}
const dayOfMonth = (month: string, d: number): number =>
  day(`${month}-${String(d).padStart(2, '0')}`);

// ---------------------------------------------------------------------------------------------
// Zone profiles: zone-1 adopts fastest, zone-4 lags (the zone competition needs a race to show).

interface ZoneProfile {
  share: number;
  /** Rollout enrolment waves (first working days of the wave). */
  waves: string[];
  listLagDays: [number, number];
  fullCoverageChance: number;
  componentChance: number;
  visits: [number, number];
  employeeSessions: [number, number];
  assessmentChance: number;
  assessEvery: 'quarter' | 'half';
  pilotWeight: number;
  modelWeight: number;
}

const ZONE_PROFILES: ZoneProfile[] = [
  {
    share: 0.27,
    waves: ['2024-01-08', '2024-02-26', '2024-03-18', '2024-04-15'],
    listLagDays: [15, 60],
    fullCoverageChance: 0.92,
    componentChance: 0.975,
    visits: [4, 7],
    employeeSessions: [2, 4],
    assessmentChance: 0.95,
    assessEvery: 'quarter',
    pilotWeight: 4,
    modelWeight: 2,
  },
  {
    share: 0.26,
    waves: ['2024-03-04', '2024-04-22', '2024-06-03', '2024-07-15'],
    listLagDays: [30, 90],
    fullCoverageChance: 0.8,
    componentChance: 0.93,
    visits: [3, 6],
    employeeSessions: [2, 3],
    assessmentChance: 0.85,
    assessEvery: 'quarter',
    pilotWeight: 3,
    modelWeight: 1,
  },
  {
    share: 0.24,
    waves: ['2024-05-06', '2024-06-24', '2024-08-19', '2024-10-14'],
    listLagDays: [45, 130],
    fullCoverageChance: 0.6,
    componentChance: 0.86,
    visits: [2, 5],
    employeeSessions: [1, 3],
    assessmentChance: 0.65,
    assessEvery: 'quarter',
    pilotWeight: 2,
    modelWeight: 0.4,
  },
  {
    share: 0.23,
    waves: ['2024-07-01', '2024-09-02', '2024-10-28', '2024-12-02'],
    listLagDays: [60, 190],
    fullCoverageChance: 0.35,
    componentChance: 0.76,
    visits: [2, 4],
    employeeSessions: [1, 2],
    assessmentChance: 0.4,
    assessEvery: 'half',
    pilotWeight: 1,
    modelWeight: 0.05,
  },
];

/** Splits n over weights by largest remainder, so the parts sum to n exactly. */
function apportion(n: number, weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (n * w) / total);
  const parts = exact.map(Math.floor);
  const order = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const remainder = n - parts.reduce((a, b) => a + b, 0);
  for (let k = 0; k < remainder; k++) parts[order[k][1]]++;
  return parts;
}

/** k distinct indices drawn with probability proportional to weight (Efraimidis–Spirakis). */
function weightedSample(random: Prng, weights: number[], k: number): number[] {
  return weights
    .map((w, i) => ({ i, key: w > 0 ? Math.pow(random.next(), 1 / w) : -1 }))
    .sort((a, b) => b.key - a.key || a.i - b.i)
    .slice(0, k)
    .filter((x) => x.key >= 0)
    .map((x) => x.i);
}

/** How many model enterprises a county of n has: about a dozen for the default 420. */
export const modelCountFor = (n: number): number =>
  Math.max(1, Math.round((n * 13) / 420));
export const pilotCountFor = (n: number): number =>
  Math.min(n, DEMO_PILOT_COHORT_SIZE);

// ---------------------------------------------------------------------------------------------

interface Draft {
  body: DemoStepBody;
  effective: number;
  /** Extra delay before the bureau records it (a training recorded a week late). */
  lag: number;
  actor: string;
}

export function planDemoCounty(options: DemoPlanOptions): DemoPlan {
  const { seed } = options;
  const n = options.enterprises;
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`enterprises must be a positive integer, got ${n}`);
  const county = drawCounty(
    new Prng(seed),
    n,
    options.zoneIds ?? DEFAULT_ZONES,
  );
  const componentIds = options.componentIds ?? DEFAULT_COMPONENTS;
  const taken = { usccs: new Set<string>(), names: new Set<string>() };
  const enterprises: DemoEnterprise[] = [];
  const drafts: Draft[][] = [];
  for (let i = 0; i < n; i++) {
    const { enterprise, steps } = planEnterprise(
      seed,
      county,
      componentIds,
      taken,
      i,
    );
    enterprises.push(enterprise);
    drafts.push(steps);
  }
  return { seed, enterprises, steps: schedule(seed, enterprises, drafts) };
}

/** The county-wide draws, by enterprise index: zone, industry, size class, pilot, late founding, model. */
interface County {
  zoneIds: readonly string[];
  zoneOf: number[];
  industryOf: (typeof INDUSTRIES)[number][];
  above: Set<number>;
  pilots: Set<number>;
  lateFounded: Set<number>;
  models: Set<number>;
}

const profileOf = (zone: number): ZoneProfile =>
  ZONE_PROFILES[zone % ZONE_PROFILES.length];

function drawCounty(
  random: Prng,
  n: number,
  zoneIds: readonly string[],
): County {
  const zoneCounts = apportion(
    n,
    zoneIds.map((_, z) => profileOf(z).share),
  );
  const zoneOf = random.shuffle(
    zoneCounts.flatMap((count, z) => Array.from({ length: count }, () => z)),
  );
  const industryOf = zoneOf.map(() => random.pick(INDUSTRIES));
  const aboveCount = Math.round(n / 3);
  const above = new Set(
    weightedSample(
      random,
      industryOf.map((ind, i) => ind.above + (zoneOf[i] === 0 ? 0.15 : 0)),
      aboveCount,
    ),
  );
  const pilotCandidates = [...above].sort((a, b) => a - b);
  const pilotCount = pilotCountFor(n);
  const pilots = new Set(
    pilotCandidates.length >= pilotCount
      ? weightedSample(
          random,
          pilotCandidates.map((i) => profileOf(zoneOf[i]).pilotWeight),
          pilotCount,
        ).map((k) => pilotCandidates[k])
      : weightedSample(
          random,
          zoneOf.map((z) => profileOf(z).pilotWeight),
          pilotCount,
        ),
  );
  const lateFounded = new Set(
    weightedSample(
      random,
      zoneOf.map((_, i) => (pilots.has(i) ? 0 : 1)),
      Math.round(n * 0.05),
    ),
  );
  const modelCount = Math.min(modelCountFor(n), n);
  const models = weightedSample(
    random,
    zoneOf.map(
      (z, i) =>
        (pilots.has(i) ? 40 : above.has(i) ? 3 : 1) *
        profileOf(z).modelWeight *
        (lateFounded.has(i) ? 0 : 1),
    ),
    modelCount,
  );
  return {
    zoneIds,
    zoneOf,
    industryOf,
    above,
    pilots,
    lateFounded,
    models: new Set(models),
  };
}

/**
 * One enterprise being planned: its own generator (derived from the seed and its index, so one
 * enterprise's draws never shift another's) and the steps so far. The generators below draw from
 * `r` in the order they are called, which is the plan's order: reorder them and the county changes.
 */
interface Planning {
  seed: number;
  index: number;
  r: Prng;
  zone: number;
  zoneId: string;
  profile: ZoneProfile;
  isAbove: boolean;
  isPilot: boolean;
  model: boolean;
  /** Pilots and future models move faster through every step. */
  fast: boolean;
  uscc: string;
  officerId: string;
  steps: Draft[];
}

function add(
  p: Planning,
  body: DemoStepBody,
  effective: number,
  actor = p.officerId,
  lag = 0,
): void {
  if (effective <= END) p.steps.push({ body, effective, lag, actor });
}

function planEnterprise(
  seed: number,
  county: County,
  componentIds: readonly string[],
  taken: { usccs: Set<string>; names: Set<string> },
  i: number,
): { enterprise: DemoEnterprise; steps: Draft[] } {
  const r = Prng.derive(seed, `enterprise-${i}`);
  const zone = county.zoneOf[i];
  const zoneId = county.zoneIds[zone];
  const industry = county.industryOf[i];
  const isAbove = county.above.has(i);
  const isPilot = county.pilots.has(i);
  const late = county.lateFounded.has(i);
  const model = county.models.has(i);

  let uscc: string;
  do uscc = generateUscc(r, XIANGXIANG_DIVISION_CODE, late || r.chance(0.55));
  while (taken.usccs.has(uscc));
  taken.usccs.add(uscc);
  let name: string;
  do
    name = `湘乡市${r.pick(TRADE_NAME_CHARS)}${r.pick(TRADE_NAME_CHARS)}${industry.word}${r.pick(COMPANY_FORMS)}`;
  while (taken.names.has(name));
  taken.names.add(name);
  const township = r.pick(ZONE_TOWNSHIPS[zone % ZONE_TOWNSHIPS.length]);
  const headcount = isAbove
    ? r.int(80, 260) + (r.chance(0.25) ? r.int(200, 900) : 0)
    : r.int(6, 75);
  const officerId = r.pick([1, 2, 3].map((k) => `officer-${zoneId}-0${k}`));
  const p: Planning = {
    seed,
    index: i,
    r,
    zone,
    zoneId,
    profile: profileOf(zone),
    isAbove,
    isPilot,
    model,
    fast: isPilot || model,
    uscc,
    officerId,
    steps: [],
  };

  // Registration: the county registry goes in at the start; a few enterprises are founded later.
  const registered = late
    ? duringOffice(r, day('2024-01-02') + r.int(0, 250) * DAY)
    : duringOffice(r, day('2023-09-01') + r.int(0, isPilot ? 1 : 6) * DAY);
  add(
    p,
    {
      kind: 'register',
      zoneId,
      name,
      township,
      industryCode: industry.code,
      aboveDesignatedSize: isAbove,
      headcount,
    },
    registered,
    'bureau-registry',
  );

  const size = planHeadcounts(p, registered, headcount);
  const enrolled = planEnrolment(p, registered);
  const batch = model ? modelBatchFor(r, isPilot, enrolled) : null;
  const deadline =
    batch === null ? Infinity : day(batch.date) - r.int(30, 60) * DAY;
  planGuidanceVisits(p, enrolled);
  const lists = planLists(p, enrolled, size, deadline);
  planComponents(p, componentIds, enrolled, deadline);
  planTraining(p, enrolled, size);
  planAssessments(p, lists, size, batch, deadline);

  const enterprise: DemoEnterprise = {
    index: i,
    uscc,
    name,
    zoneId,
    township,
    industryCode: industry.code,
    aboveDesignatedSize: isAbove,
    headcount,
    cohort: isPilot ? 'pilot' : 'rollout',
    enrolledAt: new Date(enrolled).toISOString(),
    officerId,
    modelBatch: batch?.date ?? null,
  };
  return { enterprise, steps: p.steps };
}

/** Headcounts: monthly above designated size, quarterly below, from the first full month. Returns the last. */
function planHeadcounts(
  p: Planning,
  registered: number,
  headcount: number,
): number {
  const { r } = p;
  let size = headcount;
  const firstMonth =
    new Date(registered + CST).getUTCDate() >= 20
      ? addMonths(monthOf(registered), 1)
      : monthOf(registered);
  for (
    let month = firstMonth;
    month <= DEMO_LAST_MONTH;
    month = addMonths(month, 1)
  ) {
    const quarterEnd = Number(month.slice(5)) % 3 === 0;
    if (!p.isAbove && !quarterEnd) continue;
    size = Math.max(3, Math.round(size * (1 + (r.next() - 0.47) * 0.04)));
    add(
      p,
      {
        kind: 'report-headcount',
        period: month,
        headcount: size,
        hoursWorked: p.isAbove ? size * r.int(166, 188) : null,
      },
      duringOffice(r, dayOfMonth(month, r.int(24, 27))),
    );
  }
  return size;
}

/** Enrolment: the pilot cohort in September 2023, the rest in their zone's waves through 2024; then an officer. */
function planEnrolment(p: Planning, registered: number): number {
  const { r } = p;
  const wave = p.isPilot
    ? day('2023-09-04') + r.int(0, 14) * DAY
    : day(r.pick(p.profile.waves)) + r.int(0, 4) * DAY;
  const enrolled = duringOffice(r, Math.max(wave, registered + 3 * DAY));
  add(p, { kind: 'enroll', cohort: p.isPilot ? 'pilot' : 'rollout' }, enrolled);
  add(
    p,
    { kind: 'assign-officer', officerId: p.officerId },
    duringOffice(r, enrolled + r.int(1, 4) * DAY),
    'bureau-admin',
  );
  return enrolled;
}

/** One-to-one guidance visits, every one to two months. */
function planGuidanceVisits(p: Planning, enrolled: number): void {
  const { r } = p;
  const visitCount = r.int(...p.profile.visits) + (p.fast ? 2 : 0);
  let visitAt = enrolled + r.int(5, 15) * DAY;
  for (let k = 0; k < visitCount; k++) {
    const progressed = k >= visitCount - 2 && (p.fast || r.chance(0.4));
    add(
      p,
      {
        kind: 'guidance-visit',
        visitId: deterministicEventId(`demo:${p.seed}:visit:${p.uscc}:${k}`),
        officerId: p.officerId,
        findings: progressed
          ? r.pick(VISIT_FINDINGS.slice(-2))
          : r.pick(VISIT_FINDINGS.slice(0, -2)),
        nextSteps: progressed
          ? VISIT_NEXT_STEPS[VISIT_NEXT_STEPS.length - 1]
          : r.pick(VISIT_NEXT_STEPS.slice(0, -1)),
      },
      duringOffice(r, visitAt),
    );
    visitAt += r.int(28, 65) * DAY;
  }
}

interface Lists {
  postsTotal: number;
  firstList: number;
  firstCovered: number;
  /** When every post is covered; Infinity if never. */
  fullListAt: number;
}

/** Post-responsibility lists: a first, partial publication, then (often) one covering every post. */
function planLists(
  p: Planning,
  enrolled: number,
  size: number,
  deadline: number,
): Lists {
  const { r } = p;
  const postsTotal = Math.max(3, Math.round(size / r.int(4, 9)));
  const lag = p.fast ? r.int(15, 45) : r.int(...p.profile.listLagDays);
  const firstList = duringOffice(r, Math.min(enrolled + lag * DAY, deadline));
  const full = p.model || r.chance(p.profile.fullCoverageChance);
  const firstCovered =
    full && r.chance(0.3)
      ? postsTotal
      : Math.max(1, Math.round(postsTotal * (0.5 + r.next() * 0.4)));
  add(
    p,
    {
      kind: 'publish-lists',
      postsTotal,
      postsCovered: firstCovered,
      employeesCovered: Math.round((size * firstCovered) / postsTotal),
    },
    firstList,
  );
  let fullListAt = firstCovered === postsTotal ? firstList : Infinity;
  if (full && firstCovered < postsTotal) {
    fullListAt = duringOffice(
      r,
      Math.max(
        firstList + DAY,
        Math.min(firstList + r.int(30, 120) * DAY, deadline),
      ),
    );
    add(
      p,
      {
        kind: 'publish-lists',
        postsTotal,
        postsCovered: postsTotal,
        employeesCovered: size,
      },
      fullListAt,
    );
  }
  return { postsTotal, firstList, firstCovered, fullListAt };
}

/** The responsibility system's components (四制一规程), the first one soonest. */
function planComponents(
  p: Planning,
  componentIds: readonly string[],
  enrolled: number,
  deadline: number,
): void {
  const { r, profile } = p;
  componentIds.forEach((component, k) => {
    if (
      !p.model &&
      !(k === 0
        ? r.chance(Math.min(1, profile.componentChance + 0.05))
        : r.chance(profile.componentChance))
    )
      return;
    const at =
      enrolled +
      (k === 0 ? r.int(10, 40) : r.int(20, p.fast ? 150 : 260)) * DAY;
    add(
      p,
      {
        kind: 'establish-component',
        component,
        evidenceRef: `xxyjj/${p.uscc}/${component}-v1.pdf`,
      },
      duringOffice(r, Math.max(enrolled + DAY, Math.min(at, deadline))),
    );
  });
}

/** Training: the principal, the managers, then the employees in sessions; booklets handed out. */
function planTraining(p: Planning, enrolled: number, size: number): void {
  const { r } = p;
  const session = (
    audience: 'principal' | 'manager' | 'employee',
    attendees: number,
    hours: number,
    at: number,
    k: number,
  ) =>
    add(
      p,
      {
        kind: 'training',
        sessionId: deterministicEventId(
          `demo:${p.seed}:training:${p.uscc}:${audience}:${k}`,
        ),
        audience,
        attendees,
        hours,
        bookletsDistributed:
          audience === 'employee' ? attendees + r.int(0, 5) : attendees,
      },
      duringOffice(r, at),
      p.officerId,
      r.chance(0.1) ? r.int(3, 9) * DAY : 0,
    );
  session(
    'principal',
    r.int(1, 3),
    r.pick([4, 8]),
    enrolled + r.int(7, 30) * DAY,
    0,
  );
  const managers = Math.max(1, Math.round(size * (0.06 + r.next() * 0.08)));
  session(
    'manager',
    managers,
    r.pick([4, 6, 8]),
    enrolled + r.int(20, 60) * DAY,
    0,
  );
  const employeeSessions =
    r.int(...p.profile.employeeSessions) + (p.fast ? 1 : 0);
  let trainingAt = enrolled + r.int(40, 90) * DAY;
  for (let k = 0; k < employeeSessions; k++) {
    session(
      'employee',
      Math.max(
        1,
        Math.round(
          (size * (0.55 + r.next() * 0.4)) / Math.min(employeeSessions, 2),
        ),
      ),
      r.pick([2, 3, 4]),
      trainingAt,
      k,
    );
    trainingAt += r.int(60, 150) * DAY;
  }
}

/**
 * Post safety performance assessments, each period a few weeks after it closes; a future model
 * enterprise is assessed before its batch at the latest, then designated.
 */
function planAssessments(
  p: Planning,
  lists: Lists,
  size: number,
  batch: (typeof MODEL_BATCHES)[number] | null,
  deadline: number,
): void {
  const { r } = p;
  const assesses = p.fast || r.chance(p.profile.assessmentChance);
  const every = p.fast ? 'quarter' : p.profile.assessEvery;
  let assessedBeforeBatch = false;
  if (assesses) {
    for (const { period, closes } of periodsAfter(
      lists.firstList + 20 * DAY,
      every,
    )) {
      const at = duringOffice(r, closes + r.int(5, 20) * DAY);
      const covered =
        at > lists.fullListAt ? lists.postsTotal : lists.firstCovered;
      const passed = Math.round(covered * (0.75 + r.next() * 0.25));
      add(
        p,
        {
          kind: 'assessment',
          period,
          postsAssessed: covered,
          postsPassed: passed,
          rewards: r.int(0, Math.ceil(covered * 0.25)),
          penalties: r.int(0, Math.ceil((covered - passed) * 0.6)),
          hazardsReportedByStaff: r.int(
            0,
            Math.max(1, Math.round(size * 0.08)),
          ),
        },
        at,
      );
      if (batch !== null && at < day(batch.date)) assessedBeforeBatch = true;
    }
  }
  if (batch !== null) {
    if (!assessedBeforeBatch) {
      const at = duringOffice(r, deadline + 5 * DAY);
      add(
        p,
        {
          kind: 'assessment',
          period: monthOf(at - 20 * DAY),
          postsAssessed: lists.postsTotal,
          postsPassed: lists.postsTotal - r.int(0, 1),
          rewards: r.int(1, 4),
          penalties: 0,
          hazardsReportedByStaff: r.int(1, 6),
        },
        at,
      );
    }
    add(
      p,
      { kind: 'designate-model', citation: batch.citation },
      day(batch.date) + 10 * HOUR + p.index * 60_000,
      'bureau-director',
    );
  }
}

function modelBatchFor(
  random: Prng,
  pilot: boolean,
  enrolled: number,
): (typeof MODEL_BATCHES)[number] {
  if (pilot) return MODEL_BATCHES[random.chance(0.6) ? 0 : 1];
  return enrolled < day('2024-05-01') && random.chance(0.5)
    ? MODEL_BATCHES[1]
    : MODEL_BATCHES[2];
}

/** Assessment periods (YYYY-Qn or YYYY-Hn) that close after `from`, with the instant they close. */
function* periodsAfter(
  from: number,
  every: 'quarter' | 'half',
): Generator<{ period: string; closes: number }> {
  const step = every === 'quarter' ? 3 : 6;
  for (let year = 2023; year <= 2025; year++) {
    for (let k = 1; k <= 12 / step; k++) {
      const closes = day(
        `${addMonths(`${year}-${String(k * step).padStart(2, '0')}`, 1)}-01`,
      );
      if (closes - step * 30 * DAY < from - 30 * DAY || closes <= from)
        continue;
      yield {
        period: `${year}-${every === 'quarter' ? 'Q' : 'H'}${k}`,
        closes,
      };
    }
  }
}

/** Order within one instant: what must come first for the rules. */
const KIND_ORDER: DemoStepBody['kind'][] = [
  'register',
  'report-headcount',
  'enroll',
  'assign-officer',
  'guidance-visit',
  'publish-lists',
  'establish-component',
  'training',
  'assessment',
  'designate-model',
];

/**
 * Puts every enterprise's steps in the order they happened, gives each a recording instant a few
 * hours later (strictly increasing per enterprise), then merges the county into one sequence by
 * recording instant: the order the bureau's system saw them.
 */
function schedule(
  seed: number,
  enterprises: DemoEnterprise[],
  drafts: Draft[][],
): DemoStep[] {
  const all: Array<
    Omit<DemoStep, 'n' | 'correlationId'> & {
      recorded: number;
      index: number;
      seq: number;
    }
  > = [];
  drafts.forEach((steps, index) => {
    const r = Prng.derive(seed, `recording-${index}`);
    const ordered = steps
      .map((step, k) => ({ step, k }))
      .sort(
        (a, b) =>
          a.step.effective - b.step.effective ||
          KIND_ORDER.indexOf(a.step.body.kind) -
            KIND_ORDER.indexOf(b.step.body.kind) ||
          a.k - b.k,
      );
    let previous = -Infinity;
    ordered.forEach(({ step }, seq) => {
      const recorded = Math.max(
        step.effective + step.lag + r.int(60, 360) * 60_000,
        previous + 60_000,
      );
      previous = recorded;
      all.push({
        ...step.body,
        uscc: enterprises[index].uscc,
        actor: step.actor,
        effectiveAt: new Date(step.effective).toISOString(),
        recordedAt: new Date(recorded).toISOString(),
        recorded,
        index,
        seq,
      });
    });
  });
  all.sort(
    (a, b) => a.recorded - b.recorded || a.index - b.index || a.seq - b.seq,
  );
  return all.map(
    ({ recorded: _r, index: _i, seq: _s, ...step }, k) =>
      ({
        ...step,
        n: k + 1,
        correlationId: deterministicEventId(
          `demo:${seed}:correlation:${k + 1}`,
        ),
      }) as DemoStep,
  );
}
