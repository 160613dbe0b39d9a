// End to end in Chromium: the command dashboard and the big screen. The command centre of the
// region opens /dashboard and sees the arrivals registered through the API; one more registration
// shows on the open page without a reload; a click on 拉萨市 on the map drills down to its
// districts and the breadcrumb goes back up; /screen renders at 1920×1080.
// The page polls every `?refresh=2` seconds here, so the test passes whether or not the server's
// change stream (/api/stream) answers; with the stream the update comes sooner.
// Screenshots go to screenshots/dash-*.png.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { type TestApp } from '../support/app';
import { startE2eApp, type E2eApp, SHOTS, type BrowserSession, type Credentials } from '../support/e2e';
import { buildArrival, entryPointId } from '../support/factories';


const USERS = {
  command: { username: 'dash_command', password: 'command-password-9', displayName: '自治区指挥部大屏', role: 'command', jurisdictionCode: '54' },
  desk: { username: 'dash_desk', password: 'desk-password-9', displayName: '贡嘎机场分流台', role: 'triage_desk', jurisdictionCode: '5401' },
} as const;

/** Where 拉萨市 lies (its administrative centre), in the map's longitude/latitude. */
const LHASA = [91.132212, 29.660361];

describe('the command dashboard and the big screen in the browser', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let base: string;
  let app: E2eApp;
  let deskToken: string;
  let entryPoint: string;
  let dashPage: Page;

  const register = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const res = await t.call(deskToken, { method: 'POST', url: '/api/arrivals', payload: buildArrival(entryPoint, { originCode: i % 2 ? '5101' : '6101' }) });
      expect(res.statusCode, res.body).toBeLessThan(300);
    }
  };

  const openAs = (user: Credentials, viewport?: { width: number; height: number }) => browser.openAs(user, { viewport });
  const shot = (page: Page, name: string, fullPage?: boolean) => browser.shot(page, name, fullPage);

  const arrivalsToday = (page: Page) => page.locator('[data-testid="fig-arrivals"] .ant-statistic-content-value').innerText();
  const breadcrumb = (page: Page) => page.locator('.ant-breadcrumb').innerText();

  /** Clicks the map where the given longitude/latitude is drawn, as a user would. */
  async function clickMapAt(page: Page, lngLat: number[]) {
    await page.waitForFunction(() => !!window.__dashboardChart);
    const at = await page.evaluate((ll) => {
      const chart = window.__dashboardChart!;
      const [x, y] = chart.convertToPixel({ seriesIndex: 0 }, ll);
      const box = chart.getDom().getBoundingClientRect();
      return { x: box.left + x, y: box.top + y };
    }, lngLat);
    await page.mouse.click(at.x, at.y);
  }

  beforeAll(async () => {
    ({ browser, t, base } = app = await startE2eApp(Object.values(USERS)));
    deskToken = await t.login(USERS.desk.username, USERS.desk.password);
    entryPoint = await entryPointId(t.ctx);
    await register(3);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('shows the arrivals registered and updates without a reload when one more is registered', async () => {
    dashPage = await openAs(USERS.command);
    await dashPage.getByRole('menuitem', { name: '指挥看板' }).click();
    await dashPage.waitForURL(/\/dashboard/);
    // Poll every 2 s for the test (the default is 30 s when the change stream is not there).
    await dashPage.goto(base + '/dashboard?refresh=2');
    await dashPage.getByText('人员信息采集已登记').first().waitFor();
    await expect.poll(() => arrivalsToday(dashPage)).toBe('3');
    await dashPage.locator('[data-testid="region-map"] canvas').first().waitFor();
    await dashPage.getByText('示意图 · 边界数据来源：Apache ECharts 4.9.0 地图数据').waitFor();
    expect(await dashPage.locator('.ant-table-row', { hasText: '拉萨市' }).innerText()).toContain('3');
    await shot(dashPage, 'dash-01-dashboard.png');

    const marker = await dashPage.evaluate(() => ((window as unknown as { __noReload: number }).__noReload = Date.now()));
    await register(1);
    await expect.poll(() => arrivalsToday(dashPage), { timeout: 10_000, interval: 250 }).toBe('4');
    // The same document: no reload happened.
    expect(await dashPage.evaluate(() => (window as unknown as { __noReload?: number }).__noReload)).toBe(marker);
    expect(await dashPage.locator('[data-testid="fig-arrivals-total"]').innerText()).toBe('4');
  });

  it('shows registrations per entry point by hour and by day, and the hand-off funnel', async () => {
    const page = dashPage;
    const funnel = page.locator('[data-testid="handoff-funnel"]');
    await expect.poll(() => funnel.innerText()).toMatch(/已登记\s*4/);
    expect(await funnel.innerText()).toMatch(/待接收 4 人，其中超时 0 人/);
    const series = () => page.evaluate(() => JSON.stringify(window.__fkCharts?.['entry-points-hour']?.getOption().series));
    await expect.poll(series).toContain('拉萨贡嘎国际机场');
    const hourly = JSON.parse(await series()) as { data: number[] }[];
    expect(hourly[0].data).toHaveLength(24);
    expect(hourly[0].data.reduce((a, b) => a + b, 0)).toBe(4);
    await page.getByText('近 7 天').click();
    await page.waitForFunction(() => !!window.__fkCharts?.['entry-points-day']);
    const daily = await page.evaluate(() => (window.__fkCharts!['entry-points-day'].getOption().series as { data: number[] }[])[0].data);
    expect(daily).toHaveLength(7);
    expect(daily[6]).toBe(4);
    await page.locator('[data-testid="handoff-funnel"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'dash-05-flow.png') });
    await page.getByText('当日分时').click();
    await page.evaluate(() => window.scrollTo(0, 0));
  });

  it('ranks the cities of an origin province on a click on its bar', async () => {
    const page = dashPage;
    await page.getByText('来源省份排行').waitFor();
    // Bars are drawn largest on top; 陕西省 (61) has 3 of the 4 arrivals.
    await page.waitForFunction(() => !!window.__fkCharts?.['origin-bars']);
    const at = await page.evaluate(() => {
      const chart = window.__fkCharts!['origin-bars'];
      const [x, y] = chart.convertToPixel({ seriesIndex: 0 }, [1, '陕西省']);
      const box = chart.getDom().getBoundingClientRect();
      return { x: box.left + x, y: box.top + y };
    });
    await page.mouse.click(at.x, at.y);
    await page.getByText('来源城市排行（陕西省）').waitFor();
    await expect.poll(() => page.evaluate(() => JSON.stringify(window.__fkCharts?.['origin-bars']?.getOption().yAxis))).toContain('西安市');
    await page.getByText('全部省份').click();
    await page.getByText('来源省份排行').waitFor();
  });

  it('drills down by a click on 拉萨市 on the map and back up by the breadcrumb', async () => {
    const page = dashPage;
    const region = await breadcrumb(page);
    await clickMapAt(page, LHASA);
    await expect.poll(() => breadcrumb(page)).toContain('拉萨市');
    // Below the city level there is no open boundary data: ranked bars instead of a map.
    await page.locator('[data-testid="child-bars"] canvas').first().waitFor();
    await page.getByText('下级辖区排行').waitFor();
    await expect.poll(() => page.locator('.ant-table-row', { hasText: '城关区' }).count()).toBe(1);
    await expect.poll(() => arrivalsToday(page)).toBe('4');
    expect(await page.locator('[data-testid="region-map"]').count()).toBe(0);
    await shot(page, 'dash-02-lhasa.png');

    await page.locator('.ant-breadcrumb a').first().click();
    await expect.poll(() => breadcrumb(page)).toBe(region);
    await page.locator('[data-testid="region-map"] canvas').first().waitFor();
    await expect.poll(() => page.locator('.ant-table-row', { hasText: '那曲市' }).count()).toBe(1);
  });

  it('renders the big screen at 1920×1080', async () => {
    const page = await openAs(USERS.command, { width: 1920, height: 1080 });
    await page.goto(base + '/screen?refresh=2');
    await page.locator('[data-testid="screen"]').waitFor();
    await page.getByText('疫情防控大数据平台').waitFor();
    await expect.poll(() => page.locator('[data-testid="screen-fig-arrivals"]').innerText()).toContain('4');
    await page.locator('[data-testid="region-map"] canvas').first().waitFor();
    // No app chrome on the big screen.
    expect(await page.locator('.ant-layout-sider, .ant-menu').count()).toBe(0);
    const size = await page.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }));
    expect(size).toEqual({ w: 1920, h: 1080 });
    await shot(page, 'dash-03-screen.png', false);
  });

  it('logged no page errors and made no outside requests', () => {
    expect(browser.problems).toEqual([]);
  });
});
