// End to end in Chromium: a pinned wall screen. The region's command centre opens /screen at
// 1920×1080 and pins it (固定此大屏); its session is then logged out and its cookies cleared, and the
// reloaded screen still shows the figures, live, with no login page. Revoking the token through the
// API turns the screen into a full-screen 大屏授权已撤销. On 系统管理 › 大屏授权 a second screen's
// /screen#token=… link is issued, opened in a browser that never logged in, and revoked there.
// Screenshots go to screenshots/screen-token-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { type TestApp } from '../support/app';
import { startE2eApp, type E2eApp, type BrowserSession, type Credentials } from '../support/e2e';
import { buildArrival, entryPointId } from '../support/factories';

const SIZE = { width: 1920, height: 1080 };

const USERS = {
  command: { username: 'pin_command', password: 'command-password-9', displayName: '自治区指挥部', role: 'command', jurisdictionCode: '54' },
  desk: { username: 'pin_desk', password: 'desk-password-9', displayName: '贡嘎机场分流台', role: 'triage_desk', jurisdictionCode: '5401' },
} as const;

describe('a pinned wall screen in the browser', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let base: string;
  let app: E2eApp;
  let deskToken: string;
  let commandToken: string;
  let entryPoint: string;
  let screen: Page;
  let screenContext: BrowserContext;
  /** Every /api request the screens made, to check the login page was never asked for. */
  const requests: string[] = [];

  const register = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const res = await t.call(deskToken, { method: 'POST', url: '/api/arrivals', payload: buildArrival(entryPoint) });
      expect(res.statusCode, res.body).toBe(201);
    }
  };

  const newContext = (viewport = SIZE) => browser.newContext({ viewport, onPage: (page) => page.on('request', (r) => requests.push(new URL(r.url()).pathname)) });
  const login = async (context: BrowserContext, user: Credentials) => {
    const page = await context.newPage();
    await browser.login(page, user);
    return page;
  };
  const shot = (page: Page, name: string) => browser.shot(page, name, false);

  const arrivals = (page: Page) => page.locator('[data-testid="screen-fig-arrivals"]').innerText();
  const tokenId = async (label: string) => {
    const res = await t.call(commandToken, { method: 'GET', url: '/api/screen-tokens' });
    return res.json().items.find((i: { label: string }) => i.label === label).id as string;
  };

  beforeAll(async () => {
    ({ browser, t, base } = app = await startE2eApp(Object.values(USERS)));
    deskToken = await t.login(USERS.desk.username, USERS.desk.password);
    commandToken = await t.login(USERS.command.username, USERS.command.password);
    entryPoint = await entryPointId(t.ctx);
    await register(3);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('pins the screen of a logged-in command user', async () => {
    screenContext = await newContext();
    screen = await login(screenContext, USERS.command);
    await screen.goto(base + '/screen');
    await screen.getByText('疫情防控大数据平台').waitFor();
    await expect.poll(() => arrivals(screen)).toContain('3');

    await screen.locator('[data-testid="screen-pin"]').click();
    const dialog = screen.locator('.ant-modal');
    await dialog.getByText('登录过期或退出登录都不会中断').waitFor();
    expect(await screen.locator('#screen-pin-label').inputValue()).toBe('西藏自治区大屏');
    await screen.locator('#screen-pin-label').fill('指挥中心大屏1');
    await shot(screen, 'screen-token-01-pin.png');
    await dialog.locator('.ant-btn-primary').click();
    await screen.locator('[data-testid="screen-pinned"]').getByText('指挥中心大屏1').waitFor();
    const stored = await screen.evaluate(() => localStorage.getItem('fk.screenToken'));
    expect(stored).toMatch(/^fks_/);
    const row = await t.ctx.db.selectFrom('screen_tokens').selectAll().where('label', '=', '指挥中心大屏1').executeTakeFirstOrThrow();
    expect(row.jurisdiction_code).toBe('54');
    expect(JSON.stringify(row)).not.toContain(stored!.slice(4));
  });

  it('keeps showing live figures after the session is logged out and the cookies are cleared', async () => {
    const session = (await screenContext.cookies()).find((c) => c.name === 'fk_session')!;
    expect((await t.call(session.value, { method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(200);
    await screenContext.clearCookies();
    expect(await screenContext.cookies()).toEqual([]);

    const marker = requests.length;
    await screen.reload();
    await screen.locator('[data-testid="screen"]').waitFor();
    await expect.poll(() => arrivals(screen)).toContain('3');
    expect(new URL(screen.url()).pathname).toBe('/screen');
    expect(await screen.locator('#login-username').count()).toBe(0);
    // Live through the change stream on the token: one more registration shows without a reload.
    await screen.getByText('实时推送').waitFor({ timeout: 10_000 });
    await register(1);
    await expect.poll(() => arrivals(screen), { timeout: 10_000 }).toContain('4');
    await screen.locator('[data-testid="region-map"] canvas').first().waitFor();
    expect(requests.slice(marker)).not.toContain('/login');
    const size = await screen.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }));
    expect(size).toEqual({ w: 1920, h: 1080 });
    await shot(screen, 'screen-token-02-pinned.png');
  });

  it('shows 大屏授权已撤销 full screen once the token is revoked, not a login page', async () => {
    const id = await tokenId('指挥中心大屏1');
    expect((await t.call(commandToken, { method: 'DELETE', url: `/api/screen-tokens/${id}` })).statusCode).toBe(200);
    const refused = screen.locator('[data-testid="screen-refused"]');
    await refused.getByText('大屏授权已撤销').waitFor({ timeout: 15_000 });
    expect(await screen.locator('[data-testid="screen-fig-arrivals"]').count()).toBe(0);
    expect(new URL(screen.url()).pathname).toBe('/screen');
    await shot(screen, 'screen-token-03-revoked.png');
    // And after a reload, still the message and not a login page.
    await screen.reload();
    await refused.getByText('大屏授权已撤销').waitFor();
    expect(new URL(screen.url()).pathname).toBe('/screen');
  });

  it('issues a screen link on 大屏授权, opens a screen from it, and revokes it there with confirmation', async () => {
    const admin = await login(await newContext({ width: 1440, height: 900 }), USERS.command);
    await admin.getByRole('menuitem', { name: '大屏授权' }).click();
    await admin.waitForURL(/\/admin\/screens/);
    await admin.locator('.ant-table-row', { hasText: '指挥中心大屏1' }).getByText('已撤销').waitFor();
    await admin.getByRole('button', { name: '新建大屏授权' }).click();
    const dialog = admin.locator('.ant-modal', { hasText: '新建大屏授权' });
    await dialog.locator('#label').fill('会议室大屏');
    await dialog.locator('.ant-btn-primary').click();
    const link = admin.locator('[data-testid="screen-link"]');
    await link.waitFor();
    const url = (await link.innerText()).trim();
    expect(url).toMatch(new RegExp(`^${base.replace(/[.:/]/g, '\\$&')}/screen#token=fks_[A-Za-z0-9_-]{43}$`));
    // Under load a click during the opening animation can be lost: close until the dialog is gone.
    const issued = admin.locator('.ant-modal', { hasText: '大屏授权已签发' });
    await expect.poll(async () => {
      if (await issued.isVisible()) await issued.locator('.ant-modal-close').click({ timeout: 2_000 }).catch(() => undefined);
      return admin.locator('.ant-modal-wrap:visible').count();
    }, { timeout: 20_000, interval: 500 }).toBe(0);

    // A browser that never logged in opens the link; the token leaves the address bar at once.
    const wall = await (await newContext()).newPage();
    await wall.goto(url);
    await expect.poll(() => arrivals(wall)).toContain('4');
    expect(wall.url()).toBe(base + '/screen');
    await wall.locator('[data-testid="screen-pinned"]').getByText('会议室大屏').waitFor();

    const row = admin.locator('.ant-table-row', { hasText: '会议室大屏' });
    await row.getByText('有效').waitFor();
    await shot(admin, 'screen-token-04-admin.png');
    await row.getByRole('button', { name: /撤\s*销/ }).click();
    await admin.locator('.ant-popover').getByText('该大屏将在数秒内停止显示数据').waitFor();
    await admin.locator('.ant-popover .ant-btn-dangerous').click();
    await row.getByText('已撤销').waitFor();

    await wall.locator('[data-testid="screen-refused"]').getByText('大屏授权已撤销').waitFor({ timeout: 15_000 });
  });

  it('logged no page errors and made no outside requests', () => {
    expect(browser.problems).toEqual([]);
  });
});
