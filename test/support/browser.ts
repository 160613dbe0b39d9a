// Debian's Chromium for the end-to-end suite, driven by playwright-core.
// Finds it at CHROMIUM_PATH or /usr/bin/chromium; as root it installs chromium and
// fonts-noto-cjk (Chinese must render as text, not boxes) when they are missing.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const DEFAULT_PATH = '/usr/bin/chromium';

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function hasCjkFont(): boolean {
  try {
    return execSync('fc-list :lang=zh family', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().length > 0;
  } catch {
    return existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc');
  }
}

function aptInstall(packages: string[]): void {
  execSync(`apt-get update && apt-get install -y --no-install-recommends ${packages.join(' ')}`, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    timeout: 15 * 60_000,
  });
}

/** The Chromium executable, installing it (and the CJK fonts) first when running as root. */
export function ensureChromium(): string {
  const wanted = process.env.CHROMIUM_PATH || DEFAULT_PATH;
  const missing: string[] = [];
  if (!existsSync(wanted)) {
    if (process.env.CHROMIUM_PATH) throw new Error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist`);
    missing.push('chromium');
  }
  if (!hasCjkFont()) missing.push('fonts-noto-cjk');
  if (missing.length) {
    if (!isRoot()) {
      if (missing.includes('chromium')) {
        throw new Error(
          'The end-to-end tests need Chromium and Chinese fonts. Install them with ' +
            '`sudo apt-get install -y chromium fonts-noto-cjk` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium executable.',
        );
      }
      console.warn('fonts-noto-cjk is not installed: Chinese text in screenshots will show as boxes (apt-get install -y fonts-noto-cjk)');
    } else {
      aptInstall(missing);
    }
  }
  if (!existsSync(wanted)) throw new Error(`Chromium not found at ${wanted} after installing it`);
  return wanted;
}

export interface LaunchedBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Headless Chromium with a fresh profile and no calls home. The fresh --user-data-dir comes from
 * Playwright itself: launch() always starts Chromium on a new temporary profile (and refuses a
 * --user-data-dir argument), deleting it on close.
 */
export async function launchBrowser(): Promise<LaunchedBrowser> {
  const executablePath = ensureChromium();
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}
