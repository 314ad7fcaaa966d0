import type { DataSource, EntityManager } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import type { ProjectionTransaction, RowTable } from './projector.js';

/**
 * The hot path of projections (docs/decisions/0101-batch-projectors.md): whole rows read and written
 * with plain SQL on the connection of TypeORM's query runner, instead of per-event `findOneBy` +
 * `save` with entity diffing. TypeORM still owns the schema (entities; creation at boot, docs/decisions/0108) and
 * the query side; this file only takes the table and column names and types from its metadata.
 */

type Dialect = ProjectionTransaction['dialect'];

interface SqliteStatement {
  run(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}
interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
}

interface Column {
  property: string;
  name: string;
  toDb(value: unknown): unknown;
  fromDb(value: unknown): unknown;
}

/** What one entity's table looks like to the SQL below; computed once per data source and entity. */
interface TableShape {
  path: string;
  columns: Column[];
  keyColumns: Column[];
  byProperty: Map<string, Column>;
  upsertTail: string;
}

const shapes = new WeakMap<DataSource, Map<unknown, TableShape>>();
const sqliteStatements = new WeakMap<object, Map<string, SqliteStatement>>();

export function dialectOf(dataSource: DataSource): Dialect {
  const type = dataSource.options.type;
  if (type === 'postgres') return 'postgres';
  if (type === 'better-sqlite3') return 'sqlite';
  throw new Error(`Read models on ${type} are not supported`);
}

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

function shapeOf(dataSource: DataSource, entity: unknown): TableShape {
  let perSource = shapes.get(dataSource);
  if (!perSource)
    shapes.set(dataSource, (perSource = new Map<unknown, TableShape>()));
  let shape = perSource.get(entity);
  if (shape) return shape;
  const dialect = dialectOf(dataSource);
  const metadata = dataSource.getMetadata(entity as never);
  const path = metadata.schema
    ? `${quote(metadata.schema)}.${quote(metadata.tableName)}`
    : quote(metadata.tableName);
  const columns = metadata.columns.map((c) => toColumn(c, dialect));
  const keyColumns = metadata.primaryColumns.map((c) =>
    columns.find((column) => column.name === c.databaseName)!,
  );
  const nonKey = columns.filter((c) => !keyColumns.includes(c));
  const upsertTail =
    ` ON CONFLICT (${keyColumns.map((c) => quote(c.name)).join(', ')}) ` +
    (nonKey.length === 0
      ? 'DO NOTHING'
      : `DO UPDATE SET ${nonKey.map((c) => `${quote(c.name)} = excluded.${quote(c.name)}`).join(', ')}`);
  shape = {
    path,
    columns,
    keyColumns,
    byProperty: new Map(columns.map((c) => [c.property, c])),
    upsertTail,
  };
  perSource.set(entity, shape);
  return shape;
}

// Stored exactly as TypeORM stores them, so TypeORM reads these rows back unchanged.
function toColumn(metadata: ColumnMetadata, dialect: Dialect): Column {
  const type =
    typeof metadata.type === 'string' ? metadata.type : String(metadata.type);
  const nullable = (value: unknown): boolean =>
    value === null || value === undefined;
  let toDb = (value: unknown): unknown => (nullable(value) ? null : value);
  let fromDb = (value: unknown): unknown => value;
  if (type === 'simple-json') {
    toDb = (value) => (nullable(value) ? null : JSON.stringify(value));
    fromDb = (value) => (typeof value === 'string' ? JSON.parse(value) : value);
  } else if (type === 'boolean' && dialect === 'sqlite') {
    toDb = (value) => (nullable(value) ? null : value ? 1 : 0);
    fromDb = (value) => (value === null ? null : Boolean(value));
  } else if ((type === 'integer' || type === 'int') && dialect === 'postgres') {
    fromDb = (value) => (value === null ? null : Number(value));
  } else if (
    type === 'double precision' ||
    type === 'real' ||
    type === 'float'
  ) {
    fromDb = (value) => (value === null ? null : Number(value));
  }
  // A column's own TypeORM transformer applies first on the way in and last on the way out.
  const transformer = Array.isArray(metadata.transformer)
    ? undefined
    : metadata.transformer;
  if (Array.isArray(metadata.transformer))
    throw new Error(
      `${metadata.propertyName}: chained transformers are not supported on the projection hot path`,
    );
  if (transformer) {
    const [write, read] = [toDb, fromDb];
    toDb = (value) => write(transformer.to(value));
    fromDb = (value) => transformer.from(read(value));
  }
  return {
    property: metadata.propertyName,
    name: metadata.databaseName,
    toDb,
    fromDb,
  };
}

function rowFromDb<Row>(
  shape: TableShape,
  record: Record<string, unknown>,
): Row {
  const row: Record<string, unknown> = {};
  for (const column of shape.columns)
    row[column.property] = column.fromDb(record[column.name]);
  return row as Row;
}

function keyOf(shape: TableShape, row: Record<string, unknown>): string {
  return shape.keyColumns.map((c) => String(row[c.property])).join('\u0000');
}

function singleKey(shape: TableShape): Column {
  if (shape.keyColumns.length !== 1)
    throw new Error(`${shape.path} has a composite primary key: use loadWhere`);
  return shape.keyColumns[0];
}

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

/** What both dialects share: rows by their single key, read through the dialect's own `loadWhere`. */
abstract class KeyedRowTable<Row extends object> implements RowTable<Row> {
  protected constructor(protected readonly shape: TableShape) {}

  abstract loadWhere(
    column: keyof Row & string,
    values: Iterable<string>,
  ): Promise<Row[]>;
  abstract upsert(rows: Iterable<Row>): Promise<void>;
  abstract delete(keys: Iterable<string>): Promise<void>;

  async load(keys: Iterable<string>): Promise<Map<string, Row>> {
    const key = singleKey(this.shape);
    const rows = await this.loadWhere(key.property as keyof Row & string, keys);
    return new Map(
      rows.map((row) => [
        String((row as Record<string, unknown>)[key.property]),
        row,
      ]),
    );
  }

  protected columnName(property: string): string {
    const column = this.shape.byProperty.get(property);
    if (!column)
      throw new Error(`${this.shape.path} has no column for ${property}`);
    return column.name;
  }
}

class SqliteRowTable<Row extends object> extends KeyedRowTable<Row> {
  constructor(
    private readonly db: SqliteDatabase,
    shape: TableShape,
  ) {
    super(shape);
  }

  async loadWhere(
    column: keyof Row & string,
    values: Iterable<string>,
  ): Promise<Row[]> {
    const list = unique(values);
    if (list.length === 0) return [];
    const name = this.columnName(column);
    const records = this.statement(
      `SELECT * FROM ${this.shape.path} WHERE ${quote(name)} IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(list)) as Record<string, unknown>[];
    return records.map((record) => rowFromDb<Row>(this.shape, record));
  }

  async upsert(rows: Iterable<Row>): Promise<void> {
    const { columns, path, upsertTail } = this.shape;
    const statement = this.statement(
      `INSERT INTO ${path} (${columns.map((c) => quote(c.name)).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})${upsertTail}`,
    );
    for (const row of dedupe(this.shape, rows)) {
      statement.run(
        ...columns.map((c) =>
          c.toDb((row as Record<string, unknown>)[c.property]),
        ),
      );
    }
  }

  async delete(keys: Iterable<string>): Promise<void> {
    const list = unique(keys);
    if (list.length === 0) return;
    const key = singleKey(this.shape);
    this.statement(
      `DELETE FROM ${this.shape.path} WHERE ${quote(key.name)} IN (SELECT value FROM json_each(?))`,
    ).run(JSON.stringify(list));
  }

  private statement(sql: string): SqliteStatement {
    let cache = sqliteStatements.get(this.db);
    if (!cache)
      sqliteStatements.set(
        this.db,
        (cache = new Map<string, SqliteStatement>()),
      );
    let statement = cache.get(sql);
    if (!statement) cache.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }
}

// PostgreSQL allows 65,535 bind parameters per statement.
const MAX_PG_PARAMETERS = 60_000;

class PostgresRowTable<Row extends object> extends KeyedRowTable<Row> {
  constructor(
    private readonly manager: EntityManager,
    shape: TableShape,
  ) {
    super(shape);
  }

  async loadWhere(
    column: keyof Row & string,
    values: Iterable<string>,
  ): Promise<Row[]> {
    const list = unique(values);
    if (list.length === 0) return [];
    const name = this.columnName(column);
    const records = (await this.query(
      `SELECT * FROM ${this.shape.path} WHERE ${quote(name)}::text = ANY($1::text[])`,
      [list],
    )) as Record<string, unknown>[];
    return records.map((record) => rowFromDb<Row>(this.shape, record));
  }

  async upsert(rows: Iterable<Row>): Promise<void> {
    const { columns, path, upsertTail } = this.shape;
    const all = dedupe(this.shape, rows);
    const perStatement = Math.max(
      1,
      Math.floor(MAX_PG_PARAMETERS / columns.length),
    );
    const head = `INSERT INTO ${path} (${columns.map((c) => quote(c.name)).join(', ')}) VALUES `;
    for (let start = 0; start < all.length; start += perStatement) {
      const chunk = all.slice(start, start + perStatement);
      const params: unknown[] = [];
      const tuples = chunk.map((row) => {
        const placeholders = columns.map((c) => {
          params.push(c.toDb((row as Record<string, unknown>)[c.property]));
          return `$${params.length}`;
        });
        return `(${placeholders.join(', ')})`;
      });
      await this.query(`${head}${tuples.join(', ')}${upsertTail}`, params);
    }
  }

  async delete(keys: Iterable<string>): Promise<void> {
    const list = unique(keys);
    if (list.length === 0) return;
    const key = singleKey(this.shape);
    await this.query(
      `DELETE FROM ${this.shape.path} WHERE ${quote(key.name)}::text = ANY($1::text[])`,
      [list],
    );
  }

  private query(sql: string, params: unknown[]): Promise<unknown> {
    return this.manager.query(sql, params);
  }
}

function dedupe<Row extends object>(
  shape: TableShape,
  rows: Iterable<Row>,
): Row[] {
  const byKey = new Map<string, Row>();
  for (const row of rows) {
    const key = keyOf(shape, row as Record<string, unknown>);
    byKey.delete(key);
    byKey.set(key, row);
  }
  return [...byKey.values()];
}

/** The ProjectionTransaction over one TypeORM transaction (`manager` is the transaction's manager). */
export function projectionTransaction(
  dataSource: DataSource,
  manager: EntityManager,
): ProjectionTransaction {
  const dialect = dialectOf(dataSource);
  const tables = new Map<unknown, RowTable<object>>();
  return {
    dialect,
    manager,
    table<Row extends object>(entity: new () => Row): RowTable<Row> {
      let table = tables.get(entity);
      if (!table) {
        const shape = shapeOf(dataSource, entity);
        table =
          dialect === 'sqlite'
            ? new SqliteRowTable<object>(sqliteDatabaseOf(dataSource), shape)
            : new PostgresRowTable<object>(manager, shape);
        tables.set(entity, table);
      }
      return table as RowTable<Row>;
    },
  };
}

/**
 * better-sqlite3 keeps one connection per data source: the statements prepared on it run inside the
 * transaction TypeORM's query runner began on that same connection.
 */
function sqliteDatabaseOf(dataSource: DataSource): SqliteDatabase {
  const db = (
    dataSource.driver as unknown as { databaseConnection?: SqliteDatabase }
  ).databaseConnection;
  if (!db) throw new Error('SQLite read-model connection is not open');
  return db;
}
