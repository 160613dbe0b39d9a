// End to end in Chromium: medical observation follow-up. A community worker enters the day's
// readings for 22 people with the keyboard only and saves once; the abnormal reading becomes an
// alert the command centre sees; a due person is released and the notice opens in a new page.
// Also the person record, sites and rooms, community care, duplicates and the policy editor.
// Screenshots go to screenshots/obs-*.png.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEFAULT_SCHEDULE, requiredSlots, slotOf, slotWindow } from '../../src/domain/observation';
import { reportDay } from '../../src/domain/time';
import { ADMIN_PASSWORD, type TestApp } from '../support/app';
import { startE2eApp, type E2eApp, SHOTS, type BrowserSession, type Credentials } from '../support/e2e';
import { BAKUO_COMMUNITY, buildArrival, entryPointId, residentId } from '../support/factories';

const TZ = 'Asia/Shanghai';
const DAY = 86_400_000;

const USERS = {
  community: { username: 'ramoche_obs', password: 'community-password-2', displayName: '绕赛社区网格员乙', role: 'community', jurisdictionCode: BAKUO_COMMUNITY },
  command: { username: 'tibet_command', password: 'command-password-1', displayName: '自治区指挥部值班员', role: 'command', jurisdictionCode: '54' },
} as const;
const ADMIN = { username: 'admin', password: ADMIN_PASSWORD };

/** 22 people found by the community's door-to-door checks; the first two started 15 days ago and are due. */
const NAMES = [
  '扎西顿珠', '次仁卓玛', '格桑曲珍', '旦增平措', '央金拉姆', '索朗次仁', '德吉央宗', '尼玛扎西', '白玛措姆', '多吉次旦', '边巴仓决',
  '普布顿珠', '达瓦卓嘎', '洛桑丹增', '巴桑次仁', '强巴格列', '仁青旺姆', '拉巴次仁', '米玛卓玛', '益西措姆', '王建国', '李晓燕',
];
const DUE = NAMES.slice(0, 2);
const FEVERISH = '索朗次仁';

describe('medical observation follow-up in the browser', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let base: string;
  let app: E2eApp;
  /** name -> observation */
  const observations = new Map<string, { id: string; startAt: string; person: { id: string; name: string; documentNumber: string } }>();

  const api = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, token = t.adminToken) => {
    const res = await t.call(token, { method, url, payload });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.statusCode === 204 ? null : res.json();
  };

  const openAs = async (user: Credentials) => {
    const page = await browser.openAs(user);
    return { page, context: page.context() };
  };
  const shot = (page: Page, name: string) => browser.shot(page, name);

  const openMenu = (page: Page, name: string) => page.getByRole('menuitem', { name }).click();
  const focusedLabel = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.id ?? '');

  /** One reading in the middle of every slot that is due, as staff would have entered them. */
  const allChecks = (o: { id: string; startAt: string }) =>
    requiredSlots(o.startAt, new Date().toISOString(), DEFAULT_SCHEDULE, TZ).map((s) => {
      const w = slotWindow(s.day, s.slot, DEFAULT_SCHEDULE, TZ);
      return { clientId: randomUUID(), observationId: o.id, takenAt: new Date((Date.parse(w.start) + Date.parse(w.deadline)) / 2).toISOString(), temperature: 36.4, symptoms: [] };
    });

  beforeAll(async () => {
    ({ browser, t, base } = app = await startE2eApp(Object.values(USERS)));
    for (const [i, name] of NAMES.entries()) {
      const o = await api('POST', '/api/observations', {
        clientId: randomUUID(),
        person: { documentType: 'resident_id', documentNumber: residentId(`19${70 + i}0315`), name, phone: `13908910${String(1000 + i).slice(1)}` },
        reason: 'community_check',
        communityCode: BAKUO_COMMUNITY,
        startAt: new Date(Date.now() - (DUE.includes(name) ? 15 : 3) * DAY).toISOString(),
      });
      observations.set(name, o);
    }
    // The two due people had every check entered on time, so they may be released.
    for (const name of DUE) {
      const o = observations.get(name)!;
      const res = await api('POST', '/api/observations/checks', { checks: allChecks(o) });
      expect(res.alerts).toEqual([]);
    }
  });

  afterAll(async () => {
    await app?.close();
  });

  it('the community enters the day’s readings for 22 people with the keyboard only and saves once', async () => {
    const { page } = await openAs(USERS.community);
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/observations/checks')) posts.push(r.postData() ?? '');
    });
    await openMenu(page, '每日监测');
    await page.waitForURL(/\/checks$/);
    const slot = slotOf(new Date().toISOString(), DEFAULT_SCHEDULE, TZ);
    await page.getByTestId('current-slot').filter({ hasText: slot.slot === 0 ? '上午' : '下午' }).waitFor();

    // The first row waiting for a reading has the focus as soon as the list is there.
    const inputs = page.locator('input[data-check-input]');
    await expect.poll(() => inputs.count()).toBe(NAMES.length);
    await page.waitForFunction(() => document.activeElement?.hasAttribute('data-check-input'));
    const order: string[] = await inputs.evaluateAll((els) => els.map((e) => (e.getAttribute('aria-label') ?? '').replace(/ 的体温$/, '')));
    expect([...order].sort()).toEqual([...NAMES].sort());
    // The due people come first (the list is ordered by end day).
    expect(DUE).toContain(order[0]);

    const typed = new Map<string, string>();
    for (const [i, name] of order.entries()) {
      expect(await focusedLabel(page)).toBe(`${name} 的体温`);
      // "365" is the number-pad way of typing 36.5.
      const value = name === FEVERISH ? '38.5' : i % 3 === 0 ? '365' : i % 3 === 1 ? '36.6' : '36.8';
      await page.keyboard.type(value);
      typed.set(name, value);
      if (name === FEVERISH) {
        // Highlighted as typed, before anything is saved.
        const row = page.locator('tr', { hasText: FEVERISH });
        await row.getByTestId('abnormal-tag').waitFor();
        // S opens the symptom keys: 2 is 咳嗽 (cough); Enter closes them and returns to the temperature.
        await page.keyboard.press('s');
        await page.getByTestId('symptom-picker').waitFor();
        await page.keyboard.press('2');
        await shot(page, 'obs-01-checks-typing.png');
        await page.keyboard.press('Enter');
        await page.waitForFunction((label) => document.activeElement?.getAttribute('aria-label') === label, `${FEVERISH} 的体温`);
        await row.getByTestId('symptom-cell').filter({ hasText: '咳嗽' }).waitFor();
      }
      if (i === 1) {
        // Shift+Enter goes back a row, Enter forward again.
        await page.keyboard.press('Shift+Enter');
        expect(await focusedLabel(page)).toBe(`${order[0]} 的体温`);
        await page.keyboard.press('Enter');
        expect(await focusedLabel(page)).toBe(`${order[1]} 的体温`);
      }
      await page.keyboard.press('Enter');
    }
    // After the last row, Enter lands on the save button.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('checks-save');
    await page.getByTestId('checks-summary').filter({ hasText: '本次已录入 22' }).waitFor();
    expect(await page.getByTestId('checks-summary').innerText()).toMatch(/异常\s*1/);
    expect(posts).toHaveLength(0);
    await shot(page, 'obs-02-checks-filled.png');

    await page.keyboard.press('Enter');
    const result = page.getByTestId('checks-result');
    await result.waitFor();
    expect(await result.innerText()).toContain('已保存 22 条监测记录，新增异常 1 条');
    await expect.poll(() => page.getByTestId('row-done').count()).toBe(NAMES.length);
    expect(await inputs.count()).toBe(0);
    await shot(page, 'obs-03-checks-saved.png');

    // Exactly one request carried the whole list, each reading with its own client id.
    expect(posts).toHaveLength(1);
    const body = JSON.parse(posts[0]);
    expect(body.checks).toHaveLength(NAMES.length);
    expect(new Set(body.checks.map((c: { clientId: string }) => c.clientId)).size).toBe(NAMES.length);

    // Stored: one check per person in the current slot with the typed value, and one alert.
    const today = reportDay(new Date(), TZ);
    const rows = await t.ctx.db.selectFrom('observation_checks').select(['observation_id', 'temperature', 'slot', 'report_day']).where('report_day', '=', today).where('slot', '=', slot.slot).execute();
    expect(rows).toHaveLength(NAMES.length);
    for (const name of NAMES) {
      const stored = rows.filter((r) => r.observation_id === observations.get(name)!.id);
      expect(stored).toHaveLength(1);
      const v = typed.get(name)!;
      expect(stored[0].temperature).toBe(v === '365' ? 36.5 : Number(v));
    }
    const list = await api('GET', '/api/observations?status=active&pageSize=1000');
    expect(list.items.filter((o: { todaySlots: number[] }) => o.todaySlots.includes(slot.slot))).toHaveLength(NAMES.length);
    const alerts = await api('GET', '/api/alerts?status=open');
    expect(alerts.total).toBe(1);
    expect(alerts.items[0]).toMatchObject({ person: { name: FEVERISH }, temperature: 38.5, symptoms: ['cough'], unit: { code: BAKUO_COMMUNITY, name: '绕赛社区居委会' } });
  });

  it('the command centre sees the alert, and yesterday’s missing checks per slot', async () => {
    const { page } = await openAs(USERS.command);
    await openMenu(page, '异常与漏测');
    await page.waitForURL(/\/alerts/);
    const row = page.locator('tr', { hasText: FEVERISH });
    await row.waitFor();
    expect(await row.getByTestId('alert-temperature').innerText()).toBe('38.5℃');
    expect(await row.innerText()).toContain('绕赛社区居委会');
    expect(await row.innerText()).toContain('咳嗽');
    // The command centre watches; the responsible unit handles.
    expect(await row.getByRole('button', { name: /^处\s*理$/ }).count()).toBe(0);
    await shot(page, 'obs-04-alerts-command.png');

    await page.getByRole('tab', { name: '漏测' }).click();
    const yesterday = reportDay(new Date(Date.now() - DAY), TZ);
    await page.locator('#missing-day').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(yesterday);
    await page.keyboard.press('Enter');
    // The 20 who started three days ago had no checks yesterday; the due two had all of theirs.
    await page.locator(`[data-testid="missing-view"][data-day="${yesterday}"]`).waitFor();
    for (const slot of [0, 1]) {
      const card = page.getByTestId(`missing-slot-${slot}`);
      expect(await card.locator('.ant-statistic-content-value').innerText()).toBe('20');
      const text = await card.innerText();
      expect(text).toContain(NAMES[5]);
      for (const name of DUE) expect(text).not.toContain(name);
    }
    const missing = await api('GET', `/api/observations/missing?day=${yesterday}&limit=1000`);
    expect(missing.slots.map((s: { missing: number }) => s.missing)).toEqual([20, 20]);
    await shot(page, 'obs-05-missing-yesterday.png');

    // The same view in English.
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('tab', { name: 'Missing checks' }).waitFor();
    await shot(page, 'obs-06-missing-english.png');
    await page.getByText('中文', { exact: true }).click();
    await page.getByRole('tab', { name: '漏测' }).waitFor();
  });

  it('the community handles the alert: rechecked, with the outcome', async () => {
    const { page } = await openAs(USERS.community);
    await page.goto(base + '/alerts');
    const row = page.locator('tr', { hasText: FEVERISH });
    await row.getByRole('button', { name: /^处\s*理$/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('38.5℃').waitFor();
    // Under load the dialog may still be opening: click until the choice has taken.
    await expect.poll(async () => {
      await dialog.getByText('复测正常').click();
      return dialog.getByRole('radio', { name: '复测正常' }).isChecked();
    }).toBe(true);
    await dialog.getByLabel('处理结果').fill('30分钟后复测体温36.6℃，无不适');
    await shot(page, 'obs-07-alert-handle.png');
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('暂无未处理的异常').waitFor();
    const closed = await api('GET', '/api/alerts?status=closed');
    expect(closed.items[0]).toMatchObject({ person: { name: FEVERISH }, resolution: 'rechecked', outcome: '30分钟后复测体温36.6℃，无不适' });
    await page.getByRole('tab', { name: '已处理' }).click();
    await page.locator('tr', { hasText: FEVERISH }).filter({ hasText: '复测正常' }).waitFor();
  });

  it('the community releases a due person and the release notice opens in a new page', async () => {
    const { page, context } = await openAs(USERS.community);
    await openMenu(page, '解除观察');
    await page.waitForURL(/\/release$/);
    for (const name of DUE) await page.locator('tr', { hasText: name }).filter({ hasText: '可解除' }).waitFor();
    await shot(page, 'obs-08-release-due.png');

    const who = DUE[0];
    const o = observations.get(who)!;
    await page.getByRole('checkbox', { name: who }).check();
    await page.getByTestId('release-selected').click();
    await page.getByTestId('release-confirm-names').filter({ hasText: who }).waitFor();
    await shot(page, 'obs-09-release-confirm.png');
    await page.getByRole('button', { name: '确认解除' }).click();
    const resultCard = page.getByTestId('release-result');
    await resultCard.filter({ hasText: who }).waitFor();
    expect((await api('GET', `/api/observations/${o.id}`)).status).toBe('released');
    expect((await api('GET', `/api/observations/${observations.get(DUE[1])!.id}`)).status).toBe('active');
    await shot(page, 'obs-10-release-done.png');

    const [notice] = await Promise.all([context.waitForEvent('page'), page.getByTestId(`notice-${o.id}`).click()]);
    await notice.waitForLoadState();
    expect(new URL(notice.url()).pathname).toBe(`/api/observations/${o.id}/notice`);
    const text = await notice.locator('body').innerText();
    expect(text).toContain('解除医学观察告知书');
    expect(text).toContain(who);
    expect(o.person.documentNumber).toMatch(/\*/);
    expect(text).toContain(o.person.documentNumber);
    expect(text).toContain('绕赛社区居委会');
    await notice.screenshot({ path: join(SHOTS, 'obs-11-release-notice.png'), fullPage: true });
  });

  it('the person record shows identity, the observation with its checks and the handled alert', async () => {
    const { page } = await openAs(USERS.community);
    await openMenu(page, '人员查询');
    await page.locator('#person-q').fill('索朗');
    await page.locator('#person-q').press('Enter');
    await page.locator('tr', { hasText: FEVERISH }).click();
    const o = observations.get(FEVERISH)!;
    await page.waitForURL(new RegExp(`/persons/${o.person.id}$`));
    await page.getByText(`人员档案：${FEVERISH}`).waitFor();
    expect(await page.getByTestId('document-number').innerText()).toBe(o.person.documentNumber);
    const card = page.getByTestId('observation-card');
    await card.getByTestId('check-temperature').filter({ hasText: '38.5℃' }).waitFor();
    expect(await card.innerText()).toContain('复测正常');
    expect(await card.innerText()).toContain('30分钟后复测体温36.6℃，无不适');
    // Without the reveal grant there is no reveal button.
    expect(await page.getByRole('button', { name: '查看完整信息' }).count()).toBe(0);
    await shot(page, 'obs-12-person-record.png');

    // A person who arrived by plane: the arrival detail links to the record, which shows the hand-offs.
    const desk = await t.userWithRole('triage_desk', '5401');
    const street = await t.userWithRole('subdistrict', '540102002');
    const community = await t.login(USERS.community.username, USERS.community.password);
    const arrival = await api('POST', '/api/arrivals', buildArrival(await entryPointId(t.ctx), { person: { documentType: 'resident_id', documentNumber: residentId('19920606'), name: '贡觉次仁', phone: '13908918888' } }), desk.token);
    await api('POST', `/api/arrivals/${arrival.id}/receive`, {}, street.token);
    await api('POST', `/api/arrivals/${arrival.id}/receive`, {}, community);
    await page.goto(`${base}/arrivals/${arrival.id}`);
    await page.getByRole('button', { name: '人员档案' }).click();
    await page.waitForURL(new RegExp(`/persons/${arrival.person.id}$`));
    await page.getByText('入境记录（1）').waitFor();
    expect(await page.locator('.ant-steps-item-finish').count()).toBe(3);
    const record = await page.locator('body').innerText();
    for (const text of ['拉萨贡嘎国际机场', '成都市', '街道/单位已接收', '八廓街道', '社区/酒店已接收', '居家医学观察', '医学观察中 · 绕赛社区居委会']) expect(record).toContain(text);
    await shot(page, 'obs-12b-person-with-arrival.png');
  });

  it('a save whose answer is lost is retried with the same client ids and stores nothing twice', async () => {
    // 贡觉次仁 (received above) is the one person without a reading in this slot.
    const { page } = await openAs(USERS.community);
    await page.goto(base + '/checks');
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === '贡觉次仁 的体温');
    expect(await page.locator('input[data-check-input]').count()).toBe(1);
    await page.keyboard.type('36.7');
    let cut = true;
    await page.route('**/api/observations/checks', async (route) => {
      if (cut) {
        cut = false;
        await route.fetch();
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    const stored = async () => {
      const list = await api('GET', '/api/observations?status=active&q=贡觉&pageSize=10');
      const id = list.items[0].id;
      return t.ctx.db.selectFrom('observation_checks').select(['client_id', 'temperature']).where('observation_id', '=', id).execute();
    };
    await page.keyboard.press('Control+S');
    await page.getByTestId('checks-failure').filter({ hasText: '不会重复保存' }).waitFor();
    expect(await stored()).toHaveLength(1);
    await shot(page, 'obs-12c-checks-retry.png');
    await page.keyboard.press('Control+S');
    await page.getByTestId('checks-result').filter({ hasText: '已保存 1 条监测记录，新增异常 0 条' }).waitFor();
    const rows = await stored();
    expect(rows).toHaveLength(1);
    expect(rows[0].temperature).toBe(36.7);
  });

  it('community care: a flagged person’s overdue task stands out and is completed', async () => {
    const o = observations.get('普布顿珠')!;
    const community = await t.login(USERS.community.username, USERS.community.password);
    await api('PUT', `/api/persons/${o.person.id}/care-flags`, { groups: ['elderly', 'chronically_ill'], needs: ['medicine'], note: '高血压，独居' }, community);
    const task = await api('POST', '/api/care/tasks', { personId: o.person.id, title: '送降压药', need: 'medicine', dueAt: new Date(Date.now() - 3_600_000).toISOString() }, community);
    expect(task.overdue).toBe(true);

    const { page } = await openAs(USERS.community);
    await openMenu(page, '关爱');
    const row = page.locator('tr', { hasText: '送降压药' });
    await row.getByText('超时').waitFor();
    expect(await row.evaluate((el) => el.className)).toContain('care-overdue');
    await shot(page, 'obs-13-care-tasks.png');
    await row.getByRole('button', { name: /^完\s*成$/ }).click();
    await page.getByRole('dialog').getByLabel('完成情况（可选）').fill('已送达');
    await page.getByRole('dialog').getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('暂无关爱任务').waitFor();
    const done = await api('GET', `/api/care/tasks?personId=${o.person.id}`);
    expect(done.items[0]).toMatchObject({ status: 'done', closeNote: '已送达' });
    await page.getByRole('tab', { name: '特殊人群' }).click();
    await page.locator('tr', { hasText: '普布顿珠' }).filter({ hasText: '老年人' }).waitFor();
    await shot(page, 'obs-14-care-flags.png');
  });

  it('the admin adds rooms to a hotel in bulk and edits a policy to 7+3', async () => {
    const hotel = await api('POST', '/api/units', { parentCode: '540102', name: '城关区定点留观酒店二', kind: 'hotel', rooms: 40 });
    const { page } = await openAs(ADMIN);
    await openMenu(page, '隔离点与房间');
    await page.locator('tr', { hasText: '城关区定点留观酒店二' }).click();
    await page.getByText('尚未录入房间（单位登记 40 间）').waitFor();
    await page.getByRole('button', { name: /批量新增房间/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#rooms-from').fill('2');
    await dialog.locator('#rooms-to').fill('3');
    await dialog.locator('#rooms-per-floor').fill('12');
    await dialog.locator('#rooms-capacity').fill('2');
    await dialog.getByTestId('rooms-preview').filter({ hasText: '将新增 24 间房，共 48 张床位' }).waitFor();
    await shot(page, 'obs-15-rooms-add.png');
    await dialog.getByRole('button', { name: /新增 24 间/ }).click();
    await page.locator('tr', { hasText: '312' }).waitFor();
    const rooms = await api('GET', `/api/sites/${hotel.code}/rooms`);
    expect(rooms).toHaveLength(24);
    expect(rooms.map((r: { number: string }) => r.number)).toEqual(expect.arrayContaining(['201', '212', '301', '312']));
    expect(rooms.every((r: { capacity: number }) => r.capacity === 2)).toBe(true);
    const site = (await api('GET', '/api/sites')).find((s: { code: string }) => s.code === hotel.code);
    expect(site).toMatchObject({ capacity: 48, occupied: 0, free: 48 });
    await page.locator('tr', { hasText: '城关区定点留观酒店二' }).filter({ hasText: '48' }).waitFor();
    await shot(page, 'obs-16-sites.png');

    await openMenu(page, '观察期规则');
    const policy = page.getByTestId('policy-centralised_observation');
    await policy.getByLabel('centralised_observation 集中').fill('7');
    await policy.getByLabel('centralised_observation 居家').fill('3');
    await policy.getByText('7+3').waitFor();
    await policy.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存').first().waitFor();
    const policies = await api('GET', '/api/observations/policies');
    expect(policies.find((p: { reason: string }) => p.reason === 'centralised_observation')).toMatchObject({ centralisedDays: 7, homeDays: 3 });
    await shot(page, 'obs-17-policies.png');
  });

  it('the admin merges a likely duplicate after confirming, and undoes it', async () => {
    // The same woman registered under a passport and under her ID card (same name, same phone).
    const phone = '13908917777';
    const a = await api('POST', '/api/observations', {
      clientId: randomUUID(),
      person: { documentType: 'passport', documentNumber: 'E12345678', name: '卓嘎', phone },
      communityCode: BAKUO_COMMUNITY,
    });
    const b = await api('POST', '/api/observations', {
      clientId: randomUUID(),
      person: { documentType: 'resident_id', documentNumber: residentId('19880808'), name: '卓嘎', phone },
      communityCode: BAKUO_COMMUNITY,
    });
    const { page } = await openAs(ADMIN);
    await page.goto(base + '/persons?tab=duplicates');
    const group = page.getByTestId('duplicate-group').filter({ hasText: '手机号码相同' }).filter({ hasText: '卓嘎' });
    await group.waitFor();
    await shot(page, 'obs-18-duplicates.png');
    await group.getByRole('button', { name: /合并到保留人员/ }).click();
    await page.getByTestId('merge-confirm').waitFor();
    await page.getByRole('button', { name: '确认合并' }).click();
    await page.getByRole('button', { name: /撤销合并/ }).waitFor();
    const survivor = [a.person.id, b.person.id];
    const merged = await t.call(t.adminToken, { method: 'GET', url: `/api/persons/${survivor[1]}` });
    const gone = merged.statusCode === 404 ? survivor[1] : survivor[0];
    expect((await t.call(t.adminToken, { method: 'GET', url: `/api/persons/${gone}` })).json()).toMatchObject({ code: 'merged' });
    await shot(page, 'obs-19-merged.png');
    await page.getByRole('button', { name: /撤销合并/ }).click();
    await page.getByText('已撤销', { exact: true }).waitFor();
    expect((await t.call(t.adminToken, { method: 'GET', url: `/api/persons/${gone}` })).statusCode).toBe(200);
  });

  it('loaded nothing from outside and threw no errors', () => {
    expect(browser.problems).toEqual([]);
  });
});
