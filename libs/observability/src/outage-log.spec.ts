import { isUnavailable, OutageLog } from './outage-log.js';

describe('OutageLog', () => {
  it('logs an outage when it starts, at growing intervals while it lasts, and when it ends', () => {
    let now = 0;
    const lines: string[] = [];
    const log = new OutageLog(
      {
        warn: (m) => lines.push(`warn ${m}`),
        log: (m) => lines.push(`log ${m}`),
      },
      'the event store',
      () => now,
    );
    const refused = Object.assign(
      new Error('connect ECONNREFUSED 127.0.0.1:5432'),
      { code: 'ECONNREFUSED' },
    );
    for (; now <= 21_000; now += 100) log.failed(refused); // ten failures a second for 21 s
    log.succeeded();
    expect(lines).toEqual([
      'warn the event store unreachable: ECONNREFUSED connect ECONNREFUSED 127.0.0.1:5432',
      'warn the event store still unreachable after 5 s (51 failures): ECONNREFUSED connect ECONNREFUSED 127.0.0.1:5432',
      'warn the event store still unreachable after 15 s (151 failures): ECONNREFUSED connect ECONNREFUSED 127.0.0.1:5432',
      'log the event store reachable again after 21 s (211 failures)',
    ]);
  });

  it('tells an unreachable store from a bug', () => {
    expect(
      isUnavailable(
        Object.assign(
          new Error('terminating connection due to administrator command'),
          { code: '57P01' },
        ),
      ),
    ).toBe(true);
    expect(
      isUnavailable({
        message: 'query failed',
        driverError: new Error('Connection terminated unexpectedly'),
      }),
    ).toBe(true);
    // TypeORM releases a transaction's query runner when its connection dies under it; the commit then says so.
    expect(
      isUnavailable(
        Object.assign(
          new Error(
            'Query runner already released. Cannot run queries anymore.',
          ),
          { name: 'QueryRunnerAlreadyReleasedError' },
        ),
      ),
    ).toBe(true);
    expect(
      isUnavailable(
        new TypeError(
          "Cannot read properties of undefined (reading 'standard')",
        ),
      ),
    ).toBe(false);
  });
});
