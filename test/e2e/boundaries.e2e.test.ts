// End to end in Chromium: the admin uploads a boundary GeoJSON of 拉萨市 (synthetic county
// rectangles) with its 审图号 on /admin/boundaries — a bad file first, refused with the field named
// — then the command centre drills into 拉萨市 on the dashboard and the big screen and sees the
// uploaded map with "审图号：…" under it instead of ranked bars; deleting it goes back to the bars.
// Screenshots go to screenshots/boundaries-*.png.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD } from '../support/app';
import { startE2eApp, type E2eApp, type BrowserSession, type Credentials } from '../support/e2e';
import { CHENGGUAN_TILE, lhasaCounties } from '../support/boundaries';

const REVIEW = '藏S(2022)001号';
const COMMAND = { username: 'bnd_command', password: 'command-password-9', displayName: '自治区指挥部', role: 'command', jurisdictionCode: '54' } as const;
/** Where 拉萨市 lies on the schematic map of the region. */
const LHASA = [91.132212, 29.660361];

describe('uploaded boundary maps in the browser', () => {
  let browser: BrowserSession;
  let base: string;
  let app: E2eApp;
  let files: string;
  let admin: Page;
  let dash: Page;

  const openAs = (user: Credentials, viewport?: { width: number; height: number }) => browser.openAs(user, { viewport });
  const shot = (page: Page, name: string, fullPage?: boolean) => browser.shot(page, name, fullPage);

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

  const mapName = (page: Page) =>
    page.evaluate(() => {
      const series = window.__dashboardChart?.getOption().series as { map?: string }[] | undefined;
      return series?.[0]?.map ?? null;
    });
  const breadcrumb = (page: Page) => page.locator('.ant-breadcrumb').innerText();

  beforeAll(async () => {
    files = mkdtempSync(join(tmpdir(), 'fangkong-geojson-'));
    writeFileSync(join(files, 'lhasa-counties.geojson'), JSON.stringify(lhasaCounties()));
    const bad = lhasaCounties();
    bad.features[3].properties = { code: '540202', name: '桑珠孜区' };
    writeFileSync(join(files, 'lhasa-wrong.geojson'), JSON.stringify(bad));
    ({ browser, base } = app = await startE2eApp([COMMAND]));
  });

  afterAll(async () => {
    await app?.close();
    if (files) rmSync(files, { recursive: true, force: true });
  });

  it('the admin uploads the map of 拉萨市 from the menu, after a bad file is refused with the field named', async () => {
    admin = await openAs({ username: 'admin', password: ADMIN_PASSWORD });
    await admin.getByRole('menuitem', { name: '边界地图' }).click();
    await admin.waitForURL(/\/admin\/boundaries/);
    await admin.getByText('边界地图（审图号）').waitFor();

    await admin.locator('#boundary-jurisdiction').click();
    await admin.keyboard.type('拉萨市');
    await admin.locator('.ant-select-tree-node-content-wrapper', { hasText: /^拉萨市（/ }).first().click();
    await admin.locator('input[type=file]').setInputFiles(join(files, 'lhasa-wrong.geojson'));
    await admin.locator('#boundary-review-number').fill(REVIEW);
    await admin.locator('[data-testid="boundary-upload"]').click();
    const error = admin.locator('[data-testid="boundary-error"]');
    await error.waitFor();
    expect(await error.innerText()).toContain('边界文件“features[3].properties.code”：540202（桑珠孜区）不在拉萨市的下级辖区中');
    await shot(admin, 'boundaries-01-refused.png');
    expect(await admin.locator('[data-testid="boundary-list"] .ant-table-row').count()).toBe(0);

    await admin.locator('input[type=file]').setInputFiles(join(files, 'lhasa-counties.geojson'));
    expect(await error.count()).toBe(0);
    await admin.locator('[data-testid="boundary-upload"]').click();
    const row = admin.locator('[data-testid="boundary-list"] .ant-table-row', { hasText: '拉萨市（5401）' });
    await row.waitFor();
    expect(await row.innerText()).toContain(REVIEW);
    expect(await row.innerText()).toContain('8');
    await shot(admin, 'boundaries-02-uploaded.png');
  });

  it('the dashboard draws the uploaded map of 拉萨市 on drilling in, with its 审图号 under it', async () => {
    dash = await openAs(COMMAND);
    await dash.goto(base + '/dashboard?refresh=30');
    await dash.locator('[data-testid="region-map"] canvas').first().waitFor();
    // The region itself has no upload: the schematic map and its notice.
    await dash.getByText('示意图 · 边界数据来源：Apache ECharts 4.9.0 地图数据').waitFor();
    expect(await mapName(dash)).toBe('fk-54');

    await clickMapAt(dash, LHASA);
    await expect.poll(() => breadcrumb(dash)).toContain('拉萨市');
    await expect.poll(() => mapName(dash)).toMatch(/^fk-upload-5401-/);
    await dash.locator('[data-testid="region-map"] canvas').first().waitFor();
    expect(await dash.locator('[data-testid="map-note"]').innerText()).toBe('审图号：' + REVIEW);
    expect(await dash.locator('[data-testid="child-bars"]').count()).toBe(0);
    expect(await dash.getByText('下级辖区排行').count()).toBe(0);
    // Every county of the file is a region of the map, named by its child's code.
    const regions = await dash.evaluate(() => {
      const chart = window.__dashboardChart!;
      const model = (chart as unknown as { getModel(): { getSeriesByIndex(i: number): { getData(): { count(): number; getName(i: number): string } } } })
        .getModel().getSeriesByIndex(0).getData();
      return Array.from({ length: model.count() }, (_, i) => model.getName(i));
    });
    expect(regions).toEqual(expect.arrayContaining(['城关区', '堆龙德庆区', '达孜区', '林周县', '当雄县', '尼木县', '曲水县', '墨竹工卡县']));
    await shot(dash, 'boundaries-03-dashboard-lhasa.png');

    // A click on 城关区's rectangle drills on; there is no map below it: ranked bars.
    await clickMapAt(dash, CHENGGUAN_TILE);
    await expect.poll(() => breadcrumb(dash)).toContain('城关区');
    await dash.locator('[data-testid="child-bars"] canvas').first().waitFor();
    expect(await dash.locator('[data-testid="region-map"]').count()).toBe(0);
    await dash.locator('.ant-breadcrumb a', { hasText: '拉萨市' }).click();
    await expect.poll(() => mapName(dash)).toMatch(/^fk-upload-5401-/);
  });

  it('the big screen draws it too', async () => {
    const page = await openAs(COMMAND, { width: 1920, height: 1080 });
    await page.goto(base + '/screen?refresh=30');
    await page.locator('[data-testid="region-map"] canvas').first().waitFor();
    await clickMapAt(page, LHASA);
    await expect.poll(() => mapName(page)).toMatch(/^fk-upload-5401-/);
    expect(await page.locator('[data-testid="map-note"]').innerText()).toBe('审图号：' + REVIEW);
    await shot(page, 'boundaries-04-screen-lhasa.png', false);
  });

  it('deleting the map (after confirming) goes back to ranked bars for 拉萨市', async () => {
    const row = admin.locator('[data-testid="boundary-list"] .ant-table-row', { hasText: '拉萨市（5401）' });
    await row.getByRole('button', { name: /删\s*除/ }).click();
    await admin.locator('.ant-popconfirm').getByText('删除拉萨市的边界地图？看板将恢复显示示意图。').waitFor();
    await admin.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect.poll(() => admin.locator('[data-testid="boundary-list"] .ant-table-row').count()).toBe(0);

    await dash.reload();
    await dash.locator('[data-testid="region-map"] canvas').first().waitFor();
    await clickMapAt(dash, LHASA);
    await expect.poll(() => breadcrumb(dash)).toContain('拉萨市');
    await dash.locator('[data-testid="child-bars"] canvas').first().waitFor();
    expect(await dash.locator('[data-testid="region-map"]').count()).toBe(0);
  });

  it('logged no page errors and made no outside requests', () => {
    expect(browser.problems).toEqual([]);
  });
});
