import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadAppConfig, type AppConfig } from '@app/app-config';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { FixedClock } from '@app/shared-kernel';
import { ApiModule } from '../../apps/api/src/api.module.js';
import { configureApp } from '../../apps/api/src/configure-app.js';

/**
 * Periodic checkpoints append events on a timer, which would make a test's log depend on how fast the
 * machine is; tests sign checkpoints explicitly (POST /audit/checkpoints) or pass these variables.
 */
const NO_PERIODIC_CHECKPOINTS = { AUDIT_CHECKPOINT_EVERY_EVENTS: '0', AUDIT_CHECKPOINT_EVERY_MINUTES: '0' };

export interface TestApp {
  app: INestApplication;
  http: ReturnType<INestApplication['getHttpServer']>;
  store: EventStore;
  clock: FixedClock;
  config: AppConfig;
  close(): Promise<void>;
}

/**
 * The api exactly as main.ts configures it, on the embedded default in a fresh temporary DATA_DIR,
 * with a clock that stands still until the test moves it.
 */
export async function createTestApp(env: Record<string, string> = {}, start = '2026-03-02T01:00:00.000Z'): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'safety-e2e-'));
  const config = loadAppConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'error', ...NO_PERIODIC_CHECKPOINTS, ...env });
  const clock = new FixedClock(start);
  const app = await NestFactory.create(ApiModule.forRoot({ config, clock }), { bodyParser: false, logger: ['error'] });
  configureApp(app);
  await app.init();
  return {
    app,
    http: app.getHttpServer(),
    store: app.get<EventStore>(EVENT_STORE),
    clock,
    config,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
