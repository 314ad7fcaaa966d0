import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startDashboardStack, type DashboardStack } from './dashboard-stack.js';

/**
 * Issue 13 acceptance in headless Chromium on the demo county (docs/decisions/0214). Run by `npm run test:browser`.
 * Screenshots land in test/e2e/screenshots/ (git-ignored).
 */
const SCREENSHOTS = join(process.cwd(), 'test/e2e/screenshots');
const MONTH = '2024-08';
const OTHER_MONTH = '2024-06';
const MINUS = '\u2212';
const INDICATORS = [
  'enterprises',
  'enrolledRate',
  'systemEstablishedRate',
  'listCoverage',
  'modelEnterprises',
  'trainingCoverage',
  'guidanceVisits',
  'injuryDeclarations',
  'injuryRatePer1000',
  'followUpOnTimeRate',
  'rectificationClosureRate',
  'recurrences',
] as const;
const RATES = new Set([
  'enrolledRate',
  'systemEstablishedRate',
  'listCoverage',
  'trainingCoverage',
  'followUpOnTimeRate',
  'rectificationClosureRate',
]);

type Loose = Record<string, unknown>;
interface ApiRow {
  zoneId: string;
  score: number;
  rank: number;
  rankChange: number | null;
  values: Record<string, number | null>;
}

/** The API's competition rows, whether indicators are flat on the row or nested under `indicators`. */
function apiRows(body: Loose): ApiRow[] {
  const list = (body.zones ?? body.rows ?? body.items) as Loose[];
  return list.map((row) => {
    const source = (row.indicators as Loose | undefined) ?? row;
    return {
      zoneId: String(row.zoneId ?? row.zone ?? row.id),
      score: row.score as number,
      rank: row.rank as number,
      rankChange: (row.rankChange ?? null) as number | null,
      values: Object.fromEntries(
        INDICATORS.map((k) => [k, (source[k] ?? null) as number | null]),
      ),
    };
  });
}

/** What the table shows for one API value: rates as % with one decimal, the score and injury rate with two. */
function shownAs(indicator: string, value: number | null): number | null {
  if (value === null) return null;
  if (RATES.has(indicator)) return Math.round(value * 1000) / 10;
  if (indicator === 'score' || indicator === 'injuryRatePer1000')
    return Math.round(value * 100) / 100;
  return value;
}
function parseShown(text: string): number | null {
  const clean = text.replace(/[,%\s]/g, '').replace(MINUS, '-');
  return clean === '—' || clean === '' ? null : Number(clean);
}

/** Every number of the competition table, as the page shows it and as its data-value holds it. */
async function tableCells(page: Page) {
  return page.$$eval('[data-testid=competition-table] tbody tr', (rows) =>
    rows.map((tr) => ({
      zoneId: tr.getAttribute('data-zone')!,
      cells: Array.from(tr.querySelectorAll('[data-indicator]')).map(
        (cell) => ({
          indicator: cell.getAttribute('data-indicator')!,
          value: cell.getAttribute('data-value')!,
          text: (
            cell.querySelector('a')?.textContent ??
            cell.childNodes[0]?.textContent ??
            ''
          ).trim(),
        }),
      ),
    })),
  );
}

function expectTableEqualsApi(
  table: Awaited<ReturnType<typeof tableCells>>,
  rows: ApiRow[],
) {
  expect(table.map((r) => r.zoneId)).toEqual(
    [...rows].sort((a, b) => a.rank - b.rank).map((r) => r.zoneId),
  );
  let compared = 0;
  for (const row of rows) {
    const shown = table.find((r) => r.zoneId === row.zoneId)!;
    const expected: Record<string, number | null> = {
      ...row.values,
      score: row.score,
      rank: row.rank,
      rankChange: row.rankChange,
    };
    for (const cell of shown.cells) {
      const api = expected[cell.indicator];
      const exact = cell.value === '' ? null : Number(cell.value);
      expect({ zone: row.zoneId, indicator: cell.indicator, exact }).toEqual({
        zone: row.zoneId,
        indicator: cell.indicator,
        exact: api,
      });
      if (cell.indicator !== 'rank' && cell.indicator !== 'rankChange') {
        expect({
          zone: row.zoneId,
          indicator: cell.indicator,
          shown: parseShown(cell.text),
        }).toEqual({
          zone: row.zoneId,
          indicator: cell.indicator,
          shown: shownAs(cell.indicator, api),
        });
      }
      compared++;
    }
  }
  return compared;
}

/** A chart counts as drawn when its canvas has a fair share of non-white pixels. */
async function expectChartsDrawn(page: Page) {
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll('.chart')).every((c) =>
      c.querySelector('canvas'),
    ),
  );
  const inked = await page.$$eval('.chart canvas', (canvases) =>
    canvases.map((canvas) => {
      const c = canvas as HTMLCanvasElement;
      const data = c
        .getContext('2d')!
        .getImageData(0, 0, c.width, c.height).data;
      let ink = 0;
      for (let i = 0; i < data.length; i += 16)
        if (
          data[i + 3] > 0 &&
          (data[i] < 230 || data[i + 1] < 230 || data[i + 2] < 230)
        )
          ink++;
      return ink;
    }),
  );
  expect(inked.length).toBeGreaterThan(0);
  for (const ink of inked) expect(ink).toBeGreaterThan(50);
}

async function screenshots(page: Page, name: string) {
  for (const width of [1280, 768]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(150); // let ECharts follow the resize before the picture
    await page.screenshot({
      path: join(SCREENSHOTS, `${name}-${width}.png`),
      fullPage: true,
    });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('the dashboard in headless Chromium on the demo county', () => {
  let stack: DashboardStack;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    stack = await startDashboardStack();
    page = await stack.browser.newPage();
  }, 600_000);
  afterAll(async () => {
    await stack?.close();
  });

  it('signs in with the embedded admin token when the service asks for one, and works without one otherwise', async () => {
    await page.goto(`${stack.baseUrl}/competition?month=${MONTH}`);
    const unauthenticated = await fetch(`${stack.baseUrl}/api/v1/zones`);
    const seeded = await page.evaluate(() =>
      localStorage.getItem('dashboard.token'),
    );
    if (unauthenticated.status === 401 && seeded) {
      // Access control is on and the harness put the token in the browser beforehand: the user is signed in.
      expect(seeded).toBe(stack.adminToken);
      process.stdout.write(
        '[dashboard] the service asks for a token; the browser already holds DATA_DIR/admin.token\n',
      );
    } else if (unauthenticated.status === 401) {
      // Access control is on: the page asks for the token, which is pasted once and kept.
      expect(stack.adminToken).not.toBe('');
      await page.locator('[data-testid=sign-in]').waitFor();
      await screenshots(page, 'sign-in');
      await page
        .locator('[data-testid=sign-in] [data-testid=token-input]')
        .fill(stack.adminToken);
      await page
        .locator('[data-testid=sign-in] [data-testid=token-save]')
        .click();
      await page
        .locator('[data-testid=sign-in]')
        .waitFor({ state: 'detached' });
      await expect(
        page.locator('nav.side a', { hasText: '审计' }).count(),
      ).resolves.toBe(1);
      process.stdout.write(
        '[dashboard] the service asked for a token; signed in with DATA_DIR/admin.token\n',
      );
    } else {
      expect(unauthenticated.status).toBe(200);
      process.stdout.write(
        '[dashboard] the service has no access control: no token needed\n',
      );
    }
    await page
      .locator('[data-testid=competition-table] tbody tr')
      .first()
      .waitFor();
    await expect(page.locator('[data-testid=sign-in]').count()).resolves.toBe(
      0,
    );
  }, 60_000);

  it('shows the competition table; prints the time until it is visible', async () => {
    // Two visits after the sign-in step opened the page once: what a leader sees on opening the page.
    // Figures, not assertions (docs/decisions/0214).
    for (const visit of ['timed visit 1', 'timed visit 2']) {
      const started = Date.now();
      await page.goto(`${stack.baseUrl}/competition?month=${MONTH}`);
      await page
        .locator('[data-testid=competition-table] tbody tr')
        .first()
        .waitFor({ state: 'visible' });
      const wall = Date.now() - started;
      const sinceNavigation = await page.evaluate(() =>
        Math.round(
          performance.getEntriesByName('competition-table-visible')[0]
            ?.startTime ?? NaN,
        ),
      );
      process.stdout.write(
        `\n[dashboard] time to the competition table being visible (demo county, ${MONTH}, ${visit}): ${sinceNavigation} ms from navigation start (${wall} ms wall clock around page.goto); target < 1500 ms\n`,
      );
    }
    await expectChartsDrawn(page);
    await screenshots(page, 'competition');
  }, 60_000);

  it('picks a month and shows exactly the API answer for that month in every cell', async () => {
    await page.goto(`${stack.baseUrl}/competition?month=${MONTH}`);
    await page.locator('[data-testid=competition-table]').waitFor();
    await page.fill('[data-testid=month-input]', OTHER_MONTH);
    await page.press('[data-testid=month-input]', 'Enter');
    await page
      .locator(`[data-testid=competition-table][data-month="${OTHER_MONTH}"]`)
      .waitFor();
    const body = await stack.get<Loose>(
      `/api/v1/zones/competition?month=${OTHER_MONTH}`,
    );
    const rows = apiRows(body);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    const compared = expectTableEqualsApi(await tableCells(page), rows);
    expect(compared).toBe(rows.length * (INDICATORS.length + 3));
    process.stdout.write(
      `[dashboard] competition ${OTHER_MONTH}: ${compared} cells equal the API's answer\n`,
    );

    // CSV export: UTF-8 with a byte-order mark, Chinese headers, one line per zone with the exact values.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=export-competition]'),
    ]);
    const csv = readFileSync(await download.path());
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0].split(',').slice(0, 4)).toEqual([
      '排名',
      '名次变化',
      '片区',
      '得分',
    ]);
    expect(lines).toHaveLength(rows.length + 1);
    expect(Number(lines[1].split(',')[3])).toBe(
      [...rows].sort((a, b) => a.rank - b.rank)[0].score,
    );

    // Print stylesheet: no controls, the table and the charts.
    await page.emulateMedia({ media: 'print' });
    await expect(
      page.locator('[data-testid=export-competition]').isVisible(),
    ).resolves.toBe(false);
    await expect(
      page.locator('[data-testid=competition-table]').isVisible(),
    ).resolves.toBe(true);
    await page.screenshot({
      path: join(SCREENSHOTS, 'competition-print.png'),
      fullPage: true,
    });
    await page.emulateMedia({ media: 'screen' });
  }, 60_000);

  it('shows the six public figures for January–August 2024 at the public report precisions', async () => {
    await page.goto(`${stack.baseUrl}/reduction?from=2024-01-01&to=2024-08-31`);
    await page
      .locator('[data-testid=reduction-table] tbody tr')
      .first()
      .waitFor();
    const shown = await page.$$eval(
      '[data-testid=reduction-table] [data-col=changePercent]',
      (cells) => cells.map((c) => c.textContent.trim()),
    );
    expect(shown).toEqual([
      `${MINUS}36.3%`,
      `${MINUS}41.6%`,
      `${MINUS}75%`,
      `${MINUS}37.04%`,
      `${MINUS}37.04%`,
      `${MINUS}86.24%`,
    ]);
    process.stdout.write(
      `[dashboard] reduction Jan–Aug 2024: ${shown.join(' ')}\n`,
    );
    // The precision is per figure: two decimals for deaths changes only that figure.
    await page.selectOption('[data-testid=precision-deaths]', '2');
    await expect(
      page
        .locator('[data-figure=deaths] [data-col=changePercent]')
        .textContent(),
    ).resolves.toContain(`${MINUS}41.56%`);
    await expect(
      page
        .locator('[data-figure=accidents] [data-col=changePercent]')
        .textContent(),
    ).resolves.toContain(`${MINUS}36.3%`);
    await page.selectOption('[data-testid=precision-deaths]', '1');
    await page.locator('[data-testid=monthly-chart] canvas').waitFor();
    await expectChartsDrawn(page);
    await screenshots(page, 'reduction');
  }, 60_000);

  it('opens "deaths" and lists as many facts as the API counts behind it', async () => {
    await page.goto(`${stack.baseUrl}/reduction?from=2024-01-01&to=2024-08-31`);
    await page.click('[data-testid=facts-deaths]');
    await page.locator('[data-testid=facts-included-count]').waitFor();
    const facts = await stack.get<Loose>(
      '/api/v1/metrics/accident-reduction/facts?figure=deaths&period=current&from=2024-01-01&to=2024-08-31&pageSize=200',
    );
    const apiTotal = facts.contributingTotal as number;
    const deaths = (
      await stack.get<Loose>(
        '/api/v1/metrics/accident-reduction?from=2024-01-01&to=2024-08-31',
      )
    ).deaths as { current: number };
    const count = Number(
      await page.getAttribute(
        '[data-testid=facts-included-count]',
        'data-count',
      ),
    );
    const rows = await page
      .locator('[data-testid=facts-included] tbody tr')
      .count();
    expect(count).toBe(apiTotal);
    expect(rows).toBe(apiTotal);
    expect(rows).toBeGreaterThan(0);
    // The lines that count add up to the figure itself.
    const counted = await page.$$eval(
      '[data-testid=facts-included] tbody tr td:nth-child(3)',
      (cells) => cells.reduce((sum, c) => sum + Number(c.textContent), 0),
    );
    expect(counted).toBe(deaths.current);
    process.stdout.write(
      `[dashboard] deaths Jan–Aug 2024: ${rows} facts listed (the API counts ${apiTotal}), adding up to ${counted} deaths\n`,
    );
    await screenshots(page, 'facts-deaths');
  }, 60_000);

  it('switches to English', async () => {
    await page.goto(`${stack.baseUrl}/reduction?from=2024-01-01&to=2024-08-31`);
    await page.locator('[data-testid=reduction-table]').waitFor();
    await expect(page.locator('h1').textContent()).resolves.toBe(
      '事故同比下降情况',
    );
    await page.click('[data-testid=locale-switch]');
    await expect(page.locator('h1').textContent()).resolves.toBe(
      'Year-over-year accident reduction',
    );
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(
      page.locator('[data-figure=deaths] th').textContent(),
    ).resolves.toBe('Deaths');
    await screenshots(page, 'reduction-en');
    await page.click('[data-testid=locale-switch]');
    await expect(page.locator('h1').textContent()).resolves.toBe(
      '事故同比下降情况',
    );
  }, 60_000);

  it('opens an enterprise from the list', async () => {
    await page.goto(`${stack.baseUrl}/enterprises`);
    const link = page.locator('[data-testid=enterprise-link]').first();
    await link.waitFor();
    const name = (await link.textContent())!.trim();
    await screenshots(page, 'enterprises');
    await link.click();
    await expect(
      page.locator('[data-testid=enterprise-name]').textContent(),
    ).resolves.toBe(name);
    expect(new URL(page.url()).pathname).toMatch(
      /^\/enterprises\/[0-9A-Z]{18}$/,
    );
    await expect(
      page.locator('[data-testid=stage-ladder] li').count(),
    ).resolves.toBe(7);
    await screenshots(page, 'enterprise');
  }, 60_000);

  it('changes the figures to the asRecordedAt answer with the as-of control, under a banner', async () => {
    await page.goto(`${stack.baseUrl}/competition?month=${MONTH}`);
    await page
      .locator(`[data-testid=competition-table][data-month="${MONTH}"]`)
      .waitFor();
    const now = apiRows(
      await stack.get<Loose>(`/api/v1/zones/competition?month=${MONTH}`),
    );
    expectTableEqualsApi(await tableCells(page), now);
    // 1 May 2024, 08:00 Beijing time = 00:00 UTC: the leaderboard as it was recorded then.
    await page.fill('[data-testid=as-of-input]', '2024-05-01T08:00');
    await page.press('[data-testid=as-of-input]', 'Enter');
    await page.locator('[data-testid=as-of-banner]').waitFor();
    const asOf = '2024-05-01T00:00:00.000Z';
    await page.waitForURL((url) => url.searchParams.get('asOf') === asOf);
    const then = apiRows(
      await stack.get<Loose>(
        `/api/v1/zones/competition?month=${MONTH}&asRecordedAt=${encodeURIComponent(asOf)}`,
      ),
    );
    expect(then).not.toEqual(now);
    await page.waitForFunction(
      (expected) => {
        const cell = document.querySelector(
          `[data-testid=competition-table] tr[data-zone="${expected.zone}"] [data-indicator=enterprises]`,
        );
        return cell?.getAttribute('data-value') === String(expected.value);
      },
      { zone: then[0].zoneId, value: then[0].values.enterprises },
    );
    const compared = expectTableEqualsApi(await tableCells(page), then);
    process.stdout.write(
      `[dashboard] as of ${asOf}: ${compared} cells equal the asRecordedAt answer (they differ from today's)\n`,
    );
    await screenshots(page, 'competition-as-of');
    await page.click('text=回到当前');
    await page
      .locator('[data-testid=as-of-banner]')
      .waitFor({ state: 'detached' });
  }, 60_000);

  it('shows the weekly feed, the worklist, feed intake and audit views', async () => {
    for (const [name, path] of [
      ['weekly', '/weekly?week=2024-W24'],
      ['worklist', '/worklist'],
      ['feed', '/feed'],
      ['audit', '/audit'],
    ] as const) {
      await page.goto(`${stack.baseUrl}${path}`);
      await page.locator('main h1').waitFor();
      await page.waitForLoadState('networkidle');
      await screenshots(page, name);
    }
    // An overdue case opened from the worklist, and a case closed after a verified rectification.
    await page.goto(`${stack.baseUrl}/worklist?status=follow-up-overdue`);
    const caseLink = page.locator('[data-testid=case-link]').first();
    await caseLink.waitFor();
    const claimId = (await caseLink.textContent())!.trim();
    await caseLink.click();
    await expect(
      page.locator('[data-testid=case-title]').textContent(),
    ).resolves.toContain(claimId);
    await screenshots(page, 'case-overdue');
    const closed = await stack.get<{
      items: {
        claimId: string;
        rectification: { verifiedAt: string | null };
      }[];
    }>('/api/v1/injury-cases?status=closed&pageSize=200');
    const verified =
      closed.items.find((c) => c.rectification.verifiedAt !== null) ??
      closed.items[0];
    expect(verified).toBeDefined();
    await page.goto(`${stack.baseUrl}/cases/${verified.claimId}`);
    await page.locator('[data-testid=case-timeline] li').nth(3).waitFor();
    await screenshots(page, 'case-closed');
  }, 120_000);
});
