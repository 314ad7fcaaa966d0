import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixture = join(root, 'test', 'fixtures', 'boundary-violations');

function cruise(cwd: string, paths: string[]) {
  const result = spawnSync(
    process.execPath,
    [
      join(
        root,
        'node_modules',
        'dependency-cruiser',
        'bin',
        'dependency-cruise.mjs',
      ),
      ...paths,
      '--config',
      join(root, '.dependency-cruiser.cjs'),
      '--output-type',
      'err',
    ],
    { cwd, encoding: 'utf8', timeout: 60_000 },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('the boundary rules of npm run lint', () => {
  it('fail when a domain/ file imports @nestjs/common, and when a context reaches into another', () => {
    const { status, output } = cruise(fixture, ['libs']);
    expect(status).not.toBe(0);
    expect(output).toMatch(
      /domain-is-framework-free.*libs\/sample\/src\/domain\/leaky\.aggregate\.ts/,
    );
    expect(output).toMatch(
      /contexts-only-through-their-index.*libs\/other\/src\/reaches-in\.ts/,
    );
  });

  // Each domain/reaches-<name>.ts imports only a helper in support/, which loads <name>: the direct rule is
  // blind to it, the transitive rule of that name is not (docs/decisions/0246).
  describe('transitively', () => {
    let fixtureRun: ReturnType<typeof cruise>;
    beforeAll(() => {
      fixtureRun = cruise(fixture, ['libs']);
    });

    it.each([
      'nestjs',
      'typeorm',
      'kafkajs',
      'express',
      'class-validator',
      'node-fs',
    ])('fail when a domain/ file reaches %s through another module', (name) => {
      const { status, output } = fixtureRun;
      expect(status).not.toBe(0);
      expect(output).toContain(
        `error domain-reaches-no-${name}: libs/sample/src/domain/reaches-${name}.ts`,
      );
      expect(output).toContain(`libs/sample/src/support/${name}.ts`);
      expect(output).not.toMatch(
        new RegExp(`domain-is-framework-free[^\\n]*reaches-${name}\\.ts`),
      );
    });
  });

  it("fail when an application/ file imports its own context's infrastructure/", () => {
    const { status, output } = cruise(fixture, ['libs']);
    expect(status).not.toBe(0);
    expect(output).toMatch(
      /application-does-not-import-infrastructure.*libs\/sample\/src\/application\/uses-adapter\.handler\.ts/,
    );
  });

  it("fail when shipped code imports another library's test helpers, and let a test helper do it", () => {
    const { status, output } = cruise(fixture, ['libs']);
    expect(status).not.toBe(0);
    expect(output).toMatch(
      /test-helpers-only-in-tests: libs\/other\/src\/uses-test-helpers\.ts → libs\/sample\/src\/testing\/index\.ts/,
    );
    expect(output).not.toContain(
      'libs/other/src/testing/uses-sample-helpers.ts',
    );
  });

  it('pass on the repository itself', () => {
    const { status, output } = cruise(root, ['apps', 'libs']);
    expect(output).toMatch(/no dependency violations found/);
    expect(status).toBe(0);
  });
});
