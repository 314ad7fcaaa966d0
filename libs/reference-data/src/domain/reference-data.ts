import { DomainError, type ErrorDetail } from '@app/shared-kernel';
import {
  ACCIDENT_TYPE_STANDARDS,
  GB6441_2025_TYPES,
  GB6441_86_SUCCESSORS,
  GB6441_86_TYPES,
  type AccidentTypeDefinition,
  type AccidentTypeRef,
  type AccidentTypeStandard,
} from './accident-types.js';
import {
  DEFAULT_PRODUCTION_SAFETY_INJURY_NATURES,
  INJURY_NATURES,
  type InjuryNature,
} from './injury-nature.js';

/** 片区. */
export interface Zone {
  id: string;
  name: string;
}

/** The zone of injury declarations whose enterprise is not registered; never a configured zone. */
export const UNASSIGNED_ZONE_ID = 'unassigned';

/** One component of the responsibility system ("四制一规程"). */
export interface ResponsibilityComponent {
  id: string;
  name: string;
}

/** Zone competition weights (docs/metrics.md §2); they sum to 100. */
export interface CompetitionWeights {
  enrolledRate: number;
  systemEstablishedRate: number;
  listCoverage: number;
  trainingCoverage: number;
  followUpOnTimeRate: number;
  rectificationClosureRate: number;
  injuryRate: number;
}

export const COMPETITION_WEIGHT_KEYS: readonly (keyof CompetitionWeights)[] = [
  'enrolledRate',
  'systemEstablishedRate',
  'listCoverage',
  'trainingCoverage',
  'followUpOnTimeRate',
  'rectificationClosureRate',
  'injuryRate',
];

/** Follow-up visits after an injury declaration (docs/domain.md, InjuryCase). */
export interface FollowUpPolicy {
  /** dueBy = declaredAt + dueDays calendar days. */
  dueDays: number;
  /** Natures that get a follow-up visit; non-workplace natures only when configured. */
  injuryNatures: InjuryNature[];
}

export interface ReferenceData {
  /** Identifies this set of reference data; stated in responses that depend on it. */
  version: string;
  zones: Zone[];
  components: ResponsibilityComponent[];
  accidentTypes: Record<AccidentTypeStandard, AccidentTypeDefinition[]>;
  /** GB 6441-86 code → the GB 6441-2025 codes it may be classified as today (one or more). */
  accidentTypeMapping86To2025: Record<string, string[]>;
  /** ISO date from which new accidents must use GB 6441-2025. */
  gb64412025MandatoryFrom: string;
  competitionWeights: CompetitionWeights;
  followUp: FollowUpPolicy;
  /** Injury natures counted as production-safety work-injury accidents; see productionSafetyInjuryNatures. */
  productionSafetyInjuryNatures: InjuryNature[];
}

/** Xiangxiang (湘乡市) defaults. */
export const DEFAULT_REFERENCE_DATA: ReferenceData = deepFreeze({
  version: 'xiangxiang-2024.1',
  zones: [
    { id: 'zone-1', name: '一片区' },
    { id: 'zone-2', name: '二片区' },
    { id: 'zone-3', name: '三片区' },
    { id: 'zone-4', name: '四片区' },
  ],
  components: [
    { id: 'post-responsibility', name: '岗位安全生产责任制' },
    { id: 'assessment', name: '考核制度' },
    { id: 'reward-penalty', name: '奖惩制度' },
    { id: 'publicity', name: '公示制度' },
    { id: 'operating-procedure', name: '岗位安全操作规程' },
  ],
  accidentTypes: {
    'GB6441-2025': GB6441_2025_TYPES.map((t) => ({ ...t })),
    'GB6441-86': GB6441_86_TYPES.map((t) => ({ ...t })),
  },
  accidentTypeMapping86To2025: Object.fromEntries(
    Object.entries(GB6441_86_SUCCESSORS).map(([k, v]) => [k, [...v]]),
  ),
  gb64412025MandatoryFrom: '2026-07-01',
  competitionWeights: {
    enrolledRate: 10,
    systemEstablishedRate: 25,
    listCoverage: 15,
    trainingCoverage: 10,
    followUpOnTimeRate: 15,
    rectificationClosureRate: 10,
    injuryRate: 15,
  },
  followUp: {
    dueDays: 7,
    injuryNatures: [...DEFAULT_PRODUCTION_SAFETY_INJURY_NATURES],
  },
  productionSafetyInjuryNatures: [...DEFAULT_PRODUCTION_SAFETY_INJURY_NATURES],
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Lookups

export function zoneExists(data: ReferenceData, zoneId: string): boolean {
  return data.zones.some((z) => z.id === zoneId);
}

export function resolveAccidentType(
  data: ReferenceData,
  ref: { standard: string; code: string },
): AccidentTypeRef | undefined {
  const list = data.accidentTypes[ref.standard as AccidentTypeStandard];
  const found = list?.find((t) => t.code === ref.code);
  return found
    ? {
        standard: ref.standard as AccidentTypeStandard,
        code: found.code,
        name: found.name,
      }
    : undefined;
}

/** Why a type is refused, naming the codes the standard has (for problem details and quarantine reasons). */
export function unknownAccidentTypeMessage(
  data: ReferenceData,
  ref: { standard: string; code: string },
): string {
  const list = data.accidentTypes[ref.standard as AccidentTypeStandard];
  if (!list)
    return `'${ref.standard}' is not a known standard (${ACCIDENT_TYPE_STANDARDS.join(' or ')})`;
  const codes = list.map((t) => t.code);
  return `'${ref.code}' is not a ${ref.standard} accident type (codes ${codes[0]}…${codes[codes.length - 1]})`;
}

/**
 * The GB 6441-2025 types a known type may be classified as today: itself for a GB 6441-2025 type, every
 * configured successor for a GB 6441-86 type (several where the old type split), none for an unknown one.
 */
export function gb64412025Successors(
  data: ReferenceData,
  ref: { standard: string; code: string },
): AccidentTypeRef[] {
  if (ref.standard === 'GB6441-2025') {
    const self = resolveAccidentType(data, ref);
    return self ? [self] : [];
  }
  if (ref.standard !== 'GB6441-86' || !resolveAccidentType(data, ref))
    return [];
  return (data.accidentTypeMapping86To2025[ref.code] ?? [])
    .map((code) => resolveAccidentType(data, { standard: 'GB6441-2025', code }))
    .filter((t): t is AccidentTypeRef => t !== undefined);
}

/**
 * Whether two recorded accident types count as the same type (the recurrence rule, 同类事故). Under one
 * standard the standard's own classification decides: equal codes. Across the change an old type
 * matches each of its GB 6441-2025 successors, so a 2024 其他伤害 slip and a 2026 跌落 case match.
 * Unknown types match nothing. See docs/decisions/0180-gb6441-2025-codes-and-successors.md.
 */
export function accidentTypesMatch(
  data: ReferenceData,
  a: { standard: string; code: string },
  b: { standard: string; code: string },
): boolean {
  if (!resolveAccidentType(data, a) || !resolveAccidentType(data, b))
    return false;
  if (a.standard === b.standard) return a.code === b.code;
  const [old, current] = a.standard === 'GB6441-86' ? [a, b] : [b, a];
  return gb64412025Successors(data, old).some((t) => t.code === current.code);
}

/** GB 6441-2025 types Decree 493 art. 13 treats as road-traffic or fire accidents (7-day window). */
const SEVEN_DAY_WINDOW_TYPES: readonly {
  standard: AccidentTypeStandard;
  code: string;
}[] = [
  { standard: 'GB6441-2025', code: 'WSA10003' }, // 道路（轨道）车辆致害
  { standard: 'GB6441-2025', code: 'WSA10009' }, // 火灾
];

/**
 * 生产安全事故报告和调查处理条例 art. 13: a change in casualties within 30 days of the accident (7 days for
 * road-traffic and fire accidents) must be reported as a supplement. A GB 6441-86 type takes 7 days when it
 * may be one of those (车辆伤害 may have been on a road; 火灾), see docs/decisions/0183-accident-degree-and-reporting-window.md.
 */
export function casualtyReportingWindowDays(
  data: ReferenceData,
  type: { standard: string; code: string },
): 7 | 30 {
  return SEVEN_DAY_WINDOW_TYPES.some((t) => accidentTypesMatch(data, type, t))
    ? 7
    : 30;
}

/**
 * The injury natures that count as production-safety work-injury accidents (生产安全事故) in every
 * figure: by default workplace (工伤保险条例 art. 14(一)), work-preparation (14(二)) and business-trip
 * (14(五)); configurable in REFERENCE_DATA_FILE. Reports (accident reduction, zone competition) count
 * by this set, docs/decisions/0182-injury-natures-and-feed-contract-v2.md.
 */
export function productionSafetyInjuryNatures(
  data: ReferenceData,
): readonly InjuryNature[] {
  return data.productionSafetyInjuryNatures;
}

/** Whether an injury of this nature counts as a production-safety accident (see productionSafetyInjuryNatures). */
export function countsAsProductionSafetyAccident(
  data: ReferenceData,
  nature: string,
): boolean {
  return (data.productionSafetyInjuryNatures as readonly string[]).includes(
    nature,
  );
}

// ---------------------------------------------------------------------------------------------
// Overrides

export class ReferenceDataInvalidError extends DomainError {
  readonly code = 'REFERENCE_DATA_INVALID';
  readonly kind = 'invalid' as const;

  constructor(details: ErrorDetail[]) {
    super(
      `Reference data is invalid (${details.length} problem${details.length === 1 ? '' : 's'}):\n` +
        details.map((d) => `  - ${d.path}: ${d.message}`).join('\n'),
      details,
    );
  }
}

const ID_FORMAT = /^[a-z0-9][a-z0-9-]{0,62}$/;
const TYPE_CODE_FORMAT = /^[0-9A-Za-z.-]{1,16}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const TOP_LEVEL_KEYS = [
  'version',
  'zones',
  'components',
  'accidentTypes',
  'accidentTypeMapping86To2025',
  'gb64412025MandatoryFrom',
  'competitionWeights',
  'followUp',
  'productionSafetyInjuryNatures',
] as const;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isNonEmptyString = (v: unknown): v is string =>
  typeof v === 'string' && v.trim().length > 0;

/**
 * Validates an override and merges it over DEFAULT_REFERENCE_DATA. Merge rule: a top-level list
 * (`zones`, `components`, each standard under `accidentTypes`) replaces the default list whole; the
 * objects `competitionWeights`, `accidentTypeMapping86To2025` and `followUp` merge key by key.
 * `version` is required, so two different data sets never share a version. Every problem found is
 * reported at once in a ReferenceDataInvalidError.
 */
export function parseReferenceData(json: unknown): ReferenceData {
  const problems: ErrorDetail[] = [];
  const add = (path: string, message: string) =>
    problems.push({ path, message });

  if (!isObject(json)) {
    throw new ReferenceDataInvalidError([
      { path: '', message: 'must be a JSON object' },
    ]);
  }
  for (const key of Object.keys(json)) {
    if (!(TOP_LEVEL_KEYS as readonly string[]).includes(key))
      add(key, 'unknown key');
  }
  const d = DEFAULT_REFERENCE_DATA;

  if (!isNonEmptyString(json.version))
    add('version', 'is required (a non-empty string naming this data set)');
  const version = isNonEmptyString(json.version) ? json.version : d.version;

  const zones =
    json.zones === undefined
      ? d.zones
      : parseIdNameList(json.zones, 'zones', add, ID_FORMAT, true);
  const components =
    json.components === undefined
      ? d.components
      : parseIdNameList(json.components, 'components', add, ID_FORMAT, false);

  let accidentTypes: ReferenceData['accidentTypes'] = d.accidentTypes;
  if (json.accidentTypes !== undefined) {
    if (!isObject(json.accidentTypes)) {
      add('accidentTypes', 'must be an object keyed by standard');
    } else {
      accidentTypes = { ...d.accidentTypes };
      for (const [standard, list] of Object.entries(json.accidentTypes)) {
        if (
          !(ACCIDENT_TYPE_STANDARDS as readonly string[]).includes(standard)
        ) {
          add(
            `accidentTypes.${standard}`,
            `unknown standard (expected ${ACCIDENT_TYPE_STANDARDS.join(' or ')})`,
          );
          continue;
        }
        accidentTypes[standard as AccidentTypeStandard] = parseCodeNameList(
          list,
          `accidentTypes.${standard}`,
          add,
        );
      }
    }
  }

  let mapping: Record<string, string[]> = { ...d.accidentTypeMapping86To2025 };
  if (json.accidentTypeMapping86To2025 !== undefined) {
    if (!isObject(json.accidentTypeMapping86To2025))
      add('accidentTypeMapping86To2025', 'must be an object');
    else
      mapping = {
        ...mapping,
        ...(json.accidentTypeMapping86To2025 as Record<string, string[]>),
      };
  }
  const oldCodes = new Set(accidentTypes['GB6441-86'].map((t) => t.code));
  const newCodes = new Set(accidentTypes['GB6441-2025'].map((t) => t.code));
  for (const [from, to] of Object.entries(mapping)) {
    const at = `accidentTypeMapping86To2025.${from}`;
    if (!oldCodes.has(from)) add(at, 'is not a GB6441-86 code of the list');
    if (!Array.isArray(to) || to.length === 0) {
      add(
        at,
        'must be a non-empty list of GB6441-2025 codes (every type the old one may be classified as today)',
      );
      continue;
    }
    to.forEach((code: unknown, i) => {
      if (typeof code !== 'string' || !newCodes.has(code)) {
        add(
          `${at}[${i}]`,
          `'${String(code)}' is not a GB6441-2025 code of the list`,
        );
      }
    });
  }

  let mandatoryFrom = d.gb64412025MandatoryFrom;
  if (json.gb64412025MandatoryFrom !== undefined) {
    if (
      typeof json.gb64412025MandatoryFrom !== 'string' ||
      !ISO_DATE.test(json.gb64412025MandatoryFrom)
    ) {
      add('gb64412025MandatoryFrom', 'must be a date YYYY-MM-DD');
    } else mandatoryFrom = json.gb64412025MandatoryFrom;
  }

  let weights: CompetitionWeights = { ...d.competitionWeights };
  if (json.competitionWeights !== undefined) {
    if (!isObject(json.competitionWeights)) {
      add('competitionWeights', 'must be an object');
    } else {
      for (const [key, value] of Object.entries(json.competitionWeights)) {
        if (!(COMPETITION_WEIGHT_KEYS as readonly string[]).includes(key)) {
          add(
            `competitionWeights.${key}`,
            `unknown weight (expected one of ${COMPETITION_WEIGHT_KEYS.join(', ')})`,
          );
        } else if (
          typeof value !== 'number' ||
          !Number.isFinite(value) ||
          value < 0
        ) {
          add(`competitionWeights.${key}`, 'must be a number ≥ 0');
        }
      }
      weights = {
        ...weights,
        ...(json.competitionWeights as Partial<CompetitionWeights>),
      };
    }
  }
  const sum = COMPETITION_WEIGHT_KEYS.reduce(
    (s, k) => s + (typeof weights[k] === 'number' ? weights[k] : 0),
    0,
  );
  if (Math.abs(sum - 100) > 1e-9)
    add('competitionWeights', `must sum to 100; they sum to ${sum}`);

  let followUp: FollowUpPolicy = {
    ...d.followUp,
    injuryNatures: [...d.followUp.injuryNatures],
  };
  if (json.followUp !== undefined) {
    if (!isObject(json.followUp)) {
      add('followUp', 'must be an object');
    } else {
      for (const key of Object.keys(json.followUp)) {
        if (key !== 'dueDays' && key !== 'injuryNatures')
          add(`followUp.${key}`, 'unknown key');
      }
      const { dueDays, injuryNatures } = json.followUp;
      if (dueDays !== undefined) {
        if (
          typeof dueDays !== 'number' ||
          !Number.isInteger(dueDays) ||
          dueDays < 1
        ) {
          add('followUp.dueDays', 'must be a whole number of days ≥ 1');
        } else followUp.dueDays = dueDays;
      }
      if (injuryNatures !== undefined) {
        if (!Array.isArray(injuryNatures))
          add('followUp.injuryNatures', 'must be a list');
        else {
          injuryNatures.forEach((n, i) => {
            if (!(INJURY_NATURES as readonly unknown[]).includes(n)) {
              add(
                `followUp.injuryNatures[${i}]`,
                `unknown injury nature '${String(n)}'`,
              );
            }
          });
          followUp = {
            ...followUp,
            injuryNatures: injuryNatures as InjuryNature[],
          };
        }
      }
    }
  }

  let productionSafety: InjuryNature[] = [...d.productionSafetyInjuryNatures];
  if (json.productionSafetyInjuryNatures !== undefined) {
    const list = json.productionSafetyInjuryNatures;
    if (!Array.isArray(list))
      add('productionSafetyInjuryNatures', 'must be a list of injury natures');
    else {
      list.forEach((n, i) => {
        if (!(INJURY_NATURES as readonly unknown[]).includes(n)) {
          add(
            `productionSafetyInjuryNatures[${i}]`,
            `unknown injury nature '${String(n)}' (expected one of ${INJURY_NATURES.join(', ')})`,
          );
        } else if (list.indexOf(n) !== i)
          add(
            `productionSafetyInjuryNatures[${i}]`,
            `duplicate '${String(n)}'`,
          );
      });
      productionSafety = list as InjuryNature[];
    }
  }

  if (problems.length > 0) throw new ReferenceDataInvalidError(problems);
  return deepFreeze({
    version,
    zones,
    components,
    accidentTypes,
    accidentTypeMapping86To2025: mapping,
    gb64412025MandatoryFrom: mandatoryFrom,
    competitionWeights: weights,
    followUp,
    productionSafetyInjuryNatures: productionSafety,
  });
}

function parseIdNameList(
  value: unknown,
  path: string,
  add: (path: string, message: string) => void,
  idFormat: RegExp,
  isZone: boolean,
): { id: string; name: string }[] {
  if (!Array.isArray(value) || value.length === 0) {
    add(path, 'must be a non-empty list of {id, name}');
    return [];
  }
  const seen = new Set<string>();
  const out: { id: string; name: string }[] = [];
  value.forEach((item, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(item)) {
      add(at, 'must be an object {id, name}');
      return;
    }
    for (const key of Object.keys(item))
      if (key !== 'id' && key !== 'name') add(`${at}.${key}`, 'unknown key');
    const { id, name } = item;
    if (typeof id !== 'string' || !idFormat.test(id)) {
      add(
        `${at}.id`,
        `'${String(id)}' is not a valid id (lower-case letters, digits and '-', at most 63 chars)`,
      );
    } else if (isZone && id === UNASSIGNED_ZONE_ID) {
      add(
        `${at}.id`,
        `'${UNASSIGNED_ZONE_ID}' is reserved for unregistered enterprises`,
      );
    } else if (seen.has(id)) {
      add(`${at}.id`, `duplicate id '${id}'`);
    } else {
      seen.add(id);
    }
    if (!isNonEmptyString(name)) add(`${at}.name`, 'is required');
    if (typeof id === 'string' && typeof name === 'string')
      out.push({ id, name });
  });
  return out;
}

function parseCodeNameList(
  value: unknown,
  path: string,
  add: (path: string, message: string) => void,
): AccidentTypeDefinition[] {
  if (!Array.isArray(value) || value.length === 0) {
    add(path, 'must be a non-empty list of {code, name}');
    return [];
  }
  const seen = new Set<string>();
  const out: AccidentTypeDefinition[] = [];
  value.forEach((item, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(item)) {
      add(at, 'must be an object {code, name}');
      return;
    }
    const { code, name } = item;
    if (typeof code !== 'string' || !TYPE_CODE_FORMAT.test(code))
      add(`${at}.code`, `'${String(code)}' is not a valid code`);
    else if (seen.has(code)) add(`${at}.code`, `duplicate code '${code}'`);
    else seen.add(code);
    if (!isNonEmptyString(name)) add(`${at}.name`, 'is required');
    if (typeof code === 'string' && typeof name === 'string')
      out.push({ code, name });
  });
  return out;
}
