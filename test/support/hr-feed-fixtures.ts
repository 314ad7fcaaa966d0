/**
 * A deterministic HR weekly feed for the Kafka acceptance tests (test/integration/hr-feed*.kafka.int-spec.ts):
 * distinct declarations over several feed weeks, plus exact duplicates, corrections, withdrawals, invalid
 * records, poison messages and one manifest per week that lists some claimIds that are never sent.
 * Same seed → same bytes, so a failure reproduces.
 */
import { residentIdCheckChar } from '@app/injuries';
import { USCC_ALPHABET, withUsccCheckChar } from '@app/reference-data';
import { Prng } from '../../apps/cli/src/demo/prng.js';

/** The demo county's seeded generator (mulberry32), as a function of no arguments. */
export function prng(seed: number): () => number {
  const random = new Prng(seed);
  return () => random.next();
}

/** A valid USCC: 9 (enterprise) 1 (company), 430381 (湘乡市), 9-char organisation code, check char. */
export function makeUscc(rand: () => number): string {
  let org = '';
  for (let i = 0; i < 9; i++)
    org += USCC_ALPHABET[Math.floor(rand() * USCC_ALPHABET.length)];
  const first17 = `91430381${org}`;
  return withUsccCheckChar(first17);
}

/** The same code with a wrong check character. */
export function withBadCheckChar(uscc: string): string {
  const good = uscc[17];
  const bad =
    USCC_ALPHABET[(USCC_ALPHABET.indexOf(good) + 7) % USCC_ALPHABET.length];
  return uscc.slice(0, 17) + bad;
}

/** A GB 11643 resident ID number (^[0-9]{17}[0-9X]$), unique per `serial` (< 1000 per day). */
export function makeIdNumber(serial: number): string {
  const day = new Date(
    Date.UTC(1970, 0, 1) + Math.floor(serial / 900) * 86_400_000 * 3,
  );
  const birth = `${day.getUTCFullYear()}${String(day.getUTCMonth() + 1).padStart(2, '0')}${String(day.getUTCDate()).padStart(2, '0')}`;
  const first17 = `430381${birth}${String(100 + (serial % 900)).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

export type FeedMessageKind =
  | 'declaration'
  | 'duplicate'
  | 'correction'
  | 'withdrawal'
  | 'invalid'
  | 'poison'
  | 'manifest';

export interface FeedMessage {
  kind: FeedMessageKind;
  key: string;
  value: Buffer;
  /** The claimId the message is about (declarations, duplicates, corrections, withdrawals, invalid). */
  claimId?: string;
}

export interface HrFeedScenario {
  weeks: string[];
  /** In production order. */
  messages: FeedMessage[];
  /** Distinct valid claimIds (one InjuryDeclarationReceived each). */
  validClaimIds: string[];
  correctedClaimIds: string[];
  withdrawnClaimIds: string[];
  invalidClaimIds: string[];
  /** Per week: claimIds listed in its manifest but never sent. */
  withheldByWeek: Record<string, string[]>;
  /** Every raw ID number that appears in any message. */
  idNumbers: string[];
  counts: Record<FeedMessageKind, number>;
}

export interface HrFeedScenarioOptions {
  declarations?: number;
  weeks?: string[];
  seed?: number;
  duplicateRate?: number;
  correctionRate?: number;
  withdrawalRate?: number;
  invalidRate?: number;
  withheldPerWeek?: number;
  /** Size of the oversized poison message (default 1 MiB). */
  largePoisonBytes?: number;
  claimPrefix?: string;
}

const BODY_PARTS = ['左手', '右手', '左脚', '右脚', '头部', '背部', '眼部'];
const OCCUPATIONS = ['冲压工', '焊工', '电工', '叉车司机', '装配工', '搬运工'];
const NATURES = [
  'workplace',
  'workplace',
  'workplace',
  'commute',
  'other',
] as const;
const DETERMINATIONS = [
  'pending',
  'recognised',
  'recognised',
  'deemed',
] as const;

/** Monday of ISO week `YYYY-Www` (UTC date). */
function mondayOf(feedWeek: string): Date {
  const [y, w] = [Number(feedWeek.slice(0, 4)), Number(feedWeek.slice(6))];
  const jan4 = new Date(Date.UTC(y, 0, 4));
  const monday1 = new Date(
    jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86_400_000,
  );
  return new Date(monday1.getTime() + (w - 1) * 7 * 86_400_000);
}

const json = (value: unknown): Buffer =>
  Buffer.from(JSON.stringify(value), 'utf8');

export function buildHrFeedScenario(
  options: HrFeedScenarioOptions = {},
): HrFeedScenario {
  const n = options.declarations ?? 5000;
  const weeks = options.weeks ?? [
    '2026-W06',
    '2026-W07',
    '2026-W08',
    '2026-W09',
  ];
  const rand = prng(options.seed ?? 20260302);
  const prefix = options.claimPrefix ?? 'XX-2026-';
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const enterprises = Array.from({ length: 150 }, () => ({
    uscc: makeUscc(rand),
    name: `湘乡市示例企业${Math.floor(rand() * 1e6)}有限公司`,
  }));
  const idNumbers: string[] = [];
  let serial = 0;
  const nextId = (): string => {
    const id = makeIdNumber(serial++);
    idNumbers.push(id);
    return id;
  };

  // --- the distinct declarations, spread over the weeks
  type Decl = Record<string, any> & { claimId: string; feedWeek: string };
  const declarations: Decl[] = [];
  for (let i = 0; i < n; i++) {
    const feedWeek = weeks[Math.floor((i * weeks.length) / n)];
    const monday = mondayOf(feedWeek);
    const declared = new Date(
      monday.getTime() + Math.floor(rand() * 5) * 86_400_000,
    );
    const injured = new Date(
      declared.getTime() -
        (1 + Math.floor(rand() * 10)) * 86_400_000 +
        Math.floor(rand() * 10) * 3_600_000,
    );
    const nature = pick(NATURES);
    const employer = pick(enterprises);
    const d: Decl = {
      schemaVersion: 1,
      kind: 'declaration',
      claimId: `${prefix}${String(i + 1).padStart(6, '0')}`,
      feedWeek,
      employer:
        rand() < 0.8
          ? { uscc: employer.uscc, name: employer.name }
          : { uscc: employer.uscc },
      injuredAt: injured.toISOString().replace('Z', '+00:00'),
      declaredAt: declared.toISOString().slice(0, 10),
      determination: pick(DETERMINATIONS),
      injuryNature: nature,
      ...(nature === 'workplace'
        ? {
            accidentType: {
              standard: 'GB6441-86',
              code: String(1 + Math.floor(rand() * 19)).padStart(2, '0'),
            },
          }
        : {}),
      bodyPart: pick(BODY_PARTS),
      severity: rand() < 0.9 ? 'minor' : 'serious',
      medicalTreatmentClaim: rand() < 0.7,
      worker: {
        idNumber: nextId(),
        occupation: pick(OCCUPATIONS),
        gender: rand() < 0.6 ? 'male' : 'female',
      },
      narrative: `作业时受伤 #${i + 1}`,
    };
    declarations.push(d);
  }

  // --- disjoint index sets for duplicates, corrections and withdrawals
  const order = declarations.map((_, i) => i).sort(() => rand() - 0.5);
  const take = (rate: number) => order.splice(0, Math.round(n * rate));
  const corrected = take(options.correctionRate ?? 0.02);
  const withdrawn = take(options.withdrawalRate ?? 0.01);
  const duplicated = take(options.duplicateRate ?? 0.05);
  const correctedSet = new Set(corrected);
  const withdrawnSet = new Set(withdrawn);
  const duplicatedSet = new Set(duplicated);

  const messages: FeedMessage[] = [];
  const withheldByWeek: Record<string, string[]> = {};
  const invalidClaimIds: string[] = [];
  const invalidCount = Math.round(n * (options.invalidRate ?? 0.01));
  const withheldPerWeek = options.withheldPerWeek ?? 5;
  let invalidSeq = 0;
  let withheldSeq = 0;

  const invalidRecord = (
    feedWeek: string,
  ): { claimId: string; value: Buffer } => {
    const claimId = `${prefix}BAD-${String(++invalidSeq).padStart(4, '0')}`;
    invalidClaimIds.push(claimId);
    const base: Decl = {
      ...structuredClone(declarations[invalidSeq % n]),
      claimId,
      feedWeek,
      worker: { idNumber: nextId(), occupation: '冲压工' },
    };
    switch (invalidSeq % 5) {
      case 0: // bad USCC check character
        base.employer = { uscc: withBadCheckChar(base.employer.uscc) };
        break;
      case 1: // missing required field
        delete base.severity;
        break;
      case 2: // value outside the enum
        base.injuryNature = 'at-home';
        break;
      case 3: // unknown property
        base.shoeSize = 42;
        break;
      default: // wrong type
        base.medicalTreatmentClaim = 'yes';
    }
    return { claimId, value: json(base) };
  };

  weeks.forEach((feedWeek, w) => {
    const ofWeek = declarations
      .map((d, i) => ({ d, i }))
      .filter(({ d }) => d.feedWeek === feedWeek);
    for (const { d } of ofWeek)
      messages.push({
        kind: 'declaration',
        key: d.claimId,
        value: json(d),
        claimId: d.claimId,
      });
    // re-sent unchanged (same bytes), within the same week
    for (const { d, i } of ofWeek) {
      if (duplicatedSet.has(i))
        messages.push({
          kind: 'duplicate',
          key: d.claimId,
          value: json(d),
          claimId: d.claimId,
        });
    }
    // corrections and withdrawals of this week's declarations arrive in the next feed week (same week for the last)
    const laterWeek = weeks[Math.min(w + 1, weeks.length - 1)];
    for (const { d, i } of ofWeek) {
      if (correctedSet.has(i)) {
        const c = {
          ...structuredClone(d),
          feedWeek: laterWeek,
          severity: d.severity === 'minor' ? 'serious' : 'minor',
          bodyPart: `${d.bodyPart}及手腕`,
        };
        messages.push({
          kind: 'correction',
          key: d.claimId,
          value: json(c),
          claimId: d.claimId,
        });
      }
      if (withdrawnSet.has(i)) {
        const c = {
          ...structuredClone(d),
          feedWeek: laterWeek,
          determination: 'not-recognised',
        };
        messages.push({
          kind: 'withdrawal',
          key: d.claimId,
          value: json(c),
          claimId: d.claimId,
        });
      }
    }
    const invalidOfWeek =
      Math.floor(invalidCount / weeks.length) +
      (w < invalidCount % weeks.length ? 1 : 0);
    for (let k = 0; k < invalidOfWeek; k++) {
      const bad = invalidRecord(feedWeek);
      messages.push({
        kind: 'invalid',
        key: bad.claimId,
        value: bad.value,
        claimId: bad.claimId,
      });
    }
    const withheld = Array.from(
      { length: withheldPerWeek },
      () => `${prefix}WITHHELD-${String(++withheldSeq).padStart(4, '0')}`,
    );
    withheldByWeek[feedWeek] = withheld;
    const claimIds = [...ofWeek.map(({ d }) => d.claimId), ...withheld];
    messages.push({
      kind: 'manifest',
      key: `manifest-${feedWeek}`,
      value: json({
        schemaVersion: 1,
        kind: 'manifest',
        feedWeek,
        expectedCount: claimIds.length,
        claimIds,
      }),
    });
  });

  // --- poison: not JSON (with an ID number inside), JSON of the wrong shape, an oversized value
  const poisonId1 = nextId();
  const poisonId2 = nextId();
  messages.push({
    kind: 'poison',
    key: 'poison-not-json',
    value: Buffer.from(
      `claim=${prefix}P1;worker=${poisonId1};severity=minor\u0000\xff`,
      'latin1',
    ),
  });
  messages.push({
    kind: 'poison',
    key: 'poison-wrong-schema',
    value: json([{ claim: `${prefix}P2`, idNumber: poisonId2 }]),
  });
  const large = options.largePoisonBytes ?? 1024 * 1024;
  // a declaration whose narrative makes it exactly `large` bytes: `..."narrative":"xxxx…"}`
  const head = JSON.stringify({
    ...declarations[0],
    claimId: `${prefix}P3`,
    worker: { idNumber: nextId() },
    narrative: '',
  }).slice(0, -3);
  const filler = 'x'.repeat(Math.max(0, large - Buffer.byteLength(head) - 3));
  messages.push({
    kind: 'poison',
    key: 'poison-large',
    value: Buffer.from(`${head}"${filler}"}`, 'utf8'),
  });

  const counts = Object.fromEntries(
    (
      [
        'declaration',
        'duplicate',
        'correction',
        'withdrawal',
        'invalid',
        'poison',
        'manifest',
      ] as const
    ).map((k) => [k, messages.filter((m) => m.kind === k).length]),
  ) as Record<FeedMessageKind, number>;

  return {
    weeks,
    messages,
    validClaimIds: declarations.map((d) => d.claimId),
    correctedClaimIds: corrected.map((i) => declarations[i].claimId).sort(),
    withdrawnClaimIds: withdrawn.map((i) => declarations[i].claimId).sort(),
    invalidClaimIds,
    withheldByWeek,
    idNumbers,
    counts,
  };
}
