import type { FeedBatchRecord } from '../../application/ingest-feed-batch/ingest-feed-batch.service.js';

/**
 * CSV form of an HR batch (docs/decisions/0032): RFC 4180 (comma, double quotes, "" escapes, CRLF or
 * LF, quoted line breaks), UTF-8 with or without BOM, one header row naming columns of the feed record
 * with dots for nested fields; an optional `schemaVersion` column picks contract version 1 (the default)
 * or 2. Each data row becomes one declaration; a row that cannot be mapped is
 * still ingested — and quarantined — with its reasons.
 */
export const FEED_CSV_COLUMNS = [
  'schemaVersion',
  'claimId',
  'feedWeek',
  'employer.uscc',
  'employer.name',
  'incidentRef',
  'injuredAt',
  'declaredAt',
  'determination',
  'injuryNature',
  'accidentType.standard',
  'accidentType.code',
  'bodyPart',
  'severity',
  'medicalTreatmentClaim',
  'disabilityGrade',
  'worker.idNumber',
  'worker.occupation',
  'worker.gender',
  'narrative',
] as const;

export const FEED_CSV_REQUIRED_COLUMNS = [
  'claimId',
  'employer.uscc',
  'injuredAt',
  'declaredAt',
  'determination',
  'injuryNature',
  'severity',
  'medicalTreatmentClaim',
] as const;

const TRUE = new Set(['true', '1', 'yes', 'y', '是']);
const FALSE = new Set(['false', '0', 'no', 'n', '否']);

export class FeedCsvHeaderError extends Error {
  constructor(readonly errors: { path: string; message: string }[]) {
    super('The CSV header row is not valid');
  }
}

interface CsvRow {
  /** 1-based line where the row starts. */
  line: number;
  cells: string[];
  /** The file ended inside a quoted field. */
  unterminated?: boolean;
}

/** Splits CSV text into rows of cells (RFC 4180). Blank lines are skipped. */
export function parseCsv(text: string): CsvRow[] {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let touched = false;
  const endRow = () => {
    cells.push(cell);
    if (touched || cells.length > 1 || cells[0] !== '')
      rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
    touched = false;
  };
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (quoted) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          cell += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"') {
      quoted = true;
      touched = true;
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
      touched = true;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && input[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else {
      cell += ch;
    }
  }
  if (quoted) {
    cells.push(cell);
    rows.push({ line: rowLine, cells, unterminated: true });
  } else if (cell !== '' || cells.length > 0 || touched) {
    endRow();
  }
  return rows;
}

/**
 * Maps CSV text to batch records. The header must name only known columns, each once, and every
 * required column; otherwise FeedCsvHeaderError (the whole upload is refused: no row can be read).
 * A row without `feedWeek` takes the batch's week.
 */
export function mapFeedCsv(
  text: string,
  batchFeedWeek: string,
): { records: FeedBatchRecord[]; rowCount: number } {
  const rows = parseCsv(text);
  if (rows.length === 0)
    throw new FeedCsvHeaderError([
      { path: '/header', message: 'the CSV has no header row' },
    ]);
  const [header, ...data] = rows;
  const columns = header.cells.map((c) => c.trim());
  const errors: { path: string; message: string }[] = [];
  const known = new Set<string>(FEED_CSV_COLUMNS);
  columns.forEach((column, i) => {
    if (!known.has(column))
      errors.push({
        path: `/header/${i}`,
        message: `unknown column "${column.slice(0, 64)}"`,
      });
    else if (columns.indexOf(column) !== i)
      errors.push({
        path: `/header/${i}`,
        message: `column "${column}" appears twice`,
      });
  });
  for (const required of FEED_CSV_REQUIRED_COLUMNS) {
    if (!columns.includes(required))
      errors.push({
        path: '/header',
        message: `required column "${required}" is missing`,
      });
  }
  if (errors.length > 0) throw new FeedCsvHeaderError(errors);
  return {
    records: data.map((row) => mapRow(row, columns, batchFeedWeek)),
    rowCount: data.length,
  };
}

function mapRow(
  row: CsvRow,
  columns: string[],
  batchFeedWeek: string,
): FeedBatchRecord {
  const mappingErrors: { path: string; message: string }[] = [];
  if (row.unterminated)
    mappingErrors.push({
      path: '',
      message: `CSV line ${row.line}: a quoted field is not closed before the end of the file`,
    });
  if (row.cells.length !== columns.length) {
    mappingErrors.push({
      path: '',
      message: `CSV line ${row.line} has ${row.cells.length} fields; the header has ${columns.length}`,
    });
  }
  const record: Record<string, unknown> = {
    schemaVersion: 1,
    kind: 'declaration',
  };
  columns.forEach((column, i) => {
    const cell = row.cells[i];
    if (cell === undefined || cell.trim() === '') return;
    const value = convert(column, cell.trim());
    const [head, tail] = column.split('.');
    if (tail === undefined) {
      record[head] = value;
    } else {
      const nested = (record[head] ??= {}) as Record<string, unknown>;
      nested[tail] = value;
    }
  });
  record.feedWeek ??= batchFeedWeek;
  return {
    value: record,
    ...(mappingErrors.length > 0 ? { mappingErrors } : {}),
  };
}

/** Booleans and integers are converted when they can be; otherwise the text is kept and the schema names the field. */
function convert(column: string, cell: string): unknown {
  if (column === 'medicalTreatmentClaim') {
    const lower = cell.toLowerCase();
    if (TRUE.has(lower)) return true;
    if (FALSE.has(lower)) return false;
    return cell;
  }
  if (column === 'schemaVersion')
    return /^\d{1,3}$/.test(cell) ? Number(cell) : cell;
  if (column === 'disabilityGrade')
    return /^-?\d{1,3}$/.test(cell) ? Number(cell) : cell;
  return cell;
}
