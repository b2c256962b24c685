import { describe, expect, it } from 'vitest';
import type { MenuAction } from '../../shared/contract/app';
import { MenuAction as MenuActionSchema } from '../../shared/contract/app';
import type { Code, Member } from '../../shared/domain/group';
import { buildMenuTemplate, findMenuItem } from '../../shared/menu';
import { assignmentsOf, codesWithKeys, packetObservers, stepRanges } from '../../renderer/features/print/packet';
import { defaultPaper, pageRule, paperFrom } from '../../renderer/features/print/paper';
import { printTarget } from '../../renderer/features/print/print-target';

const member = (id: string, name: string, role: Member['role']): Member => ({ id, name, role });
const code = (label: string, retired = false): Code => ({ id: label.toLowerCase(), label, color: '#123456', retired });

describe('the Print command in the menu', () => {
  it('is File → Print… with Ctrl/Cmd+P shown but left to the page, enabled on every screen, and sends print', () => {
    for (const isMac of [false, true]) {
      const sent: MenuAction[] = [];
      const template = buildMenuTemplate({ isMac, context: { view: 'start' }, send: (action) => sent.push(action) });
      const print = findMenuItem(template, 'print');
      expect(print?.label).toBe('Print…');
      expect(print?.accelerator).toBe('CmdOrCtrl+P');
      expect(print?.registerAccelerator).toBe(false);
      expect(print?.enabled).toBe(true);
      print!.click!();
      expect(sent).toEqual([{ type: 'print' }]);
    }
    expect(findMenuItem(buildMenuTemplate({ isMac: false, language: 'ja', send: () => undefined }), 'print')?.label).toBe('印刷…');
  });

  it('is a command the contract lets through to the page', () => {
    expect(MenuActionSchema.safeParse({ type: 'print' }).success).toBe(true);
  });
});

describe('paper size', () => {
  it('is Letter where the locale names a Letter country, A4 everywhere else and when unsure', () => {
    expect(defaultPaper('en-US')).toBe('letter');
    expect(defaultPaper('es-MX')).toBe('letter');
    expect(defaultPaper('fr-CA')).toBe('letter');
    expect(defaultPaper('en-GB')).toBe('a4');
    expect(defaultPaper('ja-JP')).toBe('a4');
    expect(defaultPaper('ja')).toBe('a4');
    expect(defaultPaper('en')).toBe('a4');
    expect(defaultPaper('de-DE')).toBe('a4');
    expect(defaultPaper(undefined)).toBe('a4');
    expect(defaultPaper('not a locale!')).toBe('a4');
  });

  it('takes the chosen size over the locale, and ignores an unknown one', () => {
    expect(paperFrom('a4', 'en-US')).toBe('a4');
    expect(paperFrom('letter', 'ja-JP')).toBe('letter');
    expect(paperFrom('legal', 'en-US')).toBe('letter');
    expect(paperFrom(null, 'ja-JP')).toBe('a4');
  });

  it('becomes the @page rule the print dialog starts from', () => {
    expect(pageRule('a4')).toContain('size: A4 portrait');
    expect(pageRule('letter')).toContain('size: letter portrait');
  });
});

describe('what Print does where the user is', () => {
  it('opens the lesson plan print view from a design, keeping the version shown, and prints it', () => {
    expect(printTarget('/designs/d1', '')).toEqual({ kind: 'open', path: '/print/designs/d1?doc=plan&auto=1' });
    expect(printTarget('/designs/d1', '?version=v2')).toEqual({ kind: 'open', path: '/print/designs/d1?doc=plan&version=v2&auto=1' });
  });

  it('opens the seating chart from the seating tab and the observer packet from the observe screens', () => {
    expect(printTarget('/groups/g1/seating', '')).toEqual({ kind: 'open', path: '/print/groups/g1/seating?auto=1' });
    expect(printTarget('/cycles/c1/observe', '')).toEqual({ kind: 'open', path: '/print/cycles/c1?auto=1' });
    expect(printTarget('/cycles/c1/observe/timeline', '')).toEqual({ kind: 'open', path: '/print/cycles/c1?auto=1' });
  });

  it('prints a print view, and any other screen, as it is', () => {
    expect(printTarget('/print/designs/d1', '?doc=packet')).toEqual({ kind: 'print-now' });
    expect(printTarget('/groups/g1/roster', '')).toEqual({ kind: 'print-now' });
    expect(printTarget('/designs/d1/compare', '')).toEqual({ kind: 'print-now' });
    expect(printTarget('/cycles/c1/findings', '')).toEqual({ kind: 'print-now' });
  });
});

describe('the observer packet', () => {
  const members = [member('m1', 'Aiko', 'teacher'), member('m2', 'Ben', 'observer'), member('m3', 'Chika', 'facilitator'), member('m4', 'Dan', 'knowledgeable-other')];
  const plan = [
    { id: 'a1', observerId: 'm3', studentId: 's1', groupLabel: '', lookFor: 'How Leo explains' },
    { id: 'a2', studentId: 's2', groupLabel: '', lookFor: 'Anyone: Mia' },
    { id: 'a3', observerId: 'm2', groupLabel: 'Table 3', lookFor: 'Talk at table 3' },
  ];

  it('goes to every assigned member and every observer, in member order', () => {
    expect(packetObservers({ observationPlan: plan }, { members }).map((m) => m.name)).toEqual(['Ben', 'Chika']);
    expect(packetObservers({ observationPlan: [] }, { members }).map((m) => m.name)).toEqual(['Ben']);
  });

  it("lists an observer's own rows and the rows left to anyone", () => {
    expect(assignmentsOf({ observationPlan: plan }, 'm3').map((a) => a.id)).toEqual(['a1', 'a2']);
    expect(assignmentsOf({ observationPlan: plan }, 'm2').map((a) => a.id)).toEqual(['a2', 'a3']);
    expect(assignmentsOf({ observationPlan: plan }, null).map((a) => a.id)).toEqual(['a1', 'a2', 'a3']);
  });

  it('gives the codes in use their capture keys, Alt+1 to Alt+9 then Alt+0, and none after the tenth', () => {
    const codebook = [code('A'), code('Old', true), ...'BCDEFGHIJK'.split('').map((l) => code(l))];
    expect(codesWithKeys(codebook).map(({ code: c, key }) => `${c.label}:${key ?? '-'}`)).toEqual([
      'A:Alt+1',
      'B:Alt+2',
      'C:Alt+3',
      'D:Alt+4',
      'E:Alt+5',
      'F:Alt+6',
      'G:Alt+7',
      'H:Alt+8',
      'I:Alt+9',
      'J:Alt+0',
      'K:-',
    ]);
  });

  it('times each step from the start of the lesson', () => {
    expect(stepRanges([{ minutes: 5 }, { minutes: 10 }, { minutes: 0 }, { minutes: 8 }])).toEqual([
      [0, 5],
      [5, 15],
      [15, 15],
      [15, 23],
    ]);
  });
});
