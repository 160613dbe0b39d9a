// End to end in Chromium: a unit named with HTML shows as text in the dashboard map's tooltip and
// never runs, and every page carries the Content-Security-Policy that would stop it anyway.
// Screenshot: screenshots/security-tooltip.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2eApp, type E2eApp, type BrowserSession } from '../support/e2e';
import { tile, tileCentre } from '../support/boundaries';

const COMMAND = { username: 'sec_command', password: 'command-password-10', displayName: '城关区指挥部', role: 'command', jurisdictionCode: '540102' } as const;
const EVIL = '<img src=x onerror="window.__xss=1">隔离点';

describe('markup in names in the browser', () => {
  let browser: BrowserSession;
  let base: string;
  let app: E2eApp;

  beforeAll(async () => {
    ({ browser, base } = app = await startE2eApp([COMMAND]));
    const { t } = app;
    const unit = await t.call(t.adminToken, { method: 'POST', url: '/api/units', payload: { parentCode: '540102', name: EVIL, kind: 'isolation_site', rooms: 10 } });
    expect(unit.statusCode, unit.body).toBe(201);
    const polygon = (coordinates: number[][][]) => ({ type: 'Polygon', coordinates });
    const geojson = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code: '540102002', name: '八廓街道' }, geometry: polygon(tile(0, 0)) },
        { type: 'Feature', properties: { code: unit.json().code }, geometry: polygon(tile(1, 0)) },
      ],
    };
    const uploaded = await t.call(t.adminToken, { method: 'PUT', url: '/api/boundaries/540102', payload: { reviewNumber: '藏S(2022)002号', geojson } });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('shows an HTML unit name as text in the map tooltip, under a CSP that allows only its own scripts', async () => {
    const page = await browser.openAs(COMMAND);
    const response = await page.goto(base + '/dashboard');
    const csp = response!.headers()['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response!.headers()['x-content-type-options']).toBe('nosniff');

    await page.waitForFunction(() => {
      const series = window.__dashboardChart?.getOption().series as { map?: string; data?: unknown[] }[] | undefined;
      return !!series?.[0]?.map && (series[0].data?.length ?? 0) > 0;
    });
    const at = await page.evaluate((ll) => {
      const chart = window.__dashboardChart!;
      const [x, y] = chart.convertToPixel({ seriesIndex: 0 }, ll);
      const box = chart.getDom().getBoundingClientRect();
      return { x: box.left + x, y: box.top + y };
    }, tileCentre(1, 0));
    await page.mouse.move(at.x, at.y);
    const tooltip = page.locator('div', { hasText: '<img src=x' }).last();
    await expect.poll(() => tooltip.count()).toBeGreaterThan(0);
    expect(await tooltip.innerText()).toContain('<img src=x onerror="window.__xss=1">隔离点');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.evaluate(() => [...document.querySelectorAll('img')].some((i) => i.getAttribute('src') === 'x'))).toBe(false);
    await browser.shot(page, 'security-tooltip.png', false);
    expect(browser.problems).toEqual([]);
  });
});
