import AxeBuilder from '@axe-core/playwright';
import { devices, expect, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test';
import type { CaptureStatus } from '../../../shared/contract/capture';

/**
 * Observers' devices for the live-capture e2e: each its own browser context (its own
 * IndexedDB, network switch and clock), sized and touch-enabled as the device is. Every
 * one runs in the configured Chromium: a descriptor's `defaultBrowserType` (WebKit for
 * Apple devices) is dropped, since only /usr/bin/chromium exists here.
 */

const inChromium = ({ defaultBrowserType: _ignored, ...options }: (typeof devices)[string]): BrowserContextOptions => options;

/** A school Chromebook: a 1366×768 laptop screen, a desktop browser. */
const chromebook: BrowserContextOptions = {
  viewport: { width: 1366, height: 768 },
  deviceScaleFactor: 1,
  isMobile: false,
  hasTouch: false,
  userAgent: 'Mozilla/5.0 (X11; CrOS x86_64 15633.69.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
};

export const deviceProfiles = {
  iphone: inChromium(devices['iPhone 13']),
  ipad: inChromium(devices['iPad (gen 7)']),
  chromebook,
} as const;
export type DeviceKind = keyof typeof deviceProfiles;

export interface ObserverDevice {
  kind: DeviceKind;
  context: BrowserContext;
  page: Page;
  /** Uncaught errors in the device page; a test expects none. */
  errors: string[];
}

/**
 * A device's browser, its clock running `clockSkewMs` off the laptop's (a phone set by
 * hand runs minutes fast or slow): notes must still carry the host's lesson time.
 */
export const openDevice = async (browser: Browser, kind: DeviceKind, clockSkewMs = 0): Promise<ObserverDevice> => {
  const context = await browser.newContext({ ...deviceProfiles[kind], locale: 'en-US' });
  // The fake clock keeps running in real time from the skewed start; timers fire as usual.
  if (clockSkewMs !== 0) await context.clock.install({ time: Date.now() + clockSkewMs });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { kind, context, page, errors };
};

/** The capture door as this computer reaches it: whatever network address the join URL names, 127.0.0.1 on its port. */
export const captureDoor = (status: CaptureStatus) => {
  const url = new URL(status.joinUrls[0]);
  return { origin: `http://127.0.0.1:${url.port}`, secret: url.hash.slice('#join='.length) };
};

/** Serious and critical axe violations on the page, as readable lines. */
export const seriousViolations = async (page: Page): Promise<string[]> => {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
};

/** The device page's badge of notes still on the device. */
export const badgeOf = (page: Page) => page.locator('.clockbar').getByRole('status');

/** Wait until the device shows its capture screen (approved, with the lesson). */
export const expectCapturing = async (page: Page) => {
  await expect(page.getByRole('textbox', { name: 'Note' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Lesson time' })).toBeVisible();
};
