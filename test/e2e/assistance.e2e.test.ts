// End to end in Chromium: 协查. A desk in 林周县 registers a resident of 绕赛社区 under another name;
// the person keeps their name, and the community's grid worker, on a phone, finds the request in
// 协查, accepts it, and sees the new name on the person record, with the birth year and no birth
// date. Screenshots go to screenshots/assist-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp } from '../support/app';
import { startE2eApp, type E2eApp, type BrowserSession } from '../support/e2e';
import { BAKUO_COMMUNITY, buildArrival, entryPointId, residentId } from '../support/factories';

const COMMUNITY = { username: 'ramoche_assist', password: 'community-password-8', displayName: '绕赛社区网格员丁', role: 'community', jurisdictionCode: BAKUO_COMMUNITY } as const;
const PHONE = { width: 375, height: 812 };

describe('assistance requests in the browser', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let app: E2eApp;
  let personId: string;

  beforeAll(async () => {
    ({ browser, t } = app = await startE2eApp([COMMUNITY]));
    const airport = await entryPointId(t.ctx);
    const documentNumber = residentId('19790312');
    const desk = (await t.userWithRole('triage_desk', '5401')).token;
    const linzhouDesk = (await t.userWithRole('triage_desk', '540121')).token;
    const register = async (token: string, name: string, destination: object) => {
      const res = await t.call(token, { method: 'POST', url: '/api/arrivals', payload: buildArrival(airport, { person: { documentType: 'resident_id', documentNumber, name, phone: '13812340000' }, destination }) });
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    };
    personId = (await register(desk, '索朗央金', { code: BAKUO_COMMUNITY, address: '北京东路12号' })).person.id;
    await register(linzhouDesk, '索朗央宗', { code: '540121100201', address: '甘丹曲果' });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('a grid worker accepts another county’s name for a resident on a phone', async () => {
    const page = await browser.openAs(COMMUNITY, { viewport: PHONE });
    await page.goto(page.url().replace(/\/[^/]*$/, '/assistance'));
    const card = page.getByTestId('assistance-request');
    await expect.poll(() => card.count()).toBe(1);
    await expect.poll(() => card.textContent()).toContain('索朗央宗');
    expect(await card.textContent()).toContain('林周县');
    // The decision buttons are phone-sized tap targets.
    for (const b of await card.getByRole('button').all()) expect((await b.boundingBox())!.height).toBeGreaterThanOrEqual(40);
    await browser.shot(page, 'assist-inbox-phone.png');

    await card.getByRole('button', { name: '接受并更新' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect.poll(() => page.getByText('已更新该人员信息').count()).toBeGreaterThan(0);
    await expect.poll(() => card.count()).toBe(0);

    await page.goto(page.url().replace(/\/assistance.*$/, `/persons/${personId}`));
    await expect.poll(() => page.locator('main h4, .ant-layout-content h4').first().textContent()).toContain('索朗央宗');
    const body = await page.locator('body').textContent();
    expect(body).toContain('出生年份');
    expect(body).toContain('1979');
    expect(body).not.toContain('1979-03-12');
    await browser.shot(page, 'assist-person-phone.png');
    expect(browser.problems).toEqual([]);
  });

  it('shows the decided requests on a desktop', async () => {
    const page = await browser.openAs(COMMUNITY);
    await page.goto(page.url().replace(/\/[^/]*$/, '/assistance'));
    await page.getByText('已处理', { exact: true }).click();
    await expect.poll(() => page.getByTestId('assistance-request').count()).toBe(1);
    expect(await page.getByTestId('assistance-request').textContent()).toContain('已接受');
    await browser.shot(page, 'assist-decided-desktop.png');
    expect(browser.problems).toEqual([]);
  });
});
