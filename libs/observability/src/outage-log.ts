/** What OutageLog needs of a logger (Nest's Logger fits). */
export interface OutageLogger {
  warn(message: string): void;
  log(message: string): void;
}

/**
 * Logs a dependency outage as state changes, not as a stack trace per failed poll
 * (docs/decisions/0195-store-outages.md): one line when it starts, a reminder at growing intervals
 * (5 s, 10 s, 20 s … at most every 5 min) while it lasts, one line when it ends.
 */
export class OutageLog {
  private since?: number;
  private failures = 0;
  private nextReminder = 0;
  private reminderEvery = 5_000;

  constructor(
    private readonly logger: OutageLogger,
    private readonly what: string,
    private readonly now: () => number = Date.now,
  ) {}

  get down(): boolean {
    return this.since !== undefined;
  }

  failed(error: unknown): void {
    const at = this.now();
    this.failures++;
    if (this.since === undefined) {
      this.since = at;
      this.reminderEvery = 5_000;
      this.nextReminder = at + this.reminderEvery;
      this.logger.warn(`${this.what} unreachable: ${describe(error)}`);
      return;
    }
    if (at >= this.nextReminder) {
      this.logger.warn(
        `${this.what} still unreachable after ${Math.round((at - this.since) / 1000)} s (${this.failures} failures): ${describe(error)}`,
      );
      this.reminderEvery = Math.min(this.reminderEvery * 2, 300_000);
      this.nextReminder = at + this.reminderEvery;
    }
  }

  succeeded(): void {
    if (this.since === undefined) return;
    this.logger.log(
      `${this.what} reachable again after ${Math.round((this.now() - this.since) / 1000)} s (${this.failures} failures)`,
    );
    this.since = undefined;
    this.failures = 0;
  }
}

function describe(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown; name?: unknown };
  const code = typeof e?.code === 'string' ? `${e.code} ` : '';
  return `${code}${String(e?.message ?? error)
    .split('\n')[0]
    .slice(0, 200)}`;
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up)
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '53300', // too_many_connections
  'SQLITE_BUSY',
  'SQLITE_BUSY_SNAPSHOT', // another connection wrote since this transaction read: retry it
  'SQLITE_CANTOPEN',
]);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connect ECONNREFUSED|Client has encountered a connection error|timeout exceeded when trying to connect|terminating connection|the database system is (starting up|shutting down|in recovery mode)|Connection is not established|UnavailableError|DeadlineExceeded|connection provided by a query runner was already released|Query runner already released/i;

/** Whether an error means a store or broker could not be reached (retry later), as opposed to a bug. */
export function isUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 4 || error === null || typeof error !== 'object') return false;
  const e = error as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message))
    return true;
  if (
    Array.isArray(e.errors) &&
    e.errors.some((inner) => isUnavailable(inner, depth + 1))
  )
    return true;
  return (
    isUnavailable(e.driverError, depth + 1) || isUnavailable(e.cause, depth + 1)
  );
}
