// End to end in Chromium: a triage desk registers an arrival by scanning a platform
// health code and using the keyboard only; the subdistrict and then the community
// receive it; the detail page shows the three stages. Screenshots go to screenshots/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { encodeHealthCode } from '../../src/domain/health-code';
import { ADMIN_PASSWORD, type TestApp } from '../support/app';
import { startE2eApp, type E2eApp, type BrowserSession, type Credentials } from '../support/e2e';


const PERSON = {
  name: '张卫东',
  // Born 1990-03-07 in 成都市锦江区 (510104), a man (odd sequence); check character worked out by hand (Σ 222, remainder 2: X).
  documentNumber: '51010419900307231X',
  phone: '13812345678',
};
const USERS = {
  desk: { username: 'desk_lhasa', password: 'desk-password-1', displayName: '拉萨分流台甲', role: 'triage_desk', jurisdictionCode: '5401' },
  subdistrict: { username: 'barkhor_street', password: 'street-password-1', displayName: '八廓街道接收员', role: 'subdistrict', jurisdictionCode: '540102002' },
  community: { username: 'ramoche_comm', password: 'community-password-1', displayName: '绕赛社区网格员', role: 'community', jurisdictionCode: '540102002001' },
} as const;

describe('arrival registration, triage and hand-offs in the browser', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let base: string;
  let app: E2eApp;
  let arrivalId: string;
  let deskPage: Page;

  const openAs = (user: Credentials | null) => browser.openAs(user, { acceptDownloads: true });
  const login = (page: Page, user: Credentials, screenshotName?: string) => browser.login(page, user, screenshotName);
  const shot = (page: Page, name: string) => browser.shot(page, name);

  const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');
  const arrivals = async () => (await t.call(t.adminToken, { method: 'GET', url: '/api/arrivals' })).json();

  beforeAll(async () => {
    ({ browser, t, base } = app = await startE2eApp(Object.values(USERS)));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('the triage desk registers a scanned arrival with the keyboard and sees the triage banner', async () => {
    const page = (deskPage = await openAs(null));
    await page.goto(base + '/desk');
    await page.waitForURL(/\/login\?next=%2Fdesk/);
    await page.getByText('疫情防控信息平台').first().waitFor();
    await page.getByText('用户登录').waitFor();
    await login(page, USERS.desk, '01-login.png');
    await page.waitForURL(/\/desk$/);

    // The entry point is chosen once per desk and remembered.
    await page.locator('#desk-entry-point').click();
    await page.keyboard.type('贡嘎');
    await page.locator('.ant-select-item-option', { hasText: '拉萨贡嘎国际机场' }).waitFor();
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => localStorage.getItem('fk.desk.entryPointId'))).toBeTruthy();
    await page.waitForFunction(() => document.activeElement?.id === 'desk-scan');

    // The scanner gun types the platform health code and presses Enter.
    const code = encodeHealthCode({ ...PERSON, documentType: 'resident_id', color: 'green', issuedAt: new Date().toISOString() });
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.type === 'radio');
    expect(await page.locator('#desk_person_name').inputValue()).toBe(PERSON.name);
    expect(await page.locator('#desk_person_documentNumber').inputValue()).toBe(PERSON.documentNumber);
    expect(await page.locator('#desk_person_phone').inputValue()).toBe(PERSON.phone);
    await expect(page.getByRole('radio', { name: /绿码/ }).getAttribute('aria-checked')).resolves.toBe('true');
    await page.getByText(`已读取平台健康码：${PERSON.name}`).waitFor();
    // The focus skipped the filled identity fields to the transport mode.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('radio');

    await page.keyboard.press('Enter');
    expect(await focusedId(page)).toBe('desk_transport_number');
    await page.keyboard.type('TV9017');
    await page.keyboard.press('Enter');
    expect(await focusedId(page)).toBe('desk_originCode');
    await page.keyboard.type('成都');
    await page.locator('.ant-select-item-option', { hasText: '成都市' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'desk_destination_code');
    await page.keyboard.type('绕赛');
    await page.locator('.ant-select-item-option', { hasText: '绕赛社区居委会' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('place-path').filter({ hasText: '拉萨市 城关区 八廓街道 绕赛社区居委会' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'desk_destination_address');
    await page.keyboard.type('八廓街绕赛路 12 号');
    await page.keyboard.press('Enter');
    expect(await focusedId(page)).toBe('desk_destination_compound');
    await page.keyboard.type('绕赛小区');
    await page.keyboard.press('Enter');
    expect(await focusedId(page)).toBe('desk_temperature');
    await page.keyboard.type('36.5');
    await page.keyboard.press('Enter');
    // Symptoms (a group, left as a whole), contact switch, employer, then the submit button.
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('switch');
    await page.keyboard.press('Enter');
    expect(await focusedId(page)).toBe('desk_employerUnitId');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => (document.activeElement as HTMLButtonElement | null)?.type)).toBe('submit');
    await shot(page, '02-desk-filled.png');
    await page.keyboard.press('Enter');

    const banner = page.getByTestId('triage-banner');
    await banner.waitFor();
    expect(await page.getByTestId('banner-disposition').innerText()).toBe('居家医学观察');
    const route = await page.getByTestId('banner-route').innerText();
    expect(route).toMatch(/八廓街道\s*.*绕赛社区居委会/);
    expect(route.indexOf('八廓街道')).toBeLessThan(route.indexOf('绕赛社区居委会'));
    expect(await banner.innerText()).toContain(PERSON.name);
    // Ready for the next person: the form is cleared and the scan field has the focus.
    expect(await page.locator('#desk_person_name').inputValue()).toBe('');
    await page.waitForFunction(() => document.activeElement?.id === 'desk-scan');
    await shot(page, '03-desk-banner.png');

    const list = await arrivals();
    expect(list.total).toBe(1);
    const a = list.items[0];
    arrivalId = a.id;
    expect(a.person.name).toBe(PERSON.name);
    expect(a.person.documentNumber).not.toBe(PERSON.documentNumber); // masked
    expect(a.person.documentNumber.slice(-4)).toBe(PERSON.documentNumber.slice(-4));
    expect(a.origin).toMatchObject({ code: '5101', name: '成都市' });
    expect(a.destination).toMatchObject({ code: '540102002001', address: '八廓街绕赛路 12 号', compound: '绕赛小区' });
    expect(a.transport).toEqual({ mode: 'flight', number: 'TV9017' });
    expect(a.temperature).toBe(36.5);
    expect(a.healthCode).toEqual({ color: 'green', raw: null });
    expect(a.entryPoint.name).toBe('拉萨贡嘎国际机场');
    expect(a.disposition).toBe('home_observation');
    expect(a.stage).toBe('registered');
    expect(a.holder).toMatchObject({ code: '540102002', name: '八廓街道' });
  });

  it('the subdistrict receives it from its inbox', async () => {
    const page = await openAs(USERS.subdistrict);
    await page.waitForURL(/\/inbox$/);
    const row = page.locator('tr', { hasText: PERSON.name });
    await row.waitFor();
    expect(await row.innerText()).toContain('居家医学观察');
    expect(await row.innerText()).toContain('绕赛社区居委会');
    await shot(page, '04-inbox-subdistrict.png');
    await row.getByRole('button', { name: /接\s*收/ }).click();
    await page.getByText('暂无待接收人员').waitFor();
    const a = (await arrivals()).items[0];
    expect(a.stage).toBe('unit_received');
    expect(a.holder).toMatchObject({ code: '540102002001' });
  });

  it('the community receives it with the keyboard and starts observation', async () => {
    const page = await openAs(USERS.community);
    await page.waitForURL(/\/inbox$/);
    await page.locator('tr', { hasText: PERSON.name }).waitFor();
    await shot(page, '05-inbox-community.png');
    await page.getByLabel('待接收人员').focus();
    await page.keyboard.press('Enter');
    await page.getByText('暂无待接收人员').waitFor();
    await shot(page, '06-inbox-empty.png');
    const a = (await arrivals()).items[0];
    expect(a.stage).toBe('observation_started');
    expect(a.holder).toBeNull();

    // The community sees the finished chain on the detail page.
    await page.goto(`${base}/arrivals/${arrivalId}`);
    const steps = page.getByTestId('stage-steps');
    await steps.waitFor();
    expect(await steps.locator('.ant-steps-item-finish').count()).toBe(3);
    const text = await steps.innerText();
    for (const s of ['已登记', '街道/单位已接收', '社区/酒店已接收', USERS.desk.displayName, USERS.subdistrict.displayName, USERS.community.displayName, '八廓街道', '绕赛社区居委会']) {
      expect(text).toContain(s);
    }
    // Without the reveal grant there is no reveal button and the number stays masked.
    expect(await page.getByRole('button', { name: '查看完整信息' }).count()).toBe(0);
    expect(await page.getByTestId('document-number').innerText()).toContain('*');
    await shot(page, '07-detail-community.png');
  });

  it('the admin lists arrivals, opens the detail and reveals the identity', async () => {
    const page = await openAs({ username: 'admin', password: ADMIN_PASSWORD });
    await page.waitForURL(/\/arrivals$/);
    const row = page.locator('tr', { hasText: PERSON.name });
    await row.waitFor();
    const rowText = await row.innerText();
    expect(rowText).toContain('成都市');
    expect(rowText).toContain('社区/酒店已接收');
    expect(rowText).toContain('138****5678');
    expect(rowText).not.toContain(PERSON.documentNumber);
    // The search box finds the person by phone tail.
    await page.getByPlaceholder('姓名 / 手机尾号 / 证件号').fill('5678');
    await page.getByPlaceholder('姓名 / 手机尾号 / 证件号').press('Enter');
    await page.waitForURL(/q=5678/);
    await page.locator('tr', { hasText: PERSON.name }).waitFor();
    await shot(page, '08-arrival-list.png');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /导出 CSV/ }).click();
    expect((await download).suggestedFilename()).toMatch(/\.csv$/);

    await page.locator('tr', { hasText: PERSON.name }).click();
    await page.waitForURL(new RegExp(`/arrivals/${arrivalId}$`));
    await page.getByTestId('stage-steps').waitFor();
    expect(await page.getByTestId('stage-steps').locator('.ant-steps-item-finish').count()).toBe(3);
    await page.getByRole('button', { name: /查看完整信息/ }).click();
    await page.getByTestId('document-number').filter({ hasText: PERSON.documentNumber }).waitFor();
    expect(await page.getByTestId('phone').innerText()).toBe(PERSON.phone);
    await shot(page, '09-detail-admin-revealed.png');
    const audit = await t.call(t.adminToken, { method: 'GET', url: '/api/audit?action=reveal' });
    if (audit.statusCode === 200) expect(audit.body).toContain('reveal');

    // The language switch turns the page into English.
    await page.getByText('English', { exact: true }).click();
    await page.getByText('Home medical observation').first().waitFor();
    await page.getByText('Hand-offs').waitFor();
    await shot(page, '10-detail-english.png');
    await page.getByText('中文', { exact: true }).click();
    await page.getByText('交接进度').waitFor();
  });

  it('the admin pages list users, units and entry points', async () => {
    const page = await openAs({ username: 'admin', password: ADMIN_PASSWORD });
    await page.goto(base + '/admin/users');
    await page.locator('tr', { hasText: USERS.community.username }).waitFor();
    expect(await page.locator('tr', { hasText: USERS.community.username }).innerText()).toContain('绕赛社区居委会');
    await shot(page, '11-admin-users.png');

    await page.goto(base + '/admin/entry-points');
    await page.locator('tr', { hasText: '拉萨贡嘎国际机场' }).waitFor();
    await shot(page, '12-admin-entry-points.png');

    // Add an observation hotel under 城关区, picking the parent by typing its name.
    await page.goto(base + '/admin/units');
    await page.getByRole('button', { name: /新增单位/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('上级辖区').click();
    await page.keyboard.type('城关区');
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '拉萨市 城关区' }).first().click();
    await dialog.getByLabel('类别').click();
    await page.locator('.ant-select-item-option', { hasText: '定点留观酒店' }).click();
    await dialog.getByLabel('单位名称').fill('城关区定点留观酒店一');
    await dialog.getByLabel('房间数').fill('80');
    await shot(page, '13-admin-unit-create.png');
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    const hotelRow = page.locator('tr', { hasText: '城关区定点留观酒店一' });
    await hotelRow.waitFor();
    expect(await hotelRow.innerText()).toContain('80');
    const units = (await t.call(t.adminToken, { method: 'GET', url: '/api/units?kind=hotel' })).json();
    expect(units).toEqual(expect.arrayContaining([expect.objectContaining({ name: '城关区定点留观酒店一', kind: 'hotel', rooms: 80, parentCode: '540102' })]));
    await shot(page, '14-admin-units.png');
  });

  it('a code from elsewhere is kept raw, the colour takes one key, a fever goes to the fever clinic, and a retry does not duplicate', async () => {
    // The same desk browser, later: the entry point is remembered across reloads.
    const page = deskPage;
    await page.reload();
    await page.waitForFunction(() => document.activeElement?.id === 'desk-scan');
    await page.locator('.ant-select', { has: page.locator('#desk-entry-point') }).filter({ hasText: '拉萨贡嘎国际机场' }).waitFor();
    const before = (await arrivals()).total;

    const foreign = 'https://hc.example.org/v/2f9c1e7a';
    await page.keyboard.type(foreign);
    await page.keyboard.press('Enter');
    await page.getByText('非平台健康码，已保存原文；请按键选择码色').waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'radiogroup');
    await page.keyboard.press('y');
    await expect(page.getByRole('radio', { name: /黄码/ }).getAttribute('aria-checked')).resolves.toBe('true');
    await page.waitForFunction(() => document.activeElement?.id === 'desk_person_name');
    await page.keyboard.type('李秀英');
    await page.keyboard.press('Enter');
    expect(await focusedId(page)).toBe('desk_person_documentType');
    await page.keyboard.press('Enter');
    expect(await focusedId(page)).toBe('desk_person_documentNumber');
    await page.keyboard.type('420102198511201262'); // Σ 197, remainder 10: 2
    await page.keyboard.press('Enter');
    await page.keyboard.type('13987654321');
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowRight'); // 火车
    await page.keyboard.press('Enter');
    await page.keyboard.type('Z21');
    await page.keyboard.press('Enter');
    await page.keyboard.type('武汉');
    await page.locator('.ant-select-item-option', { hasText: '武汉市' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'desk_destination_code');
    await page.keyboard.type('绕赛');
    await page.locator('.ant-select-item-option', { hasText: '绕赛社区居委会' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'desk_destination_address');
    await page.keyboard.type('林廓北路 5 号');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    expect(await focusedId(page)).toBe('desk_temperature');
    await page.keyboard.type('38.2');
    await page.getByText('体温异常 ≥ 37.3℃').waitFor();

    // The first submission reaches the server but the answer is lost on the way back.
    let cut = true;
    await page.route('**/api/arrivals', async (route) => {
      if (cut && route.request().method() === 'POST') {
        cut = false;
        await route.fetch();
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('desk-failure').filter({ hasText: '不会重复登记' }).waitFor();
    expect((await arrivals()).total).toBe(before + 1);
    await shot(page, '15-desk-retry.png');

    // The retry carries the same clientId: the server answers with the first result.
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('triage-banner').waitFor();
    expect(await page.getByTestId('banner-disposition').innerText()).toBe('发热门诊');
    expect(await page.getByTestId('triage-banner').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(207, 19, 34)');
    expect(await page.getByTestId('triage-banner').innerText()).toContain('体温异常');
    await shot(page, '16-desk-fever-banner.png');
    const list = await arrivals();
    expect(list.total).toBe(before + 1);
    const a = list.items.find((x: { person: { name: string } }) => x.person.name === '李秀英');
    expect(a).toMatchObject({ disposition: 'fever_clinic', abnormalTemperature: true, healthCode: { color: 'yellow', raw: foreign }, transport: { mode: 'train', number: 'Z21' } });

    // The desk in English: labels, enum names and the banner follow the switch.
    await page.getByText('English', { exact: true }).click();
    await page.getByText('This desk’s entry point').waitFor();
    expect(await page.getByTestId('banner-disposition').innerText()).toBe('Fever clinic');
    await shot(page, '17-desk-english.png');
    await page.getByText('中文', { exact: true }).click();
    await page.getByText('本台口岸').waitFor();
  });

  it('loaded nothing from outside and threw no errors', () => {
    expect(browser.problems).toEqual([]);
  });
});
