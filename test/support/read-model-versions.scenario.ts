import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { PROJECTOR_CLASSES } from '@app/composition';
import { type Projector, ReadModelVersionEntity } from '@app/projections';
import {
  driveAdoptionHistory,
  rebuild,
} from './read-model-rebuild.scenario.js';
import { getCaughtUp } from './caught-up.js';
import { apiAs, createTestApp, type TestApp } from './test-app.js';

async function versionsOf(t: TestApp): Promise<Record<string, number>> {
  const rows = await t.app
    .get(DataSource)
    .getRepository(ReadModelVersionEntity)
    .find();
  return Object.fromEntries(rows.map((r) => [r.projector, r.version]));
}

/**
 * Blue/green read models (docs/decisions/0108): the live tables of an older version of a projector —
 * another column, rows its older rules computed — are not altered in place at boot; the new version is
 * built beside them from the log and swapped in, and its version recorded.
 */
export function describeReadModelVersions(
  label: string,
  environment: () => Record<string, string>,
): void {
  describe(`a new projector version is built beside the live tables and swapped in (${label})`, () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'safety-versions-'));
    let env: Record<string, string>;
    beforeAll(() => {
      env = {
        DATA_DIR: dataDir,
        WORKER_REF_SECRET: 'versions-test-secret-of-at-least-32-chars',
        ...environment(),
      };
    });
    afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

    it('records each version, and replaces an older version’s tables with rows the new one computes', async () => {
      let t = await createTestApp(env);
      let uscc: string;
      let name: string;
      try {
        await driveAdoptionHistory(t);
        const projectors = PROJECTOR_CLASSES.map((cls) =>
          t.app.get<Projector>(cls as never),
        );
        expect(await versionsOf(t)).toEqual(
          Object.fromEntries(projectors.map((p) => [p.name, p.version])),
        );
        // The list answers from the read model: ask once it has projected the whole history.
        const before = (
          await getCaughtUp(t, '/enterprises?pageSize=100', 'leader-1')
        ).body;
        expect(before.items.length).toBeGreaterThan(0);
        ({ uscc, name } = before.items[0]);

        // What version 0 left behind: a column the current entity does not have, and rows its rules computed.
        const live = t.app.get(DataSource);
        const table = live.getMetadata('EnterpriseViewEntity').tablePath;
        const p = live.options.type === 'postgres' ? '$1' : '?';
        await live.query(
          `ALTER TABLE ${table} ADD COLUMN legacy_score integer`,
        );
        await live.query(
          `UPDATE ${table} SET name = 'computed by version 0' WHERE uscc = ${p}`,
          [uscc],
        );
        await live.query(
          `UPDATE read_model_versions SET version = 0 WHERE projector = ${p}`,
          ['enterprise-view'],
        );
      } finally {
        await t.close();
      }

      // The new version deploys: the process that projects boots on the same databases.
      t = await createTestApp(env);
      try {
        const live = t.app.get(DataSource);
        const table = live.getMetadata('EnterpriseViewEntity').tableName;
        const columns =
          live.options.type === 'postgres'
            ? await live.query<{ name: string }[]>(
                `SELECT column_name AS name FROM information_schema.columns WHERE table_name = $1 AND table_schema = current_schema()`,
                [table],
              )
            : await live.query<{ name: string }[]>(
                `SELECT name FROM pragma_table_info(?)`,
                [table],
              );
        expect(columns.map((c) => c.name)).not.toContain('legacy_score');
        // Replayed from the log, not altered in place: the row version 0 computed is gone.
        expect(
          (await apiAs(t, 'leader-1').get(`/enterprises/${uscc!}`).expect(200))
            .body.name,
        ).toBe(name!);
        const current = PROJECTOR_CLASSES.map((cls) =>
          t.app.get<Projector>(cls as never),
        ).find((p) => p.name === 'enterprise-view')!;
        expect((await versionsOf(t))['enterprise-view']).toBe(current.version);
        const comparison = await rebuild(t, `versions_check_${Date.now()}`);
        expect(comparison.differences).toEqual([]);
      } finally {
        await t.close();
      }
    }, 180_000);
  });
}
