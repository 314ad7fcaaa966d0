import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { XIANGXIANG_DIVISION_CODE } from '../../apps/cli/src/demo/xiangxiang.js';
import { Prng } from '../../apps/cli/src/demo/prng.js';
import { generateUscc } from '../../apps/cli/src/demo/uscc.js';
import { createTestApp } from '../support/test-app.js';
import {
  median,
  printFigures,
  size,
  type Figure,
} from './support/bench-kit.js';

// Commands over HTTP (issue 15, scope 3 and 5): the api's request pipeline from the socket to the append
// — token check, validation, CommandBus, aggregate load, append — against a bare node:http handler that
// only parses the same JSON body and answers, driven by the same keep-alive client at the same
// concurrency in the same process. The command is an enterprise registration (a new stream each time,
// the command officers send most when a county adopts the system); the embedded default store (SQLite),
// projector off (it runs in its own loop and is measured by `projections`). Asserts only that every
// request got its answer.
const REQUESTS = size('COMMANDS_REQUESTS', 2_000);
const CONCURRENCY = size('COMMANDS_CONCURRENCY', 16);
const RUNS = size('RUNS', 3);

interface Load {
  rate: number;
  p50: number;
  p99: number;
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** `count` POSTs of body(i) to `port`, `concurrency` at a time over keep-alive sockets; every answer must be `status`. */
async function drive(
  port: number,
  path: string,
  headers: Record<string, string>,
  body: (i: number) => string,
  count: number,
  concurrency: number,
  status: number,
): Promise<Load> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let next = 0;
  const one = (payload: string): Promise<void> =>
    new Promise((done, fail) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path,
          method: 'POST',
          agent,
          headers: {
            ...headers,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            res.statusCode === status
              ? done()
              : fail(
                  new Error(
                    `${path}: ${res.statusCode} ${Buffer.concat(chunks).toString('utf8').slice(0, 300)}`,
                  ),
                ),
          );
        },
      );
      req.on('error', fail);
      req.end(payload);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++) {
        const payload = body(i);
        const t0 = performance.now();
        await one(payload);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  expect(latencies).toHaveLength(count);
  latencies.sort((a, b) => a - b);
  return {
    rate: count / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

/** The baseline: what any JSON endpoint must do at least — read the body, parse it, answer with JSON. */
function bareServer(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        uscc: string;
      };
      const answer = JSON.stringify({
        streamName: `enterprise-${body.uscc}`,
        streamPosition: 0,
        globalPosition: 1,
        uscc: body.uscc,
      });
      res.writeHead(201, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(answer),
      });
      res.end(answer);
    });
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => done(server)),
  );
}

const portOf = (server: http.Server): number =>
  (server.address() as AddressInfo).port;

describe('commands over HTTP', () => {
  it('prints requests/s and p50/p99 of a command through the api beside a bare node:http handler', async () => {
    const random = new Prng(15);
    const used = new Set<string>();
    const usccs = Array.from({ length: REQUESTS * RUNS }, () => {
      let uscc: string;
      do uscc = generateUscc(random, XIANGXIANG_DIVISION_CODE, true);
      while (used.has(uscc));
      used.add(uscc);
      return uscc;
    });
    const registration = (uscc: string, i: number): string =>
      JSON.stringify({
        uscc,
        name: `湘乡市第${i}机械制造有限公司`,
        zoneId: `zone-${(i % 4) + 1}`,
        township: '东郊乡',
        industryCode: 'C3411',
        aboveDesignatedSize: i % 2 === 0,
        headcount: 20 + (i % 300),
      });

    const ours: Load[] = [];
    const bare: Load[] = [];
    const t = await createTestApp({ RUN_PROJECTOR: 'false' });
    const server = await bareServer();
    try {
      await new Promise<void>((done) =>
        (t.http as http.Server).listen(0, '127.0.0.1', done),
      );
      const auth = {
        authorization: `Bearer ${t.tokenFor({ sub: 'bench-officer' })}`,
      };
      for (let run = 0; run < RUNS; run++) {
        // Alternate, so that neither side always runs on a warmer (or busier) machine.
        bare.push(
          await drive(
            portOf(server),
            '/api/v1/enterprises',
            auth,
            (i) => registration(usccs[run * REQUESTS + i], i),
            REQUESTS,
            CONCURRENCY,
            201,
          ),
        );
        ours.push(
          await drive(
            portOf(t.http as http.Server),
            '/api/v1/enterprises',
            auth,
            (i) => registration(usccs[run * REQUESTS + i], i),
            REQUESTS,
            CONCURRENCY,
            201,
          ),
        );
      }
      expect(Number(await t.store.headPosition())).toBeGreaterThanOrEqual(
        REQUESTS * RUNS,
      );
    } finally {
      server.close();
      await t.close();
    }

    const params = {
      requests: REQUESTS,
      concurrency: CONCURRENCY,
      runs: RUNS,
      store: 'sqlite',
    };
    const med = (loads: Load[], key: keyof Load) =>
      median(loads.map((l) => l[key]));
    const figures: Figure[] = [
      {
        bench: 'commands',
        backend: 'http',
        impl: 'raw',
        workload: `POST, ${CONCURRENCY} in flight: requests/s`,
        value: med(bare, 'rate'),
        unit: 'requests/s',
        params,
      },
      {
        bench: 'commands',
        backend: 'http',
        impl: 'ours',
        workload: `POST, ${CONCURRENCY} in flight: requests/s`,
        value: med(ours, 'rate'),
        unit: 'requests/s',
        params,
        ratios: {
          raw: Number((med(ours, 'rate') / med(bare, 'rate')).toPrecision(2)),
        },
      },
      {
        bench: 'commands',
        backend: 'http',
        impl: 'raw',
        workload: `POST, ${CONCURRENCY} in flight: p50`,
        value: med(bare, 'p50'),
        unit: 'ms',
        params,
      },
      {
        bench: 'commands',
        backend: 'http',
        impl: 'ours',
        workload: `POST, ${CONCURRENCY} in flight: p50`,
        value: med(ours, 'p50'),
        unit: 'ms',
        params,
      },
      {
        bench: 'commands',
        backend: 'http',
        impl: 'raw',
        workload: `POST, ${CONCURRENCY} in flight: p99`,
        value: med(bare, 'p99'),
        unit: 'ms',
        params,
      },
      {
        bench: 'commands',
        backend: 'http',
        impl: 'ours',
        workload: `POST, ${CONCURRENCY} in flight: p99`,
        value: med(ours, 'p99'),
        unit: 'ms',
        params,
      },
    ];
    printFigures(
      'commands over HTTP: register an enterprise (api on SQLite) vs a bare node:http JSON handler',
      figures,
    );
  }, 1_800_000);
});
