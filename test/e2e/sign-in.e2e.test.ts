// End to end in Chromium: a password an administrator set. The new user logs in and sees only the
// request to change it; a weak or repeated password and a wrong current one are refused in place;
// once changed, the app opens and stays open after a reload. Later the user changes it again from
// the header's account menu, logs out and in with it. The same page speaks English when asked.
// Screenshots go to screenshots/sign-in-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestApp } from '../support/app';
import { startE2eApp, type BrowserSession, type E2eApp } from '../support/e2e';

const ADMIN_SET = 'Set-by-admin-1';
const OWN = 'Only-I-know-1';
const LATER = 'Changed-later-2';

describe('changing a password an administrator set, and one\'s own', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let app: E2eApp;
  let page: Page;

  const createUser = async (username: string) => {
    const res = await t.call(t.adminToken, { method: 'POST', url: '/api/users', payload: { username, password: ADMIN_SET, displayName: '绕赛社区网格员丁', role: 'community', jurisdictionCode: '540102002001' } });
    expect(res.statusCode, res.body).toBe(201);
  };
  const fill = async (current: string, next: string, confirm = next) => {
    await page.locator('#password-current').fill(current);
    await page.locator('#password-new').fill(next);
    await page.locator('#password-confirm').fill(confirm);
    await page.locator('#password-submit').click();
  };
  const fieldError = (id: string) => page.locator(`.ant-form-item:has(#${id}) .ant-form-item-explain-error`);

  beforeAll(async () => {
    ({ browser, t } = app = await startE2eApp());
    await createUser('ramoche_new');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('asks for a new password at first login and opens nothing else until it is changed', async () => {
    page = await browser.openAs({ username: 'ramoche_new', password: ADMIN_SET });
    await page.getByText('请先修改密码').waitFor();
    await page.getByText('您的密码由管理员设置').waitFor();
    expect(await page.locator('.ant-layout-sider').count()).toBe(0);
    await browser.shot(page, 'sign-in-01-forced-change.png');

    await fill(ADMIN_SET, 'abcdefghij');
    await fieldError('password-new').getByText('至少 10 位，且包含小写字母、大写字母、数字、符号中的至少 3 类').waitFor();
    await fill(ADMIN_SET, ADMIN_SET);
    await fieldError('password-new').getByText('新密码不能与当前密码相同').waitFor();
    await fill(ADMIN_SET, OWN, OWN + 'x');
    await fieldError('password-confirm').getByText('两次输入的新密码不一致').waitFor();

    await fill('Not-the-password-1', OWN);
    await fieldError('password-current').getByText('字段“currentPassword”与当前密码不符').waitFor();
    await browser.shot(page, 'sign-in-02-wrong-current.png');

    await fill(ADMIN_SET, OWN);
    await page.locator('.ant-layout-sider').waitFor();
    await page.getByText('密码已修改').waitFor();
    await page.reload();
    await page.locator('.ant-layout-sider').waitFor();
    expect(await page.getByText('请先修改密码').count()).toBe(0);
  });

  it('changes one\'s own password from the header menu, then logs in with it', async () => {
    await page.locator('#account-menu').click();
    await page.getByRole('menuitem', { name: '修改密码' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('当前密码').waitFor();
    await fill(OWN, LATER);
    await page.getByText('密码已修改，您在其他设备上的登录已退出').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await browser.shot(page, 'sign-in-03-changed-from-menu.png');

    await page.locator('#account-menu').click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL(/\/login/);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ramoche_new', password: OWN } })).statusCode).toBe(401);
    await browser.login(page, { username: 'ramoche_new', password: LATER });
    await page.locator('.ant-layout-sider').waitFor();
    expect(await page.getByText('请先修改密码').count()).toBe(0);
  });

  it('speaks English on the same page when asked', async () => {
    await createUser('ramoche_en');
    const en = await browser.openAs({ username: 'ramoche_en', password: ADMIN_SET });
    await en.getByText('请先修改密码').waitFor();
    await en.getByText('English').click();
    await en.getByText('Change your password first').waitFor();
    page = en;
    await fill('Not-the-password-1', OWN);
    await fieldError('password-current').getByText('Field "currentPassword" does not match the current password').waitFor();
    await browser.shot(en, 'sign-in-04-forced-change-en.png');
    expect(browser.problems).toEqual([]);
  });
});
