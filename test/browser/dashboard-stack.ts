import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { loadAppConfig } from '@app/app-config';
import { OverdueFollowUpScheduler } from '@app/injuries';
import { parseArgs } from '../../apps/cli/src/cli-args.js';
import { demoCommand } from '../../apps/cli/src/commands/demo.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** Debian's chromium; no browser is ever downloaded (docs/decisions/0214). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface DashboardStack {
  baseUrl: string;
  api: TestApp;
  browser: BrowserContext;
  /** The embedded admin token (DATA_DIR/admin.token) when the service has access control, else ''. */
  adminToken: string;
  /** GET an API path from the test, as the dashboard would. */
  get<T = unknown>(path: string): Promise<T>;
  close(): Promise<void>;
}

/**
 * `npm run demo` (the CLI's demo command, in process) into a fresh DATA_DIR, apps/api on a random port serving the
 * built dashboard, and a headless chromium with a fresh profile.
 */
export async function startDashboardStack(): Promise<DashboardStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dashboard-demo-'));
  const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  const t0 = Date.now();
  const status = await demoCommand(
    parseArgs(['demo']),
    loadAppConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'error' }),
  );
  if (status !== 0) throw new Error(`demo exited ${status}`);
  const t1 = Date.now();
  const api = await createTestApp({ DATA_DIR: dataDir });
  await api.app.listen(0, '127.0.0.1');
  const { port } = api.app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const tokenFile = join(dataDir, 'admin.token');
  const adminToken = existsSync(tokenFile)
    ? readFileSync(tokenFile, 'utf8').trim()
    : '';
  const headers: Record<string, string> = adminToken
    ? { Authorization: `Bearer ${adminToken}` }
    : {};
  // One deadline scan now, as the scheduler would make within a minute: the worklist then holds the overdue
  // follow-ups whatever the machine's speed (the test clock stands well after every demo deadline).
  await api.app.get(OverdueFollowUpScheduler).tick();
  // The embedded projector catches up with the demo log before the first page is opened; minPosition waits
  // at most 5 s a request, so ask until the answer's X-Projection-Position reaches the head.
  const head = Number(await api.store.headPosition());
  for (let position = -1; position < head;) {
    const ready = await fetch(
      `${baseUrl}/api/v1/enterprises?pageSize=1&minPosition=${head}`,
      { headers },
    );
    if (!ready.ok)
      throw new Error(
        `read models did not answer: ${ready.status} ${await ready.text()}`,
      );
    position = Number(ready.headers.get('x-projection-position'));
  }
  process.stdout.write(
    `[dashboard] demo county loaded in ${t1 - t0} ms; api up and read models caught up after ${Date.now() - t1} ms more\n`,
  );
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  return {
    baseUrl,
    api,
    browser,
    adminToken,
    async get<T>(path: string): Promise<T> {
      const response = await fetch(`${baseUrl}${path}`, { headers });
      if (!response.ok)
        throw new Error(
          `GET ${path} → ${response.status} ${await response.text()}`,
        );
      return (await response.json()) as T;
    },
    async close() {
      await browser.close();
      await api.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
