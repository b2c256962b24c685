import { chromium, type LaunchOptions } from '@playwright/test';

/**
 * How the tests and benchmarks launch Debian's Chromium. Beside the flags a sandboxed CI
 * machine needs, Chromium's own address-bar popup is switched off: since Chromium 156 each
 * new window loads it as a web page of its own (chrome://omnibox-popup.top-chrome, about 140
 * requests in its own renderer), and on this two-core machine it ran alongside every page
 * a test opened. The app's Electron window has no address bar, so it never pays for this.
 */
export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
    '--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup',
  ],
};

/** Chromium as tests launch it; `extraArgs` for a benchmark that needs one more flag. */
export const launchChromium = (extraArgs: readonly string[] = []) =>
  chromium.launch({ ...chromiumLaunchOptions, args: [...(chromiumLaunchOptions.args ?? []), ...extraArgs] });
