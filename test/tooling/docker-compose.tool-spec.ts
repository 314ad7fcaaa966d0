// docker-compose.yml has to boot as written, but these machines have no Docker engine. So the file is
// checked against the code that will read its values: every app service's environment goes through the
// real configuration loader (libs/app-config), its secrets through the real NAME_FILE mechanism, the
// topics kafka-init creates are compared with what the consumer subscribes to and fetches, and the image
// with what the build needs (docs/decisions/0198-compose-stack-boots-as-written.md).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ConfigError, loadAppConfig, type AppConfig } from '@app/app-config';
import {
  HR_FEED_QUARANTINE_TOPIC,
  HR_FEED_TOPIC,
} from '@app/hr-feed-contracts';
import { loadConsumerSettings } from '../../apps/hr-feed-consumer/src/consumer-settings.js';
import { HR_FEED_TOPIC_MAX_MESSAGE_BYTES } from '../../libs/hr-feed/src/interface/kafka/hr-feed-consumer.options.js';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  user?: string;
  command?: string[] | string;
  environment?: Record<string, string | number | boolean>;
  secrets?: Array<string | { source: string; target?: string }>;
  healthcheck?: { test?: string[] | string; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  restart?: string;
}
interface Compose {
  services: Record<string, Service>;
  secrets?: Record<string, { file?: string; environment?: string }>;
}

const compose = parse(read('docker-compose.yml'), { merge: true }) as Compose;
const pkg = JSON.parse(read('package.json')) as {
  version: string;
  scripts: Record<string, string>;
  engines: { node: string };
  dependencies: Record<string, string>;
};
const dockerfile = read('Dockerfile');

/** The app services are the ones built from this repository. */
const appServices = Object.entries(compose.services).filter(
  ([, s]) => s.build !== undefined,
);
const commandOf = (s: Service) =>
  Array.isArray(s.command) ? s.command.join(' ') : (s.command ?? '');
const healthTest = (s: Service) =>
  Array.isArray(s.healthcheck?.test)
    ? s.healthcheck.test.join(' ')
    : (s.healthcheck?.test ?? '');

/** ENV of the Dockerfile's last stage: what every container starts with before compose's environment. */
function imageEnvironment(): Record<string, string> {
  const lastStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
  const env: Record<string, string> = {};
  for (const m of lastStage.replace(/\\\n/g, ' ').matchAll(/^ENV\s+(.+)$/gm)) {
    for (const pair of m[1].matchAll(/([A-Z_][A-Z0-9_]*)=(\S+)/g))
      env[pair[1]] = pair[2]!;
  }
  return env;
}

/** "^20.19.0 || >=22.12.0", ">=20.19 <21 || >=22": enough of semver for engines fields. */
function satisfies(version: string, range: string): boolean {
  const v = version.split('.').map(Number);
  const cmp = (w: string) => {
    const o = w.split('.').map(Number);
    for (let i = 0; i < 3; i++)
      if ((v[i] ?? 0) !== (o[i] ?? 0)) return (v[i] ?? 0) - (o[i] ?? 0);
    return 0;
  };
  return range.split('||').some((alternative) =>
    alternative
      .replace(/(>=|<=|>|<|=)\s+/g, '$1') // ">= 20"
      .replace(/\b(\d+)\.x\b/g, '^$1') // "24.x"
      .trim()
      .split(/\s+/)
      .every((c) => {
        const [, op, w] =
          /^(\^|>=|<=|>|<|=)?(\d+(?:\.\d+){0,2})$/.exec(c) ?? [];
        if (w === undefined) throw new Error(`unsupported range part ${c}`);
        if (op === '^') return cmp(w) >= 0 && v[0] === Number(w.split('.')[0]);
        if (op === '>=') return cmp(w) >= 0;
        if (op === '>') return cmp(w) > 0;
        if (op === '<') return cmp(w) < 0;
        if (op === '<=') return cmp(w) <= 0;
        return cmp(w) === 0;
      }),
  );
}

describe('docker-compose.yml', () => {
  const secretsDir = mkdtempSync(join(tmpdir(), 'compose-secrets-'));
  afterAll(() => rmSync(secretsDir, { recursive: true, force: true }));

  /**
   * The environment a container of `service` sees: the image's ENV, then compose's, with every
   * /run/secrets/<name> path pointed at a stand-in file (a realistic value: ≥ 32 characters).
   */
  function containerEnvironment(
    name: string,
    service: Service,
  ): Record<string, string> {
    const mounted = new Set(
      (service.secrets ?? []).map((s) =>
        typeof s === 'string' ? s : (s.target ?? s.source),
      ),
    );
    const env: Record<string, string> = { ...imageEnvironment() };
    for (const [key, raw] of Object.entries(service.environment ?? {})) {
      let value = String(raw);
      const secret = /^\/run\/secrets\/(.+)$/.exec(value)?.[1];
      if (secret !== undefined) {
        expect({
          service: name,
          variable: key,
          mounted: mounted.has(secret),
        }).toEqual({ service: name, variable: key, mounted: true });
        value = join(secretsDir, secret);
        writeFileSync(value, `stand-in-for-${secret}-`.padEnd(48, 'x'));
      }
      env[key] = value;
    }
    return env;
  }

  /** Runs the loader on an environment and records every variable it looks at. */
  function load(env: Record<string, string>): {
    config: AppConfig;
    looked: Set<string>;
  } {
    const looked = new Set<string>();
    const spy = new Proxy(env, {
      get: (target, key) => {
        if (typeof key === 'string') looked.add(key);
        return target[key as string];
      },
    });
    return { config: loadAppConfig(spy, '/app'), looked };
  }

  it('has the three apps, each run by the command of a start:prod script', () => {
    const prodScripts = Object.entries(pkg.scripts).filter(([name]) =>
      name.startsWith('start:prod'),
    );
    const prodCommands = prodScripts.map(([, script]) => script);
    expect(appServices.map(([name]) => name).sort()).toEqual([
      'api',
      'hr-feed-consumer',
      'projector',
    ]);
    for (const [, service] of appServices)
      expect(prodCommands).toContain(commandOf(service));
    // The prod scripts run what is built, without building (no dev dependency at run time).
    for (const [, script] of prodScripts)
      expect(script).toMatch(
        /^node dist\/apps\/[a-z-]+\/apps\/[a-z-]+\/src\/main\.js$/,
      );
  });

  it('gives every app service every variable the configuration loader requires, secrets only through files', () => {
    const required = new Map<string, string[]>();
    const secrets = new Set<string>();
    for (const [name, service] of appServices) {
      const env = containerEnvironment(name, service);
      let loaded: ReturnType<typeof load>;
      try {
        loaded = load(env);
      } catch (error) {
        throw new Error(
          `${name}: ${error instanceof ConfigError ? error.problems.join('; ') : String(error)}`,
          { cause: error },
        );
      }
      const { config, looked } = loaded;
      // The production layout, not the embedded default.
      expect({
        name,
        store: config.eventStore.kind,
        readModels: config.readModels.kind,
        transport: config.hrFeed.transport,
      }).toEqual({
        name,
        store: 'kurrentdb',
        readModels: 'postgres',
        transport: 'kafka',
      });
      expect(config.hrFeed.workerRefSecret).toMatch(/^stand-in-for-/);
      secrets.add(config.hrFeed.workerRefSecret!);
      if (name === 'hr-feed-consumer')
        expect(() => loadConsumerSettings(env)).not.toThrow();

      // Every variable compose sets is one the apps read (a misspelt name would be silently ignored).
      const consumerLooked = new Set<string>();
      if (name === 'hr-feed-consumer') {
        loadConsumerSettings(
          new Proxy(env, {
            get: (t, k) => (
              typeof k === 'string' && consumerLooked.add(k),
              t[k as string]
            ),
          }),
        );
      }
      const processLevel = ['NODE_ENV', 'LOG_FORMAT', 'SHUTDOWN_TIMEOUT_MS']; // read by Node and libs/observability
      for (const key of Object.keys(env)) {
        const base = key.endsWith('_FILE')
          ? key.slice(0, -'_FILE'.length)
          : key;
        expect({
          name,
          key,
          read:
            looked.has(key) ||
            consumerLooked.has(key) ||
            processLevel.includes(base),
        }).toEqual({ name, key, read: true });
      }

      // Derived from the loader, not a list: the variables without which this service does not start.
      required.set(
        name,
        Object.keys(env).filter((key) => {
          const without = { ...env };
          delete without[key];
          try {
            loadAppConfig(without, '/app');
            return false;
          } catch {
            return true;
          }
        }),
      );

      // Nothing secret inline: no credentials in a URL, no secret-looking variable without _FILE.
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        expect({
          name,
          key,
          inlineCredentials: /:\/\/[^/@\s]+:[^/@\s]+@/.test(String(value)),
        }).toEqual({ name, key, inlineCredentials: false });
        expect({
          name,
          key,
          secretInline: /(SECRET|PASSWORD|TOKEN|SIGNING_KEY)$/.test(key),
        }).toEqual({ name, key, secretInline: false });
      }
    }
    // One pseudonym key for every process, or one worker gets several pseudonyms.
    expect(secrets.size).toBe(1);
    console.log(
      `[compose] variables each app cannot start without: ${JSON.stringify(Object.fromEntries(required))}`,
    );
    for (const [name, vars] of required)
      expect({ name, requiresSomething: vars.length > 0 }).toEqual({
        name,
        requiresSomething: true,
      });
  });

  it('runs the projectors in exactly one service', () => {
    const running = appServices.filter(
      ([name, s]) =>
        name !== 'hr-feed-consumer' &&
        load(containerEnvironment(name, s)).config.runProjector,
    );
    expect(running.map(([name]) => name)).toEqual(['projector']);
  });

  it('defines every secret as a file under ./secrets/ that infra/compose/make-secrets.sh writes and git and docker ignore', () => {
    const script = read('infra/compose/make-secrets.sh');
    const used = new Set(
      Object.values(compose.services).flatMap((s) =>
        (s.secrets ?? []).map((x) => (typeof x === 'string' ? x : x.source)),
      ),
    );
    expect(used.size).toBeGreaterThan(0);
    for (const name of used) {
      const file = compose.secrets?.[name]?.file;
      expect({ name, file }).toEqual({
        name,
        file: expect.stringMatching(/^\.\/secrets\/[a-z-]+$/),
      });
      expect(script).toContain(`write ${file!.replace('./secrets/', '')} `);
    }
    expect(read('.gitignore').split('\n')).toContain('secrets/');
    expect(read('.dockerignore').split('\n')).toContain('secrets');
    expect(read('.dockerignore').split('\n')).toContain('.env');
  });

  it('checks the api on /health/ready, and starts the processes without HTTP port once it is ready', () => {
    const api = compose.services.api;
    const port = load(containerEnvironment('api', api)).config.port;
    expect(healthTest(api)).toContain(`http://127.0.0.1:${port}/health/ready`);
    expect(api.ports).toContain(`${port}:${port}`);
    for (const [name, service] of appServices) {
      if (name === 'api') continue;
      expect({
        name,
        healthcheck: healthTest(service) || 'after the api',
        dependsOn: service.depends_on?.api?.condition,
      }).toEqual({
        name,
        healthcheck: 'after the api',
        dependsOn: 'service_healthy',
      });
    }
    // A dependency on a healthy service needs that service's health check.
    for (const service of Object.values(compose.services)) {
      for (const [dependency, { condition }] of Object.entries(
        service.depends_on ?? {},
      )) {
        if (condition !== 'service_healthy') continue;
        expect({
          dependency,
          hasHealthcheck: healthTest(compose.services[dependency]).length > 0,
        }).toEqual({ dependency, hasHealthcheck: true });
      }
    }
    // No health check names a route that does not exist (/health alone is 404).
    for (const [name, service] of Object.entries(compose.services)) {
      expect({
        name,
        bareHealth: /:3000\/health(?!\/(ready|live))/.test(healthTest(service)),
      }).toEqual({ name, bareHealth: false });
    }
  });

  it('pins every image to a version', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      const image = service.image ?? '';
      expect({ name, image }).toEqual({
        name,
        image: expect.stringMatching(
          /^[a-z0-9./_-]+:v?\d+(\.\d+)+[a-z0-9.-]*$/,
        ),
      });
    }
    expect(compose.services.kurrentdb.image).toMatch(
      /^kurrentplatform\/kurrentdb:\d+\.\d+\.\d+/,
    );
    for (const [, service] of appServices)
      expect(service.image).toBe(`whole-staff-safety:${pkg.version}`);
    for (const m of dockerfile.matchAll(/^(?:ARG NODE_IMAGE=|FROM )(\S+)/gm)) {
      if (m[1].startsWith('$')) continue;
      expect(m[1]).toMatch(/^node:\d+\.\d+\.\d+-[a-z-]+$/);
    }
  });

  it('builds the image once with npm run build on a supported Node LTS and runs it without dev dependencies as a non-root user', () => {
    const nodeVersion = /^ARG NODE_IMAGE=node:(\d+\.\d+\.\d+)/m.exec(
      dockerfile,
    )?.[1];
    expect(nodeVersion).toBeDefined();
    const major = Number(nodeVersion!.split('.')[0]);
    // Even majors become LTS; Node 20 left maintenance in April 2026.
    expect(major % 2).toBe(0);
    expect(major).toBeGreaterThanOrEqual(22);
    // What the image runs and builds: this package's engines, those of every production dependency
    // (nestjs-pino needs >= 22.12, TypeORM on 24 needs >= 24.11) and of the dashboard build (Vite 8).
    const engines: Array<[string, string]> = [
      ['whole-staff-safety', pkg.engines.node],
    ];
    for (const dep of [
      ...Object.keys(pkg.dependencies),
      'vite',
      'rolldown',
      '@vitejs/plugin-vue',
    ]) {
      const range = (
        JSON.parse(read(`node_modules/${dep}/package.json`)) as {
          engines?: { node?: string };
        }
      ).engines?.node;
      if (range !== undefined) engines.push([dep, range]);
    }
    expect(engines.length).toBeGreaterThan(10);
    for (const [dep, range] of engines)
      expect({
        nodeVersion,
        dep,
        range,
        ok: satisfies(nodeVersion!, range),
      }).toEqual({ nodeVersion, dep, range, ok: true });

    const stages = dockerfile.split(/^FROM /m).slice(1);
    expect(stages).toHaveLength(2);
    const [build, runtime] = stages as [string, string];
    expect(build.match(/npm run build/g)).toHaveLength(1);
    expect(build).toMatch(/npm ci\b/);
    expect(build).toMatch(/npm prune --omit=dev/);
    expect(runtime).not.toMatch(/npm (ci|install|run)/);
    expect(runtime).toMatch(/COPY --from=build \/app\/node_modules/);
    const user = [...runtime.matchAll(/^USER\s+(\S+)/gm)].pop()?.[1];
    expect(user).toBeDefined();
    expect(['root', '0', '0:0']).not.toContain(user);
    for (const [name, service] of appServices)
      expect({ name, user: service.user ?? user }).toEqual({ name, user });
  });

  it('has kafka-init create the topics the consumer reads and writes, with the max.message.bytes it fetches with', () => {
    const consumer = compose.services['hr-feed-consumer'];
    const env = containerEnvironment('hr-feed-consumer', consumer);
    const settings = loadConsumerSettings(env);
    const topics = [
      settings.topic ?? HR_FEED_TOPIC,
      settings.quarantineTopic ?? HR_FEED_QUARANTINE_TOPIC,
    ];
    const init = compose.services['kafka-init'];
    const script = commandOf(init);
    const loop = /for t in ([^;]+);/.exec(script)?.[1]?.trim().split(/\s+/);
    expect(loop?.sort()).toEqual([...topics].sort());
    expect(script).toMatch(
      new RegExp(
        `--create[^\\n]*\\n?[^\\n]*--config max\\.message\\.bytes=${HR_FEED_TOPIC_MAX_MESSAGE_BYTES}\\b`,
      ),
    );
    expect(script).toContain(
      `--add-config max.message.bytes=${HR_FEED_TOPIC_MAX_MESSAGE_BYTES}`,
    );
    expect(consumer.depends_on?.['kafka-init']?.condition).toBe(
      'service_completed_successfully',
    );
  });
});
