// What every browser test needs: the web app built as it ships, browser contexts that may fetch
// nothing from outside the platform and whose page errors are collected, logging in, screenshots.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, type LaunchedBrowser } from './browser';
import { startTestApp, type TestApp } from './app';

const ROOT = resolve(import.meta.dirname, '../..');
export const SHOTS = join(ROOT, 'screenshots');

const IGNORED_CONSOLE = [
  // The browser's own line for a failed request (a 401 of the session check, a cut connection).
  /^Failed to load resource/,
  // A development-only heuristic of rc-virtual-list, printed when a TreeSelect popup scrolls while it opens.
  /rc-virtual-list` reach the max limitation/,
  // A change stream closed by the test's end or by the server.
  /EventSource/,
];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the web app when there is no build or it is older than the sources it is made of. */
function ensureWebBuilt(): void {
  const index = join(ROOT, 'dist/web/index.html');
  const sources = Math.max(newestMtime(join(ROOT, 'web')), newestMtime(join(ROOT, 'src/domain')));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  // Vitest sets NODE_ENV=test; the app is built as it ships.
  const r = spawnSync(join(ROOT, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (r.status !== 0) throw new Error('vite build failed');
}

export interface Credentials {
  username: string;
  password: string;
}

export interface ContextOptions {
  viewport?: { width: number; height: number };
  acceptDownloads?: boolean;
  /** Called for every page the context opens, after the error watchers are attached. */
  onPage?(page: Page): void;
}

export interface BrowserSession {
  /** Pages' errors, console errors and requests to outside the platform; a test ends expecting none. */
  problems: string[];
  newContext(options?: ContextOptions): Promise<BrowserContext>;
  login(page: Page, user: Credentials, screenshotName?: string): Promise<void>;
  /** A new context and page, logged in as `user` (or left at nothing when null). */
  openAs(user: Credentials | null, options?: ContextOptions): Promise<Page>;
  /** Waits for spinners and chart animations, then saves a screenshot from the top of the page. */
  shot(page: Page, name: string, fullPage?: boolean): Promise<void>;
  close(): Promise<void>;
}

/**
 * Builds the web app if needed and starts Chromium, for the platform served at `base()` once it
 * listens. Start it before the app: the app's static files are listed when it starts.
 */
export async function startBrowserSession(base: () => string): Promise<BrowserSession> {
  ensureWebBuilt();
  mkdirSync(SHOTS, { recursive: true });
  const launched: LaunchedBrowser = await launchBrowser();
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  async function newContext(options: ContextOptions = {}): Promise<BrowserContext> {
    const context = await launched.browser.newContext({
      viewport: options.viewport ?? { width: 1440, height: 960 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      acceptDownloads: options.acceptDownloads ?? false,
    });
    contexts.push(context);
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(base()) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      problems.push('external request: ' + url);
      return route.abort();
    });
    context.on('page', (page) => {
      page.on('pageerror', (e) => problems.push('page error: ' + e.message));
      page.on('console', (m) => {
        if (m.type() !== 'error' || IGNORED_CONSOLE.some((re) => re.test(m.text()))) return;
        problems.push('console error: ' + m.text() + ' @ ' + page.url());
      });
      options.onPage?.(page);
    });
    return context;
  }

  async function login(page: Page, user: Credentials, screenshotName?: string) {
    await page.goto(base() + '/login');
    await page.locator('#login-username').fill(user.username);
    await page.locator('#login-password').fill(user.password);
    if (screenshotName) await page.screenshot({ path: join(SHOTS, screenshotName) });
    await page.locator('#login-password').press('Enter');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  }

  return {
    problems,
    newContext,
    login,
    async openAs(user, options) {
      const page = await (await newContext(options)).newPage();
      if (user) await login(page, user);
      return page;
    },
    async shot(page, name, fullPage = true) {
      await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-btn-loading, .ant-skeleton'));
      // Sticky headers sit where the window was scrolled to; the full page is taken from the top.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.waitForTimeout(800);
      await page.screenshot({ path: join(SHOTS, name), fullPage });
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await launched.close();
    },
  };
}

export interface E2eApp {
  browser: BrowserSession;
  t: TestApp;
  /** Where the app listens. */
  base: string;
  close(): Promise<void>;
}

/** The browser session and the app on SQLite, served, with these users created (their POST /api/users bodies) and ready to log in. */
export async function startE2eApp(users: object[] = []): Promise<E2eApp> {
  let base = '';
  const browser = await startBrowserSession(() => base);
  const t = await startTestApp('sqlite');
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  // Their first login's password change is made here: the browser logs in with the password given.
  for (const u of users) await t.createUser(u as { username: string; password: string });
  return {
    browser,
    t,
    base,
    async close() {
      await browser.close();
      await t.close();
    },
  };
}
