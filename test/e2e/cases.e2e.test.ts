// End to end in Chromium: cases, contacts and tracing. The city CDC reports a confirmed case through
// the form, adds an exposure and uploads a 30-line passenger-style manifest (CSV) spread over two
// communities, then the same list again as XLSX with a repeated and a bad line; the community of half
// of them finds its 15 contacts on its daily check list without entering anyone; the CDC marks one
// contact positive and the transmission graph grows from one case to two; the cluster is named and
// listed; the first case is admitted and leaves the waiting list. Screenshots: screenshots/cases-*.png.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { addDays } from '../../src/domain/observation';
import { localMinute, reportDay } from '../../src/domain/time';
import { type TestApp } from '../support/app';
import { startE2eApp, type E2eApp, SHOTS, type BrowserSession } from '../support/e2e';
import { BAKUO_COMMUNITY, residentId } from '../support/factories';

const TZ = 'Asia/Shanghai';
const HOUR = 3_600_000;
const TIEBENGGANG_COMMUNITY = '540102003001'; // 吉日街道 铁崩岗社区居委会

const USERS = {
  cdc: { username: 'lhasa_cdc', password: 'cdc-password-1', displayName: '拉萨市疾控流调组', role: 'cdc', jurisdictionCode: '5401' },
  command: { username: 'case_command', password: 'command-password-6', displayName: '自治区指挥部值班员', role: 'command', jurisdictionCode: '54' },
  community: { username: 'ramoche_cases', password: 'community-password-6', displayName: '绕赛社区网格员丙', role: 'community', jurisdictionCode: BAKUO_COMMUNITY },
} as const;

const INDEX = { name: '次仁旺姆', documentNumber: residentId('19850612'), phone: '13908900001' };

/** 30 passengers of the tea house gathering: even lines live in 绕赛社区, odd ones in 铁崩岗社区. */
const GIVEN = ['扎西', '次仁', '格桑', '旦增', '央金', '索朗', '德吉', '尼玛', '白玛', '多吉'];
const SECOND = ['卓玛', '顿珠', '拉姆'];
const PEOPLE = Array.from({ length: 30 }, (_, i) => ({
  name: GIVEN[i % 10] + SECOND[Math.floor(i / 10)],
  documentNumber: residentId(`19${60 + i}0${(i % 9) + 1}1${i % 10}`),
  phone: String(13908910000 + i),
  seat: `${Math.floor(i / 4) + 1}${'ABCD'[i % 4]}`,
  community: i % 2 === 0 ? BAKUO_COMMUNITY : TIEBENGGANG_COMMUNITY,
}));
const IN_BAKUO = PEOPLE.filter((p) => p.community === BAKUO_COMMUNITY).map((p) => p.name);
const POSITIVE = PEOPLE[4]; // 央金卓玛, 绕赛社区

function manifest(rows: string[]): Buffer {
  return Buffer.from(['姓名,证件号码,手机号码,座位号,社区代码', ...rows].join('\r\n') + '\r\n', 'utf8');
}
const LINES = PEOPLE.map((p) => [p.name, p.documentNumber, p.phone, p.seat, p.community].join(','));

/** The same as a workbook (first sheet), as airlines and railways send their lists. */
async function workbook(rows: string[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('旅客名单');
  sheet.addRow(['姓名', '证件号码', '手机号码', '座位号', '社区代码']);
  for (const row of rows) sheet.addRow(row.split(','));
  return Buffer.from(await book.xlsx.writeBuffer());
}
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('cases, contacts and tracing in the browser', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let base: string;
  let app: E2eApp;
  let cdcPage: Page;
  let caseId: string;

  const api = async (method: 'GET' | 'POST', url: string, token = t.adminToken) => {
    const res = await t.call(token, { method, url });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };
  /** Dialogs are taken as the screen shows them; pages whole. */
  const shot = (page: Page, name: string, fullPage = true) => browser.shot(page, name, fullPage);
  const openMenu = (page: Page, name: string) => page.getByRole('menuitem', { name }).click();

  /** Types into an antd date picker and confirms with Enter, as a user does with the keyboard. */
  async function typeDate(page: Page, id: string, text: string) {
    const input = page.locator(`#${id}`);
    await input.click();
    await input.fill(text);
    await input.press('Enter');
    await expect.poll(() => input.inputValue()).toBe(text);
  }

  /** Picks a place in a search select by typing part of its name. */
  async function pickPlace(page: Page, id: string, typed: string, option: string) {
    await page.locator(`#${id}`).click();
    await page.keyboard.type(typed);
    await page.locator('.ant-select-item-option', { hasText: option }).first().waitFor();
    await page.keyboard.press('Enter');
  }

  /** Picks an option of a plain select by its text, and checks that the select shows it. */
  async function pickOption(page: Page, id: string, option: string) {
    const select = page.locator('.ant-select', { has: page.locator(`#${id}`) });
    // A click that lands while a dialog still opens can be lost: try again, then fail on the check.
    for (let attempt = 0; attempt < 3 && !(await select.innerText()).includes(option); attempt++) {
      await page.locator(`#${id}`).click();
      const item = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: option }).first();
      await item.waitFor();
      await item.click();
      await page.waitForTimeout(200);
    }
    expect(await select.innerText()).toContain(option);
  }

  const chainCases = (page: Page) => page.getByTestId('chain-counts').getAttribute('data-cases');
  /** Case nodes in the graph's own data (categories 0–2 are the cases). */
  const graphCaseNodes = (page: Page) =>
    page.evaluate(() => {
      const chart = window.__fkCharts?.['case-chain'];
      if (!chart) return -1;
      const series = (chart.getOption() as { series: { data: { category: number }[] }[] }).series[0];
      return series.data.filter((d) => d.category <= 2).length;
    });

  async function upload(page: Page, exposureRow: Locator, name: string, body: Buffer, mimeType = 'text/csv') {
    await exposureRow.getByTestId('manifest-open').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('导入密接名单').waitFor();
    await dialog.locator('input[type="file"]').setInputFiles({ name, mimeType, buffer: body });
    await dialog.getByTestId('manifest-file').waitFor();
    return dialog;
  }

  beforeAll(async () => {
    ({ browser, t, base } = app = await startE2eApp(Object.values(USERS)));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('the city CDC reports a confirmed case through the form, with the API’s field errors next to the fields', async () => {
    cdcPage = await browser.openAs(USERS.cdc);
    const page = cdcPage;
    // The CDC lands on the cases page; its menu has the three tracing pages and no arrival pages.
    await page.waitForURL(/\/cases$/);
    for (const item of ['病例管理', '密接管理', '聚集性疫情']) await page.getByRole('menuitem', { name: item }).waitFor();
    expect(await page.getByRole('menuitem', { name: '入境人员' }).count()).toBe(0);
    await page.getByText('本辖区暂无病例').waitFor();
    await page.getByText('已报告病例均已隔离或收治').waitFor();
    await shot(page, 'cases-01-empty.png');

    await page.getByTestId('report-case').click();
    const form = page.getByTestId('report-form');
    await form.waitFor();
    // Enter in a text field submits: the missing fields are named.
    await page.locator('#case-person-name').fill(INDEX.name);
    await page.locator('#case-person-name').press('Enter');
    await form.getByText('请填写证件号码').waitFor();
    await form.getByText('请填写临床分型').waitFor();
    await form.getByText('请填写报告单位').waitFor();

    await page.locator('#case-person-documentNumber').fill(INDEX.documentNumber.slice(0, 17) + (INDEX.documentNumber[17] === '1' ? '2' : '1'));
    await page.locator('#case-person-phone').click();
    await form.getByText('身份证号码无效').waitFor();
    await page.locator('#case-person-documentNumber').fill(INDEX.documentNumber);
    await page.locator('#case-person-phone').fill(INDEX.phone);
    await pickPlace(page, 'case-communityCode', '绕赛', '绕赛社区居委会');
    // The case counts for the district of the community unless chosen otherwise.
    const jurisdiction = form.locator('.ant-form-item', { has: page.locator('#case-jurisdictionCode') });
    await expect.poll(() => jurisdiction.innerText()).toContain('城关区');
    await pickOption(page, 'case-clinicalType', '普通型');

    const now = Date.now();
    const today = reportDay(new Date(now), TZ);
    const yesterday = addDays(today, -1);
    // A first positive sample later today than the report (within the clock tolerance every event
    // time has) is refused by the server, next to the field.
    const lateToday = localMinute(new Date(now + 2 * 3_600_000), TZ);
    const canBeLate = lateToday.slice(0, 10) === today;
    if (canBeLate) {
      await typeDate(page, 'case-firstPositiveAt', lateToday);
      await page.locator('#case-reportingUnit').fill('拉萨市人民医院');
      await page.locator('#case-reportingUnit').press('Enter');
      await form.locator('.ant-form-item', { has: page.locator('#case-firstPositiveAt') }).getByText('不能晚于报告时间').waitFor();
      expect(await t.ctx.db.selectFrom('cases').select('id').execute()).toHaveLength(0);
    }
    await typeDate(page, 'case-firstPositiveAt', localMinute(new Date(now - 3 * HOUR), TZ));
    await typeDate(page, 'case-onsetDate', yesterday);
    await page.locator('#case-reportingUnit').fill('拉萨市人民医院');
    await shot(page, 'cases-02-report-form.png', false);
    await page.locator('#case-reportingUnit').press('Enter');

    await page.waitForURL(/\/cases\/[^/]+$/);
    caseId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByTestId('case-title').filter({ hasText: `病例：${INDEX.name}` }).waitFor();
    const header = await page.locator('.ant-layout-content').innerText();
    for (const text of ['确诊病例（普通型）', '已报告，待转运', '本土', '城关区', '绕赛社区居委会', '拉萨市人民医院', '社区筛查']) expect(header).toContain(text);
    await page.getByTestId('case-waiting').waitFor();
    // Identifiers are masked; the CDC has no reveal grant.
    expect(await page.getByTestId('document-number').innerText()).toMatch(/^540102\*+\d{3}[\dX]$/);
    expect(await page.getByRole('button', { name: '查看完整信息' }).count()).toBe(0);
    expect(await page.getByTestId('infectious-period').innerText()).toContain(`${addDays(yesterday, -2)} 00:00 起（尚未隔离收治）`);
    await page.locator('[data-testid="case-event"][data-kind="reported"]').filter({ hasText: USERS.cdc.displayName }).waitFor();
    await page.getByTestId('chain-counts').waitFor();
    expect(await chainCases(page)).toBe('1');

    const stored = await api('GET', `/api/cases/${caseId}`);
    expect(stored).toMatchObject({
      classification: 'confirmed', clinicalType: 'moderate', status: 'reported', origin: 'local', foundBy: 'community_screening',
      jurisdiction: { code: '540102' }, community: { code: BAKUO_COMMUNITY }, onsetDate: yesterday, reportingUnit: '拉萨市人民医院',
      person: { name: INDEX.name },
    });
    expect(await t.ctx.db.selectFrom('cases').select('id').execute()).toHaveLength(1);
    await shot(page, 'cases-03-detail-new.png');
  });

  it('the command centre sees the case waiting for admission and the day’s figures', async () => {
    const page = await browser.openAs(USERS.command);
    await openMenu(page, '病例管理');
    await page.waitForURL(/\/cases$/);
    const waiting = page.getByTestId('waiting-card');
    await waiting.locator('tr', { hasText: INDEX.name }).getByTestId('waiting-minutes').waitFor();
    expect(await waiting.getByTestId('waiting-total').innerText()).toBe('共 1 例');
    const figures = page.getByTestId('daily-figures');
    await expect.poll(() => figures.getByTestId('daily-local-confirmed').locator('.ant-statistic-content-value').innerText()).toBe('1');
    expect(await figures.getByTestId('daily-local-asymptomatic').locator('.ant-statistic-content-value').innerText()).toBe('0');
    expect(await figures.getByTestId('daily-local-reclassified').locator('.ant-statistic-content-value').innerText()).toBe('0');
    await page.getByTestId('cases-table').locator('tr', { hasText: INDEX.name }).waitFor();
    // Filters: an asymptomatic-only list has nobody.
    await pickOption(page, 'case-filter-classification', '无症状感染者');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page.getByText('没有符合条件的记录').waitFor();
    expect(new URL(page.url()).searchParams.get('classification')).toBe('asymptomatic');
    await page.getByRole('button', { name: /重\s*置/ }).click();
    await page.getByTestId('cases-table').locator('tr', { hasText: INDEX.name }).waitFor();
    await shot(page, 'cases-04-command-waiting.png');
    await page.context().close();
  });

  it('adds an exposure and uploads a 30-line manifest; a second upload (XLSX) creates nobody twice and names its bad line', async () => {
    const page = cdcPage;
    const now = Date.now();
    await page.getByTestId('exposure-add').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('exposure-period').waitFor();
    await pickOption(page, 'exposure-setting', '聚集活动');
    await pickPlace(page, 'exposure-placeCode', '绕赛', '绕赛社区居委会');
    await page.locator('#exposure-address').fill('八廓街光明甜茶馆');
    await typeDate(page, 'exposure-from', localMinute(new Date(now - 26 * HOUR), TZ));
    await typeDate(page, 'exposure-to', localMinute(new Date(now - 24 * HOUR), TZ));
    await shot(page, 'cases-05-exposure-form.png', false);
    await page.locator('#exposure-address').press('Enter');
    const row = page.getByTestId('exposures-table').locator('tr', { hasText: '八廓街光明甜茶馆' });
    await row.waitFor();
    expect(await row.innerText()).toContain('聚集活动');
    expect(await row.innerText()).toContain('绕赛社区居委会');
    await expect.poll(() => dialog.count()).toBe(0);

    // The manifest: 30 people over two communities.
    let manifestDialog = await upload(page, row, 'teahouse.csv', manifest(LINES));
    expect(await manifestDialog.getByTestId('manifest-file').innerText()).toBe('已选择：teahouse.csv（30 行）');
    await manifestDialog.getByRole('button', { name: /^导\s*入$/ }).click();
    const result = manifestDialog.getByTestId('manifest-result');
    await result.waitFor();
    expect(await result.getByTestId('manifest-lines').innerText()).toBe('30');
    expect(await result.getByTestId('manifest-created').innerText()).toBe('30');
    expect(await result.getByTestId('manifest-existing').innerText()).toBe('0');
    expect(await result.getByTestId('manifest-repeated').innerText()).toBe('0');
    expect(await result.getByTestId('manifest-issues').count()).toBe(0);
    await shot(page, 'cases-06-manifest-imported.png', false);
    await manifestDialog.getByRole('button', { name: /完\s*成/ }).click();
    await expect.poll(() => row.getByTestId('exposure-contacts').innerText()).toBe('密接 30 · 次密接 0');
    const contacts = page.getByTestId('case-contacts');
    await contacts.getByText('共 30 条').waitFor();

    // The same list again as a workbook, with one person repeated and one ID number with a wrong check digit.
    const bad = residentId('19910101');
    const badLine = ['错号人员', bad.slice(0, 17) + (bad[17] === '1' ? '2' : '1'), '13908919999', '9A', TIEBENGGANG_COMMUNITY].join(',');
    manifestDialog = await upload(page, row, 'teahouse-again.xlsx', await workbook([...LINES, LINES[1], badLine]), XLSX);
    expect(await manifestDialog.getByTestId('manifest-file').innerText()).toContain('teahouse-again.xlsx');
    await manifestDialog.getByRole('button', { name: /^导\s*入$/ }).click();
    const again = manifestDialog.getByTestId('manifest-result');
    await again.waitFor();
    expect(await again.getByTestId('manifest-lines').innerText()).toBe('32');
    expect(await again.getByTestId('manifest-created').innerText()).toBe('0');
    expect(await again.getByTestId('manifest-existing').innerText()).toBe('30');
    expect(await again.getByTestId('manifest-repeated').innerText()).toBe('1');
    const issues = again.getByTestId('manifest-issues');
    const issueRows = issues.locator('tbody tr');
    await expect.poll(() => issueRows.count()).toBe(1);
    const issue = await issueRows.first().innerText();
    expect(issue).toMatch(/^33\s/);
    expect(issue).toContain('第 33 行');
    await shot(page, 'cases-07-manifest-again.png', false);
    await manifestDialog.getByRole('button', { name: /完\s*成/ }).click();

    // Stored: 30 contacts, each under home control in their own community.
    const rows = await t.ctx.db.selectFrom('contacts').innerJoin('observations', 'observations.id', 'contacts.observation_id')
      .select(['contacts.community_code', 'observations.unit_code', 'observations.status', 'observations.reason']).where('contacts.case_id', '=', caseId).execute();
    expect(rows).toHaveLength(30);
    expect(rows.filter((r) => r.unit_code === BAKUO_COMMUNITY)).toHaveLength(15);
    expect(rows.filter((r) => r.unit_code === TIEBENGGANG_COMMUNITY)).toHaveLength(15);
    expect(rows.every((r) => r.status === 'active' && r.reason === 'close_contact' && r.unit_code === r.community_code)).toBe(true);
    // The graph shows the place and the contacts, still one case.
    await expect.poll(() => page.getByTestId('chain-counts').getAttribute('data-contacts')).toBe('30');
    expect(await chainCases(page)).toBe('1');
  });

  it('the community finds its 15 contacts on its daily check list without entering them', async () => {
    const page = await browser.openAs(USERS.community);
    await openMenu(page, '每日监测');
    await page.waitForURL(/\/checks$/);
    const inputs = page.locator('input[data-check-input]');
    await expect.poll(() => inputs.count()).toBe(IN_BAKUO.length);
    const names: string[] = await inputs.evaluateAll((els) => els.map((e) => (e.getAttribute('aria-label') ?? '').replace(/ 的体温$/, '')));
    expect([...names].sort()).toEqual([...IN_BAKUO].sort());
    await shot(page, 'cases-08-community-checks.png');

    // The community's contacts page lists them too, with their control.
    await openMenu(page, '密接管理');
    await page.waitForURL(/\/contacts$/);
    const table = page.getByTestId('contacts-card');
    await table.getByText(`共 ${IN_BAKUO.length} 条`).waitFor();
    const first = table.locator('tr', { hasText: IN_BAKUO[0] });
    expect(await first.innerText()).toContain('绕赛社区居委会 · 居家观察');
    expect(await first.innerText()).toContain('管控中');
    // The case counts for 城关区, outside the community: not linked.
    expect(await table.getByRole('link').count()).toBe(0);
    await shot(page, 'cases-09-community-contacts.png');
    await page.context().close();
  });

  it('the CDC marks a contact positive and the chain graph grows by a case', async () => {
    const page = cdcPage;
    await page.reload();
    await page.getByTestId('chain-counts').waitFor();
    expect(await chainCases(page)).toBe('1');
    await expect.poll(() => graphCaseNodes(page)).toBe(1);

    const contacts = page.getByTestId('case-contacts');
    await contacts.getByText('共 30 条').waitFor();
    // 20 a page: the contact is found by name.
    await page.locator('#case-contacts-q').fill(POSITIVE.name);
    await page.locator('#case-contacts-q').press('Enter');
    await contacts.getByText('共 1 条').waitFor();
    await contacts.locator('tr', { hasText: POSITIVE.name }).getByTestId('mark-positive').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('positive-question').filter({ hasText: POSITIVE.name }).waitFor();
    await page.locator('#positive-reportingUnit').fill('拉萨市疾控中心');
    await shot(page, 'cases-10-positive-dialog.png', false);
    await page.locator('#positive-reportingUnit').press('Enter');
    await expect.poll(() => chainCases(page), { timeout: 10_000 }).toBe('2');
    await expect.poll(() => graphCaseNodes(page)).toBe(2);
    await contacts.locator('tr', { hasText: POSITIVE.name }).getByText('已转为病例').waitFor();

    const created = await t.ctx.db.selectFrom('cases').innerJoin('persons', 'persons.id', 'cases.person_id')
      .select(['cases.id', 'cases.source_case_id', 'cases.cluster_id', 'cases.found_by', 'cases.classification']).where('persons.name', '=', POSITIVE.name).executeTakeFirstOrThrow();
    expect(created).toMatchObject({ source_case_id: caseId, cluster_id: caseId, found_by: 'contact_control', classification: 'asymptomatic' });
    // Their home control ended as transferred: the community no longer checks them.
    const o = await t.ctx.db.selectFrom('contacts').innerJoin('observations', 'observations.id', 'contacts.observation_id')
      .select('observations.status').where('contacts.positive_case_id', '=', created.id).executeTakeFirstOrThrow();
    expect(o.status).toBe('transferred');
    await page.getByTestId('chain-card').scrollIntoViewIfNeeded();
    await page.waitForTimeout(1500);
    await page.getByTestId('chain-card').screenshot({ path: join(SHOTS, 'cases-11-chain.png') });

    // The cluster gets a name from its first place.
    await page.getByTestId('cluster-rename').click();
    const rename = page.getByRole('dialog');
    expect(await page.locator('#cluster-name').inputValue()).toContain('八廓街光明甜茶馆');
    await page.locator('#cluster-name').fill('八廓街甜茶馆聚集性疫情');
    await page.locator('#cluster-name').press('Enter');
    await page.getByTestId('cluster-name').filter({ hasText: '八廓街甜茶馆聚集性疫情' }).waitFor();
    await expect.poll(() => rename.count()).toBe(0);
    await shot(page, 'cases-12-detail-traced.png');

    // The new case's page: linked to its source, in the same chain.
    await contacts.locator('tr', { hasText: POSITIVE.name }).getByRole('link', { name: '查看病例' }).click();
    await page.getByTestId('case-title').filter({ hasText: `病例：${POSITIVE.name}` }).waitFor();
    await page.getByRole('link', { name: '查看来源病例' }).waitFor();
    expect(await page.getByTestId('classification-tag').first().innerText()).toBe('无症状感染者');
    await expect.poll(() => chainCases(page)).toBe('2');
  });

  it('lists the cluster with its size, and opens a case of it', async () => {
    const page = cdcPage;
    await openMenu(page, '聚集性疫情');
    const row = page.getByTestId('clusters-table').locator('tr', { hasText: '八廓街甜茶馆聚集性疫情' });
    await row.waitFor();
    expect(await row.getByTestId('cluster-size').innerText()).toBe('2');
    expect(await row.innerText()).toContain('30');
    expect(await row.innerText()).toContain('八廓街光明甜茶馆');
    await shot(page, 'cases-13-clusters.png');
    await row.getByTestId('cluster-size').click();
    await page.waitForURL(/\/cases\/[^/]+$/);
    await expect.poll(() => chainCases(page)).toBe('2');

    // The same page in English.
    await page.getByText('English', { exact: true }).click();
    await page.getByText('Transmission chain: 八廓街甜茶馆聚集性疫情').waitFor();
    await page.getByText('Infectious period', { exact: true }).waitFor();
    await shot(page, 'cases-15-detail-english.png');
    await page.getByText('中文', { exact: true }).click();
    await page.getByText('传播链：八廓街甜茶馆聚集性疫情').waitFor();
  });

  it('admitting the first case takes it off the waiting list; the positive contact now waits', async () => {
    const page = cdcPage;
    await page.goto(`${base}/cases/${caseId}`);
    await page.getByTestId('case-actions').getByRole('button', { name: '收治入院' }).click();
    await page.getByTestId('case-action-question').filter({ hasText: '已报告，待转运' }).waitFor();
    await page.locator('#case-action-facility').fill('拉萨市公共卫生临床中心');
    await page.locator('#case-action-facility').press('Enter');
    await page.getByTestId('case-status-tag').filter({ hasText: '住院（方舱）治疗中' }).first().waitFor();
    expect(await page.getByTestId('case-waiting').count()).toBe(0);
    await page.locator('[data-testid="case-event"][data-kind="status"]').filter({ hasText: '已报告，待转运 → 住院（方舱）治疗中' }).waitFor();
    // A confirmed case cannot be "released from isolation"; it can be cured and discharged.
    const actions = await page.getByTestId('case-actions').innerText();
    expect(actions).toContain('治愈出院');
    expect(actions).not.toContain('解除隔离医学观察');

    await openMenu(page, '病例管理');
    const waiting = page.getByTestId('waiting-card');
    await waiting.locator('tr', { hasText: POSITIVE.name }).waitFor();
    expect(await waiting.getByTestId('waiting-total').innerText()).toBe('共 1 例');
    expect(await waiting.locator('tr', { hasText: INDEX.name }).count()).toBe(0);
    const figures = page.getByTestId('daily-figures');
    await expect.poll(() => figures.getByTestId('daily-local-asymptomatic').locator('.ant-statistic-content-value').innerText()).toBe('1');
    expect(await figures.getByTestId('daily-local-confirmed').locator('.ant-statistic-content-value').innerText()).toBe('1');
    await shot(page, 'cases-14-cases-list.png');
  });

  it('loaded nothing from outside and threw no errors', () => {
    expect(browser.problems).toEqual([]);
  });
});
