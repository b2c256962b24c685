import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/backend';
import { emptyDesignContent } from '../../shared/domain/design';
import { tempDir } from './support/temp';

/**
 * Model-based test (issue 8, "Bad input"): random sequences of create / update group,
 * create design, save draft, save version, revise, delete design, create cycle and
 * delete group run against the real backend. After EVERY step the backend is closed and
 * a fresh one opened on the same folder, and what it reads from disk must equal a small
 * in-memory model of what a lesson study group expects.
 */

interface DesignModel {
  groupId: string;
  draftTitle: string | null;
  versions: Array<{ id: string; number: number; title: string }>;
}
interface Model {
  groups: Map<string, string>;
  designs: Map<string, DesignModel>;
  cycles: Map<string, string>;
}
interface Real {
  dir: string;
  backend: Backend;
}

const fields = (name: string) => ({ name, schools: [], subject: 'Math', gradeBand: '4', researchTheme: '', norms: [], members: [] });
const nth = <T>(items: T[], pick: number): T | undefined => (items.length ? items[pick % items.length] : undefined);
const title = fc.constantFrom('Fractions', 'Area of a rectangle', '分数の大小', 'Ratio tables', 'x'.repeat(120));

let reopens = 0;

/** Reopen from disk and compare everything the model knows. */
const reopenAndCompare = async (model: Model, real: Real) => {
  reopens++;
  await real.backend.close();
  real.backend = await createBackend({ workspaceDir: real.dir });
  const { service } = real.backend;
  const groups = await service.listGroups({});
  expect(new Map(groups.map((g) => [g.id, g.name]))).toEqual(model.groups);
  for (const groupId of model.groups.keys()) {
    const designs = await service.listDesigns({ groupId });
    const expectedDesigns = [...model.designs].filter(([, d]) => d.groupId === groupId).map(([id]) => id);
    expect(designs.map((d) => d.id).sort()).toEqual(expectedDesigns.sort());
    for (const designId of expectedDesigns) {
      const design = await service.getDesign({ designId });
      const expected = model.designs.get(designId)!;
      expect(design.draft?.content.title ?? null).toBe(expected.draftTitle);
      expect(design.versions.map((v) => ({ id: v.id, number: v.number, title: v.content.title }))).toEqual(expected.versions);
    }
    const cycles = await service.listCycles({ groupId });
    const expectedCycles = [...model.cycles].filter(([, g]) => g === groupId).map(([id]) => id);
    expect(cycles.map((c) => c.id).sort()).toEqual(expectedCycles.sort());
  }
  expect(await service.listNotices({})).toEqual([]);
};

type Cmd = fc.AsyncCommand<Model, Real>;

class CreateGroup implements Cmd {
  constructor(readonly name: string) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const group = await real.backend.service.createGroup(fields(this.name));
    model.groups.set(group.id, this.name);
    await reopenAndCompare(model, real);
  }
  toString = () => `createGroup(${this.name.slice(0, 20)})`;
}

class UpdateGroup implements Cmd {
  constructor(readonly pick: number, readonly name: string) {}
  check = (m: Readonly<Model>) => m.groups.size > 0;
  async run(model: Model, real: Real) {
    const groupId = nth([...model.groups.keys()], this.pick)!;
    await real.backend.service.updateGroup({ groupId, fields: fields(this.name) });
    model.groups.set(groupId, this.name);
    await reopenAndCompare(model, real);
  }
  toString = () => `updateGroup(${this.pick})`;
}

class DeleteGroup implements Cmd {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => m.groups.size > 0;
  async run(model: Model, real: Real) {
    const groupId = nth([...model.groups.keys()], this.pick)!;
    await real.backend.service.deleteGroup({ groupId });
    model.groups.delete(groupId);
    for (const [id, d] of model.designs) if (d.groupId === groupId) model.designs.delete(id);
    for (const [id, g] of model.cycles) if (g === groupId) model.cycles.delete(id);
    await reopenAndCompare(model, real);
    // And it is really gone.
    await expect(real.backend.service.getGroup({ groupId })).rejects.toMatchObject({ code: 'not-found' });
  }
  toString = () => `deleteGroup(${this.pick})`;
}

class CreateDesign implements Cmd {
  constructor(readonly pick: number, readonly title: string) {}
  check = (m: Readonly<Model>) => m.groups.size > 0;
  async run(model: Model, real: Real) {
    const groupId = nth([...model.groups.keys()], this.pick)!;
    const design = await real.backend.service.createDesign({ groupId, title: this.title });
    model.designs.set(design.id, { groupId, draftTitle: this.title, versions: [] });
    await reopenAndCompare(model, real);
  }
  toString = () => `createDesign(${this.pick})`;
}

class SaveDraft implements Cmd {
  constructor(readonly pick: number, readonly title: string) {}
  check = (m: Readonly<Model>) => m.designs.size > 0;
  async run(model: Model, real: Real) {
    const designId = nth([...model.designs.keys()], this.pick)!;
    const expected = model.designs.get(designId)!;
    const attempt = real.backend.service.saveDraft({ designId, content: emptyDesignContent(this.title), changeNotes: [] });
    if (expected.draftTitle === null) await expect(attempt).rejects.toMatchObject({ code: 'invalid-transition' });
    else {
      await attempt;
      expected.draftTitle = this.title;
    }
    await reopenAndCompare(model, real);
  }
  toString = () => `saveDraft(${this.pick})`;
}

class SaveVersion implements Cmd {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => m.designs.size > 0;
  async run(model: Model, real: Real) {
    const designId = nth([...model.designs.keys()], this.pick)!;
    const expected = model.designs.get(designId)!;
    const attempt = real.backend.service.saveVersion({ designId, summary: 'Revised after the discussion', authors: ['Aiko'] });
    if (expected.draftTitle === null) await expect(attempt).rejects.toMatchObject({ code: 'invalid-transition' });
    else {
      const saved = await attempt;
      const version = saved.versions.at(-1)!;
      expected.versions.push({ id: version.id, number: expected.versions.length + 1, title: expected.draftTitle });
      expected.draftTitle = null;
    }
    await reopenAndCompare(model, real);
  }
  toString = () => `saveVersion(${this.pick})`;
}

class Revise implements Cmd {
  constructor(readonly pick: number, readonly versionPick: number, readonly replaceDraft: boolean) {}
  check = (m: Readonly<Model>) => [...m.designs.values()].some((d) => d.versions.length > 0);
  async run(model: Model, real: Real) {
    const candidates = [...model.designs].filter(([, d]) => d.versions.length > 0);
    const [designId, expected] = nth(candidates, this.pick)!;
    const version = nth(expected.versions, this.versionPick)!;
    const attempt = real.backend.service.reviseFromVersion({ designId, versionId: version.id, replaceDraft: this.replaceDraft });
    if (expected.draftTitle !== null && !this.replaceDraft) await expect(attempt).rejects.toMatchObject({ code: 'conflict' });
    else {
      await attempt;
      expected.draftTitle = version.title;
    }
    await reopenAndCompare(model, real);
  }
  toString = () => `revise(${this.pick}, v${this.versionPick}, replace=${this.replaceDraft})`;
}

class DeleteDesign implements Cmd {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => m.designs.size > 0;
  async run(model: Model, real: Real) {
    const designId = nth([...model.designs.keys()], this.pick)!;
    await real.backend.service.deleteDesign({ designId });
    model.designs.delete(designId);
    await reopenAndCompare(model, real);
  }
  toString = () => `deleteDesign(${this.pick})`;
}

class CreateCycle implements Cmd {
  constructor(readonly pick: number, readonly title: string) {}
  check = (m: Readonly<Model>) => m.groups.size > 0;
  async run(model: Model, real: Real) {
    const groupId = nth([...model.groups.keys()], this.pick)!;
    const cycle = await real.backend.service.createCycle({ groupId, title: this.title, researchQuestion: '' });
    model.cycles.set(cycle.id, groupId);
    await reopenAndCompare(model, real);
  }
  toString = () => `createCycle(${this.pick})`;
}

const commands = [
  fc.tuple(title).map(([t]) => new CreateGroup(t)),
  fc.tuple(fc.nat(), title).map(([p, t]) => new SaveDraft(p, t)),
  fc.nat().map((p) => new SaveVersion(p)),
  fc.tuple(fc.nat(), title).map(([p, t]) => new UpdateGroup(p, t)),
  fc.nat().map((p) => new DeleteGroup(p)),
  fc.tuple(fc.nat(), title).map(([p, t]) => new CreateDesign(p, t)),
  fc.tuple(fc.nat(), title).map(([p, t]) => new SaveDraft(p, t)),
  fc.nat().map((p) => new SaveVersion(p)),
  fc.tuple(fc.nat(), fc.nat(), fc.boolean()).map(([p, v, r]) => new Revise(p, v, r)),
  fc.nat().map((p) => new DeleteDesign(p)),
  fc.tuple(fc.nat(), title).map(([p, t]) => new CreateCycle(p, t)),
];

describe('model-based: the workspace on disk always equals the model', () => {
  it('random create / edit / version / revise / delete sequences, reloaded from disk after each step', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 15, size: 'max' }), async (cmds) => {
        const real: Real = { dir: await tempDir(), backend: null as unknown as Backend };
        real.backend = await createBackend({ workspaceDir: real.dir });
        try {
          // Start from one group with one design, so most commands apply from the first step.
          const group = await real.backend.service.createGroup(fields('Starting group'));
          const design = await real.backend.service.createDesign({ groupId: group.id, title: 'Starting design' });
          const model: Model = {
            groups: new Map([[group.id, 'Starting group']]),
            designs: new Map([[design.id, { groupId: group.id, draftTitle: 'Starting design', versions: [] }]]),
            cycles: new Map(),
          };
          await fc.asyncModelRun(() => ({ model, real }), cmds);
        } finally {
          await real.backend.close();
        }
      }),
      { numRuns: Number(process.env.MODEL_RUNS ?? 50) },
    );
    console.log(`model-based: ${reopens} commands run, each followed by a reopen from disk and a comparison`);
    expect(reopens).toBeGreaterThan(150);
  }, 120_000);
});
