import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { PROJECTION_RUNNER } from '@app/composition';
import { IngestFeedBatchService } from '@app/hr-feed';
import type { ProjectionRunner } from '@app/projections';
import { loadDemoCounty } from '../../apps/cli/src/demo/load-demo-county.js';
import { DEMO_DEFAULT_SEED } from '../../apps/cli/src/demo/demo-plan.js';
import { buildCli, runCli } from './api-process.js';
import { apiAs, createTestApp, type TestApp } from './test-app.js';

const ENTERPRISES = 60;
const REDUCTION = '/metrics/accident-reduction?from=2024-01-01&to=2024-08-31';

/** Until the projectors and process managers have stopped moving the head (recurrence flags append). */
async function settle(t: TestApp): Promise<void> {
  const runner = t.app.get<ProjectionRunner>(PROJECTION_RUNNER);
  for (let head = -1n; head !== (await t.store.headPosition());) {
    head = await t.store.headPosition();
    if (!(await runner.waitFor(head, 120_000)))
      throw new Error(`projectors did not reach ${head}`);
  }
}

/**
 * `cli rebuild --swap`, run as its own process while the api serves reads (docs/decisions/0107): a live
 * row is damaged on purpose, the swap puts the rebuilt tables live, and every read during it answers
 * 200 with the whole table — the damaged row or the repaired one, never a table being filled. A damaged
 * reporting fact too: the reports keep the facts they read in memory, and must drop them at the swap
 * (without a restart) to show the rebuilt figure.
 */
export function describeSwapUnderReads(
  label: string,
  environment: () => Record<string, string>,
): void {
  describe(`cli rebuild --swap under read traffic (${label})`, () => {
    let t: TestApp;
    let cliEnv: Record<string, string>;
    const dataDir = mkdtempSync(join(tmpdir(), 'safety-swap-'));
    beforeAll(async () => {
      buildCli();
      cliEnv = {
        WORKER_REF_SECRET: 'swap-test-secret-of-at-least-32-chars',
        DATA_DIR: dataDir,
        ...environment(),
      };
      // Loaded without a projector (the recurrence process manager appends to the streams being loaded),
      // then served by an api that projects, as after `npm run demo && npm start`.
      const loader = await createTestApp({ ...cliEnv, RUN_PROJECTOR: 'false' });
      await loadDemoCounty(
        loader.app.get(CommandBus),
        loader.app.get(IngestFeedBatchService),
        loader.clock,
        { seed: DEMO_DEFAULT_SEED, enterprises: ENTERPRISES },
      );
      await loader.close();
      t = await createTestApp(cliEnv);
      await settle(t);
    }, 600_000);
    afterAll(async () => {
      await t?.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('no read fails or sees a half-built table, and the rebuilt rows go live', async () => {
      const leader = apiAs(t, 'leader-1');
      const before = (await leader.get(`/enterprises?pageSize=100`).expect(200))
        .body;
      expect(before.total).toBe(ENTERPRISES);
      const victim = before.items[0].uscc as string;
      const name = before.items[0].name as string;
      const live = t.app.get(DataSource);
      const table = live.getMetadata('EnterpriseViewEntity').tablePath;
      const param = (n: number) =>
        live.options.type === 'postgres' ? `$${n}` : '?';
      await live.query(
        `UPDATE ${table} SET name = 'damaged' WHERE uscc = ${param(1)}`,
        [victim],
      );
      // An accident of the report's period given 100 more deaths in the facts table, before the api has read it.
      const facts = live.getMetadata('ReportingFactEntity').tablePath;
      const accidents: { position: string | number; body: string }[] =
        await live.query(
          `SELECT position, body FROM ${facts} WHERE type = 'AccidentReported' ORDER BY position`,
        );
      const accident = accidents.find((row) =>
        (JSON.parse(row.body) as { occurredAt: string }).occurredAt.startsWith(
          '2024-03',
        ),
      )!;
      const body = JSON.parse(accident.body) as { deaths: number };
      await live.query(
        `UPDATE ${facts} SET body = ${param(1)} WHERE position = ${param(2)}`,
        [
          JSON.stringify({ ...body, deaths: body.deaths + 100 }),
          accident.position,
        ],
      );
      const damagedReport = (await leader.get(REDUCTION).expect(200)).body;
      const reports = new Map<string, number>();

      let swapping = true;
      const seen = {
        reads: 0,
        failed: [] as string[],
        damaged: 0,
        repaired: 0,
      };
      // Each client reads until the swap is over, then twice more: the rebuilt rows must be seen too.
      const reader = async () => {
        for (let after = 0; swapping || after < 2; after += swapping ? 0 : 1) {
          const list = await leader.get(`/enterprises?pageSize=100`);
          const report = await leader.get(REDUCTION);
          seen.reads += 2;
          if (
            list.status !== 200 ||
            list.body.total !== ENTERPRISES ||
            list.body.items.length !== ENTERPRISES
          ) {
            seen.failed.push(
              `enterprises: ${list.status} total ${list.body.total} items ${list.body.items?.length}`,
            );
          } else {
            const shown = list.body.items.find(
              (e: { uscc: string }) => e.uscc === victim,
            )?.name;
            if (shown === 'damaged') seen.damaged++;
            else if (shown === name) seen.repaired++;
            else seen.failed.push(`enterprise ${victim} shown as ${shown}`);
          }
          if (report.status !== 200)
            seen.failed.push(
              `accident reduction: ${report.status} ${JSON.stringify(report.body).slice(0, 200)}`,
            );
          else
            reports.set(
              JSON.stringify(report.body),
              (reports.get(JSON.stringify(report.body)) ?? 0) + 1,
            );
        }
      };
      const readers = [reader(), reader(), reader()];
      const swap = await runCli(['rebuild', '--swap'], cliEnv).finally(() => {
        swapping = false;
      });
      await Promise.all(readers);
      const line = JSON.parse(swap.out);
      console.log(
        `rebuild --swap (${label}): ${seen.reads} reads during and just after it, ${seen.damaged} saw the damaged row, ${seen.repaired} the rebuilt one; ${swap.out.trim().slice(0, 400)}`,
      );

      expect(seen.failed).toEqual([]);
      expect(seen.damaged).toBeGreaterThan(0);
      expect(seen.repaired).toBeGreaterThan(0);
      expect({ code: swap.code, err: swap.err }).toEqual({ code: 0, err: '' });
      expect(line).toMatchObject({
        identical: false,
        swapped: true,
        logHeadBefore: line.logHeadAfter,
      });
      expect(line.differences).toHaveLength(4);
      expect(line.differences).toEqual(
        expect.arrayContaining([
          expect.stringContaining('enterprise_view: only in live'),
          expect.stringContaining('enterprise_view: only in rebuild'),
          expect.stringContaining('reporting_fact: only in live'),
          expect.stringContaining('reporting_fact: only in rebuild'),
        ]),
      );
      expect(
        (await leader.get(`/enterprises/${victim}`).expect(200)).body.name,
      ).toBe(name);
      // The same api process, not restarted: the report now counts the rebuilt facts, 100 deaths fewer.
      const repairedReport = (await leader.get(REDUCTION).expect(200)).body;
      expect(repairedReport.deaths.current).toBe(
        damagedReport.deaths.current - 100,
      );
      expect({ ...repairedReport, deaths: undefined }).toEqual({
        ...damagedReport,
        deaths: undefined,
      });
      // Every report read during the swap was one of the two: the damaged facts or the rebuilt ones.
      expect([...reports.keys()].sort()).toEqual(
        [JSON.stringify(damagedReport), JSON.stringify(repairedReport)].sort(),
      );

      // The live tables are now the rebuilt ones: a plain rebuild finds nothing to change.
      const again = JSON.parse((await runCli(['rebuild'], cliEnv)).out);
      expect(again).toMatchObject({ identical: true, differences: [] });
    }, 600_000);
  });
}
