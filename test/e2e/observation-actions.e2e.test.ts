// End to end in Chromium: the observation actions. A community worker registers a person found by
// 排查 with the keyboard and sees them in 每日监测; a hotel on a 7+3 policy hands a person off to
// their community on the hand-off day, the community receives them into home observation; the hotel
// places a person over capacity with a reason, and transfers another to the fever clinic.
// Screenshots go to screenshots/act-*.png.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { reportDay } from '../../src/domain/time';
import { type TestApp } from '../support/app';
import { startE2eApp, type E2eApp, type BrowserSession, type Credentials } from '../support/e2e';
import { BAKUO_COMMUNITY, residentId } from '../support/factories';

const TZ = 'Asia/Shanghai';

const COMMUNITY = { username: 'ramoche_act', password: 'community-password-7', displayName: '绕赛社区网格员丙', role: 'community', jurisdictionCode: BAKUO_COMMUNITY } as const;
const HOTEL_PASSWORD = 'hotel-password-7';

describe('observation actions in the browser', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let base: string;
  let app: E2eApp;
  let hotel: { code: string; name: string };
  const hotelUser = { username: 'hotel_act', password: HOTEL_PASSWORD };
  const people = new Map<string, { id: string; person: { id: string } }>();

  const api = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, token = t.adminToken) => {
    const res = await t.call(token, { method, url, payload });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.statusCode === 204 ? null : res.json();
  };

  const openAs = (user: Credentials) => browser.openAs(user);
  const shot = (page: Page, name: string) => browser.shot(page, name);

  const openAtHotel = (name: string, documentNumber: string, extra: object = {}) =>
    t.call(t.adminToken, {
      method: 'POST',
      url: '/api/observations',
      payload: {
        clientId: randomUUID(),
        person: { documentType: 'resident_id', documentNumber, name, phone: '13908916' + String(people.size).padStart(3, '0') },
        reason: 'centralised_observation',
        communityCode: BAKUO_COMMUNITY,
        siteCode: hotel.code,
        ...extra,
      },
    });

  beforeAll(async () => {
    ({ browser, t, base } = app = await startE2eApp([COMMUNITY]));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('the community registers a person found by 排查 with the keyboard and sees them in 每日监测', async () => {
    const page = await openAs(COMMUNITY);
    await page.getByRole('menuitem', { name: '排查登记' }).click();
    await page.waitForURL(/\/observations\/new$/);
    await page.waitForFunction(() => document.activeElement?.id === 'open-person-documentNumber');

    // A wrong check digit is caught before anything is sent.
    const good = residentId('19850505');
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    await page.keyboard.type(bad);
    await page.keyboard.press('Enter');
    await page.getByText('身份证号码无效').waitFor();
    await page.locator('#open-person-documentNumber').fill(good);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('open-person-name');
    await page.keyboard.type('次旦卓玛');
    await page.keyboard.press('Enter');
    await page.keyboard.type('13908915555');
    // The community is the worker's own; the start is now; the reason is 社区排查发现.
    await shot(page, 'act-01-open-form.png');
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/observations')) posts.push(r.postData() ?? '');
    });
    await page.keyboard.press('Control+Enter');
    const result = page.getByTestId('open-result');
    await result.filter({ hasText: '已登记：次旦卓玛' }).waitFor();
    expect(await result.innerText()).toContain('居家观察');
    expect(posts).toHaveLength(1);
    expect(JSON.parse(posts[0])).toMatchObject({ person: { name: '次旦卓玛', documentNumber: good }, communityCode: BAKUO_COMMUNITY, reason: 'community_check' });
    // Ready for the next person.
    expect(await page.locator('#open-person-documentNumber').inputValue()).toBe('');
    await page.waitForFunction(() => document.activeElement?.id === 'open-person-documentNumber');
    await shot(page, 'act-02-open-done.png');

    await page.getByTestId('open-result-record').click();
    await page.getByText('人员档案：次旦卓玛').waitFor();
    await page.getByRole('menuitem', { name: '每日监测' }).click();
    await page.locator('tr', { hasText: '次旦卓玛' }).locator('input[data-check-input]').waitFor();
    await shot(page, 'act-03-checks-new-person.png');
  });

  it('a 7+3 hand-off: the hotel passes a person on, the community receives them into home observation', async () => {
    await api('PUT', '/api/observations/policies/centralised_observation', { centralisedDays: 7, homeDays: 3 });
    const unit = await api('POST', '/api/units', { parentCode: '540102', name: '城关区定点留观酒店三', kind: 'hotel', rooms: 1 });
    hotel = { code: unit.code, name: unit.name };
    await t.createUser({ ...hotelUser, displayName: '留观酒店值班员', role: 'hotel', jurisdictionCode: hotel.code });

    const first = await openAtHotel('洛桑次仁', residentId('19760101'));
    expect(first.statusCode, first.body).toBe(201);
    people.set('洛桑次仁', first.json());
    expect(first.json()).toMatchObject({ kind: 'centralised', unit: { code: hotel.code }, community: { code: BAKUO_COMMUNITY } });
    // One bed: the second person needs an override with a reason.
    const secondId = residentId('19770202');
    const refused = await openAtHotel('白玛央金', secondId);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('site_full');
    const second = await openAtHotel('白玛央金', secondId, { override: { reason: '指挥部调度临时加床' } });
    expect(second.statusCode, second.body).toBe(201);
    people.set('白玛央金', second.json());

    // Day 7 cannot be waited for: the hand-off day is moved to today in the database.
    const today = reportDay(new Date(), TZ);
    const a = people.get('洛桑次仁')!;
    await t.ctx.db.updateTable('observations').set({ handoff_day: today }).where('id', '=', a.id).execute();

    const hotelPage = await openAs(hotelUser);
    await hotelPage.goto(base + '/checks');
    const rowA = hotelPage.locator('tr', { hasText: '洛桑次仁' });
    const rowB = hotelPage.locator('tr', { hasText: '白玛央金' });
    await rowA.getByTestId('action-handoff').waitFor();
    // The other person's hand-off day has not come.
    expect(await rowB.getByTestId('action-handoff').count()).toBe(0);
    await shot(hotelPage, 'act-04-hotel-list.png');
    await rowA.getByTestId('action-handoff').click();
    const pop = hotelPage.locator('.ant-popover').filter({ hasText: '绕赛社区居委会' });
    await pop.waitFor();
    await pop.getByRole('button', { name: '转交社区' }).click();
    await rowA.getByText('已转交，待绕赛社区居委会接收').waitFor();
    expect(await rowA.getByTestId('action-handoff').count()).toBe(0);
    expect((await api('GET', `/api/observations/${a.id}`)).pendingUnit).toMatchObject({ code: BAKUO_COMMUNITY });
    await shot(hotelPage, 'act-05-hotel-handed-off.png');

    const page = await openAs(COMMUNITY);
    await page.goto(base + '/checks');
    const handoffs = page.getByTestId('handoffs');
    await handoffs.filter({ hasText: '待接收转交（1）' }).waitFor();
    expect(await handoffs.innerText()).toContain('城关区定点留观酒店三');
    // 白玛央金 stays at the hotel, which takes her checks: she is not in the community's entry list.
    expect(await page.locator('tr', { hasText: '白玛央金' }).count()).toBe(0);
    await shot(page, 'act-06-community-handoffs.png');
    await handoffs.locator('tr', { hasText: '洛桑次仁' }).getByTestId('action-receive').click();
    await handoffs.waitFor({ state: 'detached' });
    const received = page.locator('tr', { hasText: '洛桑次仁' });
    await received.locator('input[data-check-input]').waitFor();
    expect(await received.innerText()).toContain('居家观察');
    expect(await api('GET', `/api/observations/${a.id}`)).toMatchObject({ kind: 'home', unit: { code: BAKUO_COMMUNITY }, pendingUnit: null });
    await shot(page, 'act-07-community-received.png');
  });

  it('the hotel places a person over capacity with a reason, then transfers another to the fever clinic', async () => {
    const page = await openAs(hotelUser);
    await page.getByRole('menuitem', { name: '排查登记' }).click();
    await page.waitForURL(/\/observations\/new$/);
    await page.waitForFunction(() => document.activeElement?.id === 'open-person-documentNumber');
    await page.keyboard.type(residentId('19800808'));
    await page.keyboard.press('Enter');
    await page.keyboard.type('米玛次仁');
    await page.keyboard.press('Enter');
    await page.keyboard.type('13908914444');
    await page.keyboard.press('Enter');
    // The community is picked by typing its name.
    await page.keyboard.type('绕赛');
    await page.getByRole('option', { name: /绕赛社区居委会/ }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('place-path').filter({ hasText: '八廓街道' }).waitFor();
    await page.keyboard.press('Control+Enter');
    // 白玛央金 fills the only bed: the message, and the offer to place over capacity.
    const full = page.getByTestId('site-full');
    await full.waitFor();
    expect(await page.getByTestId('site-full-message').innerText()).toContain('城关区定点留观酒店三');
    await full.getByTestId('override-open').click();
    await page.locator('#override-reason').waitFor();
    await full.getByTestId('override-send').click();
    await full.getByText('请填写超额安置原因').waitFor();
    await page.locator('#override-reason').fill('夜间转运，次日调往二号隔离点');
    await shot(page, 'act-08-site-full-override.png');
    await page.locator('#override-reason').press('Enter');
    await page.getByTestId('open-result').filter({ hasText: '米玛次仁' }).waitFor();
    expect(await page.getByTestId('site-full').count()).toBe(0);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'detail']).where('action', '=', 'override_capacity').execute();
    expect(audit.map((r) => String(r.detail))).toEqual(expect.arrayContaining([expect.stringContaining('夜间转运，次日调往二号隔离点')]));
    await shot(page, 'act-09-over-capacity-done.png');

    // 白玛央金 goes to the fever clinic.
    const b = people.get('白玛央金')!;
    await page.getByRole('menuitem', { name: '每日监测' }).click();
    const row = page.locator('tr', { hasText: '白玛央金' });
    await row.getByTestId('action-end').click();
    const dialog = page.getByRole('dialog').filter({ hasText: '转送或提前结束：白玛央金' });
    await dialog.waitFor();
    // The reason is required.
    await dialog.getByRole('button', { name: '确认结束' }).click();
    await dialog.getByText('请填写原因').waitFor();
    await dialog.getByText('转送（发热门诊、医院或其他隔离点）').click();
    await page.locator('#end-reason').fill('体温38.6℃，转送自治区人民医院发热门诊');
    await shot(page, 'act-10-end-dialog.png');
    await dialog.getByRole('button', { name: '确认结束' }).click();
    const sure = page.getByTestId('end-sure');
    await sure.filter({ hasText: '确定将 白玛央金 标记为“已转送”' }).waitFor();
    await shot(page, 'act-11-end-confirm.png');
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '确认结束' }).click();
    await row.waitFor({ state: 'detached' });
    expect(await api('GET', `/api/observations/${b.id}`)).toMatchObject({ status: 'transferred', endReason: '体温38.6℃，转送自治区人民医院发热门诊' });
    await page.locator('tr', { hasText: '米玛次仁' }).waitFor();
    await shot(page, 'act-12-after-transfer.png');
  });

  it('loaded nothing from outside and threw no errors', () => {
    expect(browser.problems).toEqual([]);
  });
});
