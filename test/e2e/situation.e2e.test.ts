// End to end in Chromium: the national situation. Before any import the dashboard's panel says so
// and offers the admin the import page; there the admin chooses a CSV file, the check lists a bad
// province by line and column, a corrected file passes, the import is confirmed, and the dashboard
// and the big screen show the provinces with the time of the data.
// Screenshots go to screenshots/situation-*.png.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, type TestApp } from '../support/app';
import { startE2eApp, type E2eApp, SHOTS, type BrowserSession, type Credentials } from '../support/e2e';
import { reportDay } from '../../src/domain/time';

const ADMIN = { username: 'admin', password: ADMIN_PASSWORD };
const COMMAND = { username: 'sit_command', password: 'command-password-9', displayName: '自治区指挥部', role: 'command', jurisdictionCode: '54' };

const CSV = [
  '省份,新增确诊,新增无症状,现有确诊,高风险区,中风险区',
  '吉林省,1895,1004,20340,12,30',
  '上海,1250,7355,9512,35,12',
  '四川省,3,12,40,1,4',
  '540000,0,0,2,,',
].join('\n');

describe('importing the national situation and seeing it on the dashboard', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let base: string;
  let app: E2eApp;
  let admin: Page;

  const openAs = (user: Credentials, viewport?: { width: number; height: number }) => browser.openAs(user, { viewport });
  const shot = (page: Page, name: string, fullPage?: boolean) => browser.shot(page, name, fullPage);

  const chooseCsv = (page: Page, name: string, csv: string) =>
    page.locator('input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });

  beforeAll(async () => {
    ({ browser, t, base } = app = await startE2eApp([COMMAND]));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('says on the dashboard that nothing was imported yet, with a link to the import page', async () => {
    admin = await openAs(ADMIN);
    await admin.goto(base + '/dashboard');
    const panel = admin.locator('[data-testid="situation-panel"]');
    await panel.getByText('全国疫情形势').waitFor();
    await panel.getByText('尚未导入全国疫情数据').waitFor();
    await panel.getByRole('link', { name: '去导入' }).click();
    await admin.waitForURL(/\/admin\/situation$/);
    await admin.getByText('导入全国疫情数据').first().waitFor();
  });

  it('lists a bad province by line and column, imports nothing, then imports the corrected file', async () => {
    const page = admin;
    await page.locator('#situation-source').fill('国家卫生健康委员会');
    await chooseCsv(page, '全国疫情-有误.csv', CSV.replace('四川省,3', '火星,3'));
    await page.getByText('已选择：全国疫情-有误.csv').waitFor();
    await page.getByRole('button', { name: '检查数据' }).click();
    const issues = page.locator('[data-testid="situation-issues"]');
    await issues.getByText('发现 1 处问题').waitFor();
    expect(await issues.innerText()).toContain('第 4 行“省份”列：找不到省份“火星”');
    expect(await page.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
    await shot(page, 'situation-01-check-error.png');
    expect((await t.call(t.adminToken, { method: 'GET', url: '/api/situation' })).json().report).toBeNull();

    await chooseCsv(page, '全国疫情.csv', CSV);
    await page.getByRole('button', { name: '检查数据' }).click();
    await page.getByText('检查通过：共 4 个省份').waitFor();
    const preview = page.locator('[data-testid="situation-table"]').first();
    expect(await preview.locator('.ant-table-row').first().innerText()).toContain('吉林省');
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByText('已导入 4 个省份的数据').waitFor();
    const current = page.locator('[data-testid="situation-current"]');
    await current.locator('.ant-table-row', { hasText: '上海市' }).waitFor();
    expect(await current.locator('[data-testid="situation-meta"]').innerText()).toContain('来源：国家卫生健康委员会');
    await shot(page, 'situation-02-imported.png');

    const report = (await t.call(t.adminToken, { method: 'GET', url: '/api/situation' })).json().report;
    expect(report.provinces.map((p: { name: string }) => p.name)).toEqual(['吉林省', '上海市', '四川省', '西藏自治区']);
    expect(report.format).toBe('csv');
  });

  it('shows the imported provinces and the time of the data on the dashboard', async () => {
    const page = await openAs(COMMAND);
    await page.goto(base + '/dashboard');
    const panel = page.locator('[data-testid="situation-panel"]');
    await panel.locator('.ant-table-row', { hasText: '吉林省' }).waitFor();
    const today = reportDay(new Date(), 'Asia/Shanghai');
    expect(await panel.locator('[data-testid="situation-as-of"]').innerText()).toBe(`数据时间 ${today} 00:00`);
    expect(await panel.locator('[data-testid="situation-meta"]').innerText()).toContain('系统管理员 导入于');
    const rows = await panel.locator('.ant-table-row').allInnerTexts();
    expect(rows.map((r) => r.split(/\s+/).slice(0, 3))).toEqual([
      ['1', '吉林省', '1,895'],
      ['2', '上海市', '1,250'],
      ['3', '四川省', '3'],
      ['4', '西藏自治区', '0'],
    ]);
    expect(await panel.innerText()).toContain('3,148'); // 全国合计 新增确诊
    await panel.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await panel.screenshot({ path: join(SHOTS, 'situation-03-dashboard-panel.png') });
  });

  it('shows them on the big screen at 1920×1080', async () => {
    const page = await openAs(COMMAND, { width: 1920, height: 1080 });
    await page.goto(base + '/screen');
    const board = page.locator('[data-testid="situation-board"]');
    await board.getByText('吉林', { exact: true }).waitFor();
    expect(await board.locator('tbody tr').count()).toBe(4);
    expect(await board.locator('[data-testid="situation-as-of"]').innerText()).toContain('数据时间');
    const size = await page.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }));
    expect(size).toEqual({ w: 1920, h: 1080 });
    await shot(page, 'situation-04-screen.png', false);
  });

  it('logged no page errors and made no outside requests', () => {
    expect(browser.problems).toEqual([]);
  });
});
