import { residentIdCheckChar } from '@app/injuries';
import {
  deterministicEventId,
  isoWeekDates,
  isoWeekOf,
  plusDays,
  shanghaiDate,
} from '@app/shared-kernel';
import {
  DAY,
  day,
  HOUR,
  type DemoEnterprise,
  type DemoPlan,
} from './demo-plan.js';
import { Prng } from './prng.js';
import { generateUscc } from './uscc.js';
import { XIANGXIANG_DIVISION_CODE } from './xiangxiang.js';

/**
 * The county's accidents and work injuries as data (pure, deterministic): the production-safety
 * accidents the bureau records, the HR bureau's weekly feed from January 2023 (declarations,
 * corrections, withdrawals, a few bad records, manifests), and what officers do with each case —
 * follow-up visit with cause analysis, rectification, verification, closure.
 *
 * The story (docs/metrics.md §1): January–August 2024 against January–August 2023 gives the
 * Xiangxiang figures 91→58 accidents, 77→45 deaths, 20→5 injured, 27→17 above-scale work-injury
 * accidents at 27→17 enterprises, 109→15 medical-treatment claims. Everything else the plan adds in
 * those months (commuting injuries, withdrawn or below-size declarations, accidents just outside
 * the period in Asia/Shanghai) is of a kind the definitions leave out.
 */
export interface IncidentPlanOptions {
  seed: number;
  plan: DemoPlan;
  /** Multiplies every volume outside the two report windows (the scale option). */
  volume?: number;
}

export type IncidentStepBody =
  | {
      kind: 'report-accident';
      accidentId: string;
      uscc?: string;
      zoneId?: string;
      occurredAt: string;
      accidentType: { standard: string; code: string };
      deaths: number;
      seriousInjuries: number;
      minorInjuries: number;
      directLossYuan: number;
      description: string;
    }
  | {
      kind: 'revise-casualties';
      accidentId: string;
      deaths: number;
      seriousInjuries: number;
      minorInjuries: number;
      reason: string;
    }
  | {
      kind: 'feed-batch';
      feedWeek: string;
      records: Record<string, unknown>[];
      manifest: { expectedCount: number; claimIds: string[] };
    }
  | {
      kind: 'follow-up-visit';
      claimId: string;
      officerId: string;
      causeAnalysis: {
        accidentType: { standard: string; code: string };
        directCauses: string[];
        rootCauses: ('unsafe-act' | 'unsafe-condition' | 'management-defect')[];
        narrative: string;
      };
      recommendations: string[];
    }
  | {
      kind: 'order-rectification';
      claimId: string;
      items: { description: string; dueBy: string }[];
    }
  | {
      kind: 'complete-rectification-item';
      claimId: string;
      itemId: string;
      evidenceRef: string;
    }
  | { kind: 'verify-rectification'; claimId: string; officerId: string }
  | { kind: 'close-case'; claimId: string; reason?: string };

export type IncidentStep = IncidentStepBody & {
  actor: string;
  effectiveAt: string;
  recordedAt: string;
  recorded: number;
  key: string;
};

/** The two windows of the published report, and their targets. */
export const REPORT_WINDOWS = [
  {
    year: 2023,
    from: '2023-01-01',
    to: '2023-08-31',
    accidents: 91,
    deaths: 77,
    injured: 20,
    incidents: 27,
    multiWorker: [3, 2, 3, 2, 2, 3],
    claims: 109,
  },
  {
    year: 2024,
    from: '2024-01-01',
    to: '2024-08-31',
    accidents: 58,
    deaths: 45,
    injured: 5,
    incidents: 17,
    multiWorker: [2, 2],
    claims: 15,
  },
] as const;

const FEED_FIRST_DAY = '2023-01-02';
const LAST_DAY = '2025-08-31';
/** Accidents per month outside the windows: 2023 H2, then 2024 H2 – 2025 (fewer as the system takes hold). */
const ACCIDENTS_PER_MONTH = { '2023': 8, '2024': 6, '2025': 5 } as const;

const TYPES_86: readonly [string, string][] = [
  ['01', '物体打击'],
  ['03', '机械伤害'],
  ['04', '起重伤害'],
  ['05', '触电'],
  ['07', '灼烫'],
  ['09', '高处坠落'],
  ['10', '坍塌'],
  ['19', '中毒和窒息'],
  ['02', '车辆伤害'],
  ['20', '其他伤害'],
];
const DIRECT_CAUSES: Record<string, string[]> = {
  '01': ['物料堆放不稳坠落', '未戴安全帽进入作业区'],
  '03': ['设备防护罩缺失', '检修时未断电挂牌'],
  '04': ['吊索具磨损未报废', '吊装区未设警戒'],
  '05': ['临时用电未装漏电保护', '带电作业无监护'],
  '07': ['高温物料飞溅', '未穿隔热防护服'],
  '09': ['临边无防护栏杆', '未系安全带'],
  '10': ['基坑未放坡支护', '堆料超高'],
  '19': ['有限空间未检测先进入', '通风设备停用'],
  '02': ['厂内叉车超速', '无证驾驶叉车'],
  '20': ['作业通道湿滑', '工具使用不当'],
};
const OCCUPATIONS = [
  '操作工',
  '装卸工',
  '电焊工',
  '维修电工',
  '叉车司机',
  '砌筑工',
  '包装工',
  '仓管员',
];
const BODY_PARTS = ['手部', '足部', '头部', '腰背部', '上肢', '下肢', '眼部'];
const RECTIFY = [
  '补设防护装置并验收',
  '修订岗位安全操作规程并培训',
  '更换老化设备部件',
  '设置警示标识和隔离',
  '开展岗位应急演练',
];

interface Declaration {
  claimId: string;
  uscc: string;
  injured: number;
  declared: string;
  nature: string;
  mtc: boolean;
  severity: 'minor' | 'serious' | 'fatal';
  code: string;
  incidentRef?: string;
  determination: 'recognised' | 'pending';
  withdrawAfterDays?: number;
  correction?: { afterDays: number; changes: Record<string, unknown> };
  officerId?: string;
  zone: number;
}

const iso = (t: number) => new Date(t).toISOString();
const cst = (t: number) => {
  const s = new Date(t + 8 * HOUR).toISOString();
  return `${s.slice(0, 19)}+08:00`;
};

export function planIncidents(options: IncidentPlanOptions): IncidentStep[] {
  const { seed, plan } = options;
  // A smaller county has proportionally fewer accidents and injuries besides the report's own.
  const volume =
    (options.volume ?? 1) * Math.min(1, plan.enterprises.length / 420);
  const zoneIds = [...new Set(plan.enterprises.map((e) => e.zoneId))].sort();
  const registeredAt = new Map<string, number>();
  for (const step of plan.steps)
    if (step.kind === 'register')
      registeredAt.set(step.uscc, Date.parse(step.recordedAt));
  // Enterprises on the registry from its first days: the only ones whose injuries before registration are counted.
  const early = (e: DemoEnterprise) =>
    (registeredAt.get(e.uscc) ?? Infinity) < day('2023-10-01');
  const aboveEarly = plan.enterprises.filter(
    (e) => e.aboveDesignatedSize && early(e),
  );
  const below = plan.enterprises.filter(
    (e) => !e.aboveDesignatedSize && early(e),
  );
  const ghostRandom = Prng.derive(seed, 'unregistered-employers');
  const ghosts = Array.from({ length: 6 }, () =>
    generateUscc(ghostRandom, XIANGXIANG_DIVISION_CODE, true),
  );
  const zoneIndex = (e: DemoEnterprise) =>
    Math.max(0, zoneIds.indexOf(e.zoneId));
  if (aboveEarly.length === 0 || below.length === 0) return [];

  const steps: IncidentStep[] = [];
  const push = (
    body: IncidentStepBody,
    effective: number,
    recorded: number,
    actor: string,
    key: string,
  ) =>
    steps.push({
      ...body,
      actor,
      effectiveAt: iso(effective),
      recordedAt: iso(recorded),
      recorded,
      key,
    });

  // ------------------------------------------------------------------------------------------
  // Accidents (生产安全事故) recorded by the bureau.
  let accidentSerial = 0;
  const accident = (
    occurred: number,
    deaths: number,
    injured: number,
    revise: boolean,
  ) => {
    const r = Prng.derive(seed, `accident-${accidentSerial}`);
    const accidentId = `XX-AQ-${shanghaiDate(occurred).slice(0, 4)}-${String(++accidentSerial).padStart(4, '0')}`;
    const zone = r.pick([0, 1, 1, 2, 2, 3, 3, 3]) % zoneIds.length;
    const candidates = plan.enterprises.filter(
      (e) =>
        zoneIndex(e) === zone &&
        (registeredAt.get(e.uscc) ?? Infinity) < occurred,
    );
    const enterprise =
      candidates.length > 0 && r.chance(0.4) ? r.pick(candidates) : undefined;
    const [code, name] = r.pick(TYPES_86);
    const serious = injured > 0 ? r.int(0, injured) : 0;
    const reported = {
      deaths,
      seriousInjuries: serious,
      minorInjuries: injured - serious,
    };
    // A death within 30 days: first reported as a serious injury, then revised.
    const initial =
      revise && deaths > 0
        ? {
            deaths: deaths - 1,
            seriousInjuries: serious + 1,
            minorInjuries: injured - serious,
          }
        : reported;
    const recorded = occurred + r.int(2, 30) * HOUR;
    push(
      {
        kind: 'report-accident',
        accidentId,
        // With a uscc the handler takes the enterprise's zone; without, the officer names it.
        ...(enterprise ? { uscc: enterprise.uscc } : { zoneId: zoneIds[zone] }),
        occurredAt: cst(occurred),
        accidentType: { standard: 'GB6441-86', code },
        ...initial,
        directLossYuan: r.int(20, 400) * 1000 + deaths * 800_000,
        description: `${name}事故：${r.pick(DIRECT_CAUSES[code])}`,
      },
      occurred,
      recorded,
      `officer-${zoneIds[zone]}-01`,
      accidentId,
    );
    if (initial !== reported) {
      const at = recorded + r.int(5, 25) * DAY;
      push(
        {
          kind: 'revise-casualties',
          accidentId,
          ...reported,
          reason: '伤者经抢救无效于30日内死亡',
        },
        at,
        at + HOUR,
        `officer-${zoneIds[zone]}-01`,
        `${accidentId}:revision`,
      );
    }
  };
  /** n instants spread over [from, to] (Shanghai dates), at working hours. */
  const spread = (r: Prng, from: string, to: string, n: number) => {
    const span = (day(to) - day(from)) / DAY;
    return Array.from(
      { length: n },
      () =>
        day(from) +
        r.int(0, span) * DAY +
        r.int(7, 18) * HOUR +
        r.int(0, 59) * 60_000,
    ).sort((a, b) => a - b);
  };
  /** Splits total over n as whole numbers, most 1 (or 0) and a few more. */
  const split = (r: Prng, total: number, n: number, share: number) => {
    const parts = new Array<number>(n).fill(0);
    const carriers = r
      .shuffle([...Array(n).keys()])
      .slice(0, Math.min(n, Math.round(total * share)));
    let left = total;
    for (const i of carriers) {
      if (left > 0) {
        parts[i]++;
        left--;
      }
    }
    while (left > 0) {
      parts[r.pick(carriers.length > 0 ? carriers : [0])]++;
      left--;
    }
    return parts;
  };
  for (const w of REPORT_WINDOWS) {
    const r = Prng.derive(seed, `accidents-${w.year}`);
    const when = spread(r, w.from, w.to, w.accidents);
    // Just after midnight in Shanghai on the first day (the day before in UTC): it counts.
    when[0] = day(w.from) + 20 * 60_000;
    const deaths = split(r, w.deaths, w.accidents, 0.86);
    const injured = split(r, w.injured, w.accidents, 0.8);
    when.forEach((t, i) =>
      accident(t, deaths[i], injured[i], deaths[i] > 0 && r.chance(0.1)),
    );
    // Half an hour after the period ends in Shanghai (still inside it in UTC): it does not count.
    accident(day(plusDays(w.to, 1)) + 30 * 60_000, 1, 0, false);
  }
  for (let month = '2023-09'; month <= '2025-08'; month = nextMonth(month)) {
    if (month >= '2024-01' && month <= '2024-08') continue;
    const r = Prng.derive(seed, `accidents-${month}`);
    const n = Math.round(
      ACCIDENTS_PER_MONTH[month.slice(0, 4) as '2023' | '2024' | '2025'] *
        volume,
    );
    for (const t of spread(r, `${month}-01`, lastDay(month), n)) {
      const deaths = r.chance(0.7) ? (r.chance(0.1) ? 2 : 1) : 0;
      accident(
        t,
        deaths,
        r.chance(0.25) ? r.int(1, 3) : 0,
        deaths > 0 && r.chance(0.1),
      );
    }
  }

  // ------------------------------------------------------------------------------------------
  // HR work-injury declarations (工伤申报).
  const declarations: Declaration[] = [];
  let claimSerial = 0;
  const declare = (
    r: Prng,
    o: Omit<
      Declaration,
      'claimId' | 'declared' | 'severity' | 'code' | 'determination' | 'zone'
    > &
      Partial<Pick<Declaration, 'code' | 'severity'>> & { zone?: number },
  ) => {
    const declared = plusDays(shanghaiDate(o.injured), r.int(2, 18));
    const d: Declaration = {
      claimId: `HR-430381-${shanghaiDate(o.injured).slice(0, 4)}-${String(++claimSerial).padStart(5, '0')}`,
      declared,
      severity: r.chance(0.03) ? 'fatal' : r.chance(0.18) ? 'serious' : 'minor',
      code: r.pick(TYPES_86)[0],
      determination: r.chance(0.15) ? 'pending' : 'recognised',
      zone: 0,
      ...o,
    };
    // A withdrawn declaration is recognised until withdrawn: a later correction would reinstate it.
    if (d.withdrawAfterDays) d.determination = 'recognised';
    else if (d.determination === 'pending')
      d.correction = {
        afterDays: r.int(14, 40),
        changes: { determination: 'recognised' },
      };
    else if (!d.withdrawAfterDays && r.chance(0.1))
      d.correction = {
        afterDays: r.int(7, 30),
        changes: { bodyPart: r.pick(BODY_PARTS) },
      };
    declarations.push(d);
    return d;
  };
  const enterpriseIn = (r: Prng, pool: DemoEnterprise[]) => r.pick(pool);
  const commuteNatures = [
    'commute',
    'commute',
    'commute',
    'commute',
    'commute',
    'occupational-disease',
    'sudden-illness',
  ];

  const counted = new Map<number, DemoEnterprise[]>();
  for (const w of REPORT_WINDOWS) {
    const r = Prng.derive(seed, `declarations-${w.year}`);
    // A county smaller than Xiangxiang repeats enterprises (its figures then differ from the published ones).
    const shuffled = r.shuffle(aboveEarly);
    const enterprises = Array.from(
      { length: w.incidents },
      (_, k) => shuffled[k % shuffled.length],
    );
    counted.set(w.year, enterprises);
    const when = spread(r, w.from, plusDays(w.to, -3), w.incidents);
    if (w.year === 2024) when[0] = day(w.from) + 25 * 60_000; // 00:25 in Shanghai on 1 January: 2023 in UTC
    let workers = 0;
    const incidentDecls: Declaration[] = [];
    enterprises.forEach((e, k) => {
      const n = k < w.multiWorker.length ? w.multiWorker[k] : 1;
      const incidentRef =
        n > 1 ? `INC-${w.year}-${String(k + 1).padStart(3, '0')}` : undefined;
      const code = r.pick(TYPES_86)[0];
      for (let j = 0; j < n; j++) {
        incidentDecls.push(
          declare(r, {
            uscc: e.uscc,
            injured: when[k],
            nature: 'workplace',
            mtc: true,
            code,
            incidentRef,
            zone: zoneIndex(e),
          }),
        );
        workers++;
      }
    });
    // Claims beyond the incidents' own workers: commuting and other injuries at above-scale enterprises.
    let otherClaims = w.claims - workers;
    if (otherClaims < 2) {
      // Fewer claims than injured workers: some workers did not claim medical treatment.
      for (const d of r.shuffle(incidentDecls).slice(0, 2 - otherClaims))
        d.mtc = false;
      otherClaims = 2;
    }
    for (const t of spread(r, w.from, plusDays(w.to, -3), otherClaims)) {
      const e = enterpriseIn(r, aboveEarly);
      declare(r, {
        uscc: e.uscc,
        injured: t,
        nature: r.pick(commuteNatures),
        mtc: true,
        zone: zoneIndex(e),
      });
    }
    // Looked at, never counted: withdrawn, no claim of another nature, below designated size, unregistered.
    for (const t of spread(r, w.from, plusDays(w.to, -20), 3)) {
      const e = enterpriseIn(r, aboveEarly);
      declare(r, {
        uscc: e.uscc,
        injured: t,
        nature: 'workplace',
        mtc: true,
        withdrawAfterDays: r.int(10, 20),
        zone: zoneIndex(e),
      });
    }
    for (const t of spread(r, w.from, plusDays(w.to, -3), 4)) {
      const e = enterpriseIn(r, aboveEarly);
      declare(r, {
        uscc: e.uscc,
        injured: t,
        nature: r.pick(['occupational-disease', 'sudden-illness']),
        mtc: false,
        zone: zoneIndex(e),
      });
    }
    for (const t of spread(
      r,
      w.from,
      plusDays(w.to, -3),
      Math.round(60 * volume),
    )) {
      const e = enterpriseIn(r, below);
      declare(r, {
        uscc: e.uscc,
        injured: t,
        nature: r.chance(0.8) ? 'workplace' : 'commute',
        mtc: r.chance(0.7),
        zone: zoneIndex(e),
      });
    }
    for (const t of spread(r, w.from, plusDays(w.to, -3), 3))
      declare(r, {
        uscc: r.pick(ghosts),
        injured: t,
        nature: 'workplace',
        mtc: true,
      });
  }
  // Between and after the windows: the county's ordinary weeks.
  const ordinary: [string, string, number][] = [
    ['2023-09-01', '2023-12-31', 1.6],
    ['2024-09-01', '2024-12-31', 1.1],
    ['2025-01-01', '2025-08-24', 0.9],
  ];
  for (const [from, to, perMonth] of ordinary) {
    const r = Prng.derive(seed, `declarations-${from}`);
    const months = (day(to) - day(from)) / (30 * DAY);
    const n = (x: number) => Math.max(1, Math.round(x * months * volume));
    for (const t of spread(r, from, to, n(perMonth))) {
      const e = enterpriseIn(r, aboveEarly);
      const nMulti = r.chance(0.1) ? 2 : 1;
      const incidentRef =
        nMulti > 1
          ? `INC-${shanghaiDate(t).slice(0, 4)}-X${claimSerial}`
          : undefined;
      for (let j = 0; j < nMulti; j++)
        declare(r, {
          uscc: e.uscc,
          injured: t,
          nature: 'workplace',
          mtc: r.chance(0.6),
          incidentRef,
          zone: zoneIndex(e),
        });
    }
    for (const t of spread(r, from, to, n(perMonth * 1.5))) {
      const e = enterpriseIn(r, aboveEarly);
      declare(r, {
        uscc: e.uscc,
        injured: t,
        nature: r.pick(commuteNatures),
        mtc: r.chance(0.5),
        zone: zoneIndex(e),
      });
    }
    for (const t of spread(r, from, to, n(7))) {
      const e = enterpriseIn(r, below);
      declare(r, {
        uscc: e.uscc,
        injured: t,
        nature: r.chance(0.8) ? 'workplace' : 'commute',
        mtc: r.chance(0.6),
        zone: zoneIndex(e),
      });
    }
    for (const t of spread(r, from, to, n(0.3))) {
      const e = enterpriseIn(r, aboveEarly);
      declare(r, {
        uscc: e.uscc,
        injured: t,
        nature: 'workplace',
        mtc: true,
        withdrawAfterDays: r.int(10, 20),
        zone: zoneIndex(e),
      });
    }
    for (const t of spread(r, from, to, n(0.3)))
      declare(r, {
        uscc: r.pick(ghosts),
        injured: t,
        nature: 'workplace',
        mtc: true,
      });
  }
  // Recurrences: enterprises of the counted incidents hurt again by the same kind of accident within a year.
  for (const [year, enterprises] of counted) {
    const r = Prng.derive(seed, `recurrences-${year}`);
    for (const e of [...new Set(enterprises)].slice(0, 6)) {
      const first = declarations.find(
        (d) =>
          d.uscc === e.uscc &&
          d.nature === 'workplace' &&
          shanghaiDate(d.injured).startsWith(String(year)),
      )!;
      const t =
        day(year === 2023 ? '2023-09-15' : '2024-09-15') +
        r.int(0, 90) * DAY +
        r.int(8, 17) * HOUR;
      declare(r, {
        uscc: e.uscc,
        injured: t,
        nature: 'workplace',
        mtc: r.chance(0.5),
        code: first.code,
        zone: zoneIndex(e),
      });
    }
  }
  // The edge of the 2024 window: half an hour into 1 September in Shanghai, still 31 August in UTC.
  {
    const r = Prng.derive(seed, 'declaration-edge');
    const e = aboveEarly[0];
    declare(r, {
      uscc: e.uscc,
      injured: day('2024-09-01') + 30 * 60_000,
      nature: 'workplace',
      mtc: true,
      zone: zoneIndex(e),
    });
  }

  // Weekly feed batches: every declaration in the week it was declared, resends in later weeks.
  const byWeek = new Map<string, Record<string, unknown>[]>();
  const add = (week: string, record: Record<string, unknown>) =>
    byWeek.set(week, [
      ...(byWeek.get(week) ?? []),
      { ...record, feedWeek: week },
    ]);
  let idSerial = 0;
  for (const d of declarations) {
    const r = Prng.derive(seed, `record-${d.claimId}`);
    const record: Record<string, unknown> = {
      schemaVersion: 1,
      kind: 'declaration',
      claimId: d.claimId,
      employer: { uscc: d.uscc },
      ...(d.incidentRef ? { incidentRef: d.incidentRef } : {}),
      injuredAt: cst(d.injured),
      declaredAt: d.declared,
      determination: d.determination,
      injuryNature: d.nature,
      accidentType: { standard: 'GB6441-86', code: d.code },
      bodyPart: r.pick(BODY_PARTS),
      severity: d.severity,
      medicalTreatmentClaim: d.mtc,
      worker: {
        idNumber: syntheticIdNumber(++idSerial),
        occupation: r.pick(OCCUPATIONS),
      },
    };
    add(isoWeekOf(d.declared), record);
    if (d.correction)
      add(isoWeekOf(plusDays(d.declared, d.correction.afterDays)), {
        ...record,
        ...d.correction.changes,
      });
    if (d.withdrawAfterDays)
      add(isoWeekOf(plusDays(d.declared, d.withdrawAfterDays)), {
        ...record,
        determination: 'not-recognised',
      });
  }
  let badSerial = 0;
  for (const [week, records] of [...byWeek.entries()].sort(([a], [b]) =>
    a < b ? -1 : 1,
  )) {
    const sunday = isoWeekDates(week)!.sunday;
    const r = Prng.derive(seed, `batch-${week}`);
    if (
      day(sunday) > day(LAST_DAY) + 7 * DAY ||
      week < isoWeekOf(FEED_FIRST_DAY)
    )
      continue;
    const claimIds = [...new Set(records.map((x) => x.claimId as string))];
    const batch = [...records];
    // Now and then a record the contract refuses (a USCC with a wrong check character): quarantined, not dropped.
    if (r.chance(0.06)) {
      const bad = {
        ...records[0],
        claimId: `HR-430381-BAD-${++badSerial}`,
        employer: {
          uscc: `${(records[0].employer as { uscc: string }).uscc.slice(0, 17)}0`,
        },
      };
      if (
        bad.employer.uscc !== (records[0].employer as { uscc: string }).uscc
      ) {
        batch.push(bad);
        claimIds.push(bad.claimId);
      }
    }
    const sent = day(plusDays(sunday, 1)) + 9 * HOUR + r.int(0, 120) * 60_000;
    push(
      {
        kind: 'feed-batch',
        feedWeek: week,
        records: batch,
        manifest: { expectedCount: claimIds.length, claimIds },
      },
      sent,
      sent,
      'hr-feed',
      `batch:${week}`,
    );
  }

  // What officers do with each case of a nature that gets a follow-up visit (workplace).
  for (const d of declarations) {
    if (d.nature !== 'workplace' || d.withdrawAfterDays || !zoneIdsOf(d, plan))
      continue;
    const r = Prng.derive(seed, `case-${d.claimId}`);
    const zoneId = zoneIdsOf(d, plan)!;
    const officerId = `officer-${zoneId}-0${r.int(1, 3)}`;
    const received =
      day(plusDays(isoWeekDates(isoWeekOf(d.declared))!.sunday, 1)) + 12 * HOUR;
    const lateZone = zoneIds.indexOf(zoneId) >= 2;
    const visitAt =
      day(d.declared) + r.int(1, lateZone ? 11 : 8) * DAY + r.int(9, 16) * HOUR;
    const visit = Math.max(visitAt, received + 2 * HOUR);
    if (visit > day(LAST_DAY)) continue;
    const causes = DIRECT_CAUSES[d.code] ?? DIRECT_CAUSES['20'];
    push(
      {
        kind: 'follow-up-visit',
        claimId: d.claimId,
        officerId,
        causeAnalysis: {
          accidentType: { standard: 'GB6441-86', code: d.code },
          directCauses: [r.pick(causes)],
          rootCauses: r.chance(0.5)
            ? ['unsafe-condition', 'management-defect']
            : ['unsafe-act'],
          narrative: `回访核实：${r.pick(causes)}。`,
        },
        recommendations: [r.pick(RECTIFY)],
      },
      visit,
      visit + r.int(1, 5) * HOUR,
      officerId,
      `${d.claimId}:visit`,
    );
    if (!r.chance(0.75)) {
      const at = visit + r.int(1, 4) * DAY;
      if (at < day(LAST_DAY))
        push(
          {
            kind: 'close-case',
            claimId: d.claimId,
            reason: '现场已整改，无需另行下达整改',
          },
          at,
          at + HOUR,
          officerId,
          `${d.claimId}:close`,
        );
      continue;
    }
    const items = r
      .shuffle(RECTIFY)
      .slice(0, r.int(1, 3))
      .map((description) => ({
        description,
        dueBy: plusDays(shanghaiDate(visit), 30),
      }));
    const ordered = visit + r.int(1, 3) * DAY;
    if (ordered > day(LAST_DAY)) continue;
    push(
      { kind: 'order-rectification', claimId: d.claimId, items },
      ordered,
      ordered + HOUR,
      officerId,
      `${d.claimId}:order`,
    );
    let done = ordered;
    let complete = true;
    items.forEach((_, i) => {
      const at = ordered + r.int(5, lateZone ? 60 : 35) * DAY;
      if (at > day(LAST_DAY) || (lateZone && r.chance(0.12)))
        return void (complete = false);
      done = Math.max(done, at);
      push(
        {
          kind: 'complete-rectification-item',
          claimId: d.claimId,
          itemId: `item-${i + 1}`,
          evidenceRef: `xxyjj/${d.claimId}/item-${i + 1}.jpg`,
        },
        at,
        at + HOUR,
        officerId,
        `${d.claimId}:item-${i + 1}`,
      );
    });
    const verified = done + r.int(2, 10) * DAY;
    if (!complete || verified > day(LAST_DAY)) continue;
    push(
      { kind: 'verify-rectification', claimId: d.claimId, officerId },
      verified,
      verified + HOUR,
      officerId,
      `${d.claimId}:verify`,
    );
    const closed = verified + r.int(1, 5) * DAY;
    if (closed < day(LAST_DAY))
      push(
        { kind: 'close-case', claimId: d.claimId },
        closed,
        closed + HOUR,
        officerId,
        `${d.claimId}:close`,
      );
  }
  // Feed batches carry their records' declared weeks; case steps follow each case's own order.
  return steps.sort(
    (a, b) => a.recorded - b.recorded || (a.key < b.key ? -1 : 1),
  );
}

function zoneIdsOf(d: Declaration, plan: DemoPlan): string | undefined {
  return plan.enterprises.find((e) => e.uscc === d.uscc)?.zoneId;
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

function lastDay(month: string): string {
  return plusDays(`${nextMonth(month)}-01`, -1);
}

/** A GB 11643 resident ID number (17 digits + check), unique per serial; it is pseudonymised on ingestion. */
function syntheticIdNumber(serial: number): string {
  const birth = new Date(Date.UTC(1965, 0, 1) + (serial % 10_000) * 3 * DAY)
    .toISOString()
    .slice(0, 10)
    .replaceAll('-', '');
  const first17 = `430381${birth}${String(serial % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

export const incidentEventIdSeed = (seed: number, step: IncidentStep) =>
  deterministicEventId(`demo:${seed}:incident:${step.key}`);
