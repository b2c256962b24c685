import fc from 'fast-check';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MENU_ACTION_CHANNEL } from '../../electron/menu';
import { contract } from '../../shared/contract';
import { MenuAction } from '../../shared/contract/app';
import { CHANNEL_NAMES, toMenuAction } from '../../shared/contract/names';

const root = path.resolve(import.meta.dirname, '../..');

describe('the channel names the preload exposes without zod', () => {
  it('are exactly the contract’s channels, in its order', () => {
    expect([...CHANNEL_NAMES]).toEqual(Object.keys(contract));
  });

  it('the preload spells the menu channel as main does', () => {
    const preload = readFileSync(path.join(root, 'electron', 'preload.ts'), 'utf8');
    expect(preload).toContain(`const MENU_ACTION_CHANNEL = '${MENU_ACTION_CHANNEL}';`);
  });

  it('the menu-command check accepts what the MenuAction schema accepts, and nothing else', () => {
    const valid = fc.oneof(
      fc.constantFrom('new-group', 'new-cycle', 'open-workspace', 'open-sample', 'export-report', 'export-lesson-plan', 'preferences', 'command-palette', 'show-shortcuts', 'show-tour', 'about', 'undo', 'redo').map((type) => ({ type })),
      fc.string({ minLength: 0, maxLength: 5000 }).map((p) => ({ type: 'open-recent', path: p })),
    );
    const hostile = fc.oneof(
      fc.anything(),
      fc.record({ type: fc.string(), path: fc.anything() }, { requiredKeys: [] }),
      fc.record({ type: fc.constantFrom('undo', 'open-recent'), extra: fc.anything() }),
    );
    fc.assert(
      fc.property(fc.oneof(valid, hostile), (value) => {
        const parsed = MenuAction.safeParse(value);
        expect(toMenuAction(value)).toEqual(parsed.success ? parsed.data : null);
      }),
      { numRuns: 3000 },
    );
    // Written by hand, beside the property: what a menu sends, and what it never does.
    expect(toMenuAction({ type: 'undo', extra: 1 })).toEqual({ type: 'undo' });
    expect(toMenuAction({ type: 'open-recent', path: '/home/kim/Lesson Study' })).toEqual({ type: 'open-recent', path: '/home/kim/Lesson Study' });
    expect(toMenuAction({ type: 'open-recent', path: '' })).toBeNull();
    expect(toMenuAction({ type: 'delete-everything' })).toBeNull();
    expect(toMenuAction('undo')).toBeNull();
    expect(toMenuAction(null)).toBeNull();
  });

  it('the built preload carries no schema library (it was 798 KB with zod)', (test) => {
    const bundle = path.join(root, 'dist-electron', 'preload.cjs');
    if (!existsSync(bundle)) {
      console.log('skipped: dist-electron/preload.cjs is not built (npm test builds it first)');
      test.skip();
      return;
    }
    const text = readFileSync(bundle, 'utf8');
    expect(text).not.toMatch(/safeParse|ZodError|\$ZodType/);
    expect(text.length).toBeLessThan(20_000);
  });
});
