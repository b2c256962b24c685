import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend';
import { changeDesign, markVersionTaught } from '../../electron/backend/designs';
import { channelNames } from '../../shared/contract';
import { designChannels } from '../../shared/contract/designs';
import { DesignContent } from '../../shared/domain/design';
import { designWithVersion, makeGroup, sampleContent, sampleStep } from './design-fixtures';
import { tempDir } from './support/temp';

const setup = async (effects = {}) => {
  const dir = await tempDir();
  const backend = await createBackend({ workspaceDir: dir, effects });
  return { dir, backend, service: backend.service };
};

const storedVersions = async (dir: string, designId: string) => {
  const doc = JSON.parse(await readFile(path.join(dir, 'designs', `${designId}.json`), 'utf8'));
  return doc.design.versions as Array<Record<string, unknown>>;
};

describe('lesson design versions', () => {
  it('turns the draft into version 1, clears the draft, and revises into a new draft', async () => {
    const { service } = await setup();
    const { design, version, content } = await designWithVersion(service);
    expect(design.draft).toBeNull();
    expect(version.number).toBe(1);
    expect(version.content).toEqual(content);
    expect(version.authors).toEqual(['Aiko']);

    await expect(service.saveDraft({ designId: design.id, content, changeNotes: [] })).rejects.toMatchObject({ code: 'invalid-transition' });
    const revised = await service.reviseFromVersion({ designId: design.id, versionId: version.id, replaceDraft: false });
    expect(revised.draft?.basedOnVersionId).toBe(version.id);
    await expect(service.reviseFromVersion({ designId: design.id, versionId: version.id, replaceDraft: false })).rejects.toMatchObject({ code: 'conflict' });

    const edited = { ...revised.draft!.content, title: 'Comparing fractions (revised)' };
    const note = { id: crypto.randomUUID(), stepId: edited.steps[1].id, summary: 'Longer individual work', rationale: 'Most students had not finished', evidence: [] };
    await service.saveDraft({ designId: design.id, content: edited, changeNotes: [note] });
    const v2 = await service.saveVersion({ designId: design.id, summary: 'After first teaching', authors: ['Aiko', 'Ben'] });
    expect(v2.versions.map((v) => v.number)).toEqual([1, 2]);
    expect(v2.versions[1].basedOnVersionId).toBe(version.id);
    expect(v2.versions[1].changeNotes).toEqual([note]);
    expect(v2.versions[0].content.title).toBe(content.title);

    const list = await service.listDesigns({ groupId: design.groupId });
    expect(list).toMatchObject([{ id: design.id, versionCount: 2, latestVersionNumber: 2, hasDraft: false, title: 'Comparing fractions (revised)' }]);
  });

  it('never changes a saved version through any design channel', async () => {
    const savePaths: string[] = [];
    const openPaths: string[][] = [];
    const { dir, service, backend } = await setup({
      chooseSavePath: async () => savePaths.shift() ?? null,
      chooseOpenPaths: async () => openPaths.shift() ?? [],
    });
    const { design, version, group } = await designWithVersion(service);
    const before = await storedVersions(dir, design.id);
    const otherGroup = await makeGroup(service, 'Other group');
    const changed = DesignContent.parse({ ...sampleContent('Hijacked'), steps: [sampleStep('Only step', 45)] });
    const exportFile = path.join(dir, 'out.lessonstudy.json');
    const vid = version.id;
    const id = design.id;

    // Every channel of the feature, called in ways that could touch a saved version.
    const attempts: Record<keyof typeof designChannels, Array<() => Promise<unknown>>> = {
      listDesigns: [() => service.listDesigns({ groupId: group.id })],
      getDesign: [() => service.getDesign({ designId: id })],
      createDesign: [() => service.createDesign({ groupId: group.id, title: 'Another' })],
      saveDraft: [() => service.saveDraft({ designId: id, content: changed, changeNotes: [] })],
      saveVersion: [() => service.saveVersion({ designId: id, summary: 'x', authors: [] })],
      reviseFromVersion: [
        () => service.reviseFromVersion({ designId: id, versionId: vid, replaceDraft: false }),
        () => service.saveDraft({ designId: id, content: changed, changeNotes: [] }),
        () => service.reviseFromVersion({ designId: id, versionId: vid, replaceDraft: true }),
      ],
      discardDraft: [() => service.discardDraft({ designId: id })],
      compareVersions: [() => service.compareVersions({ designId: id, fromVersionId: vid, toVersionId: vid })],
      copyDesignToGroup: [() => service.copyDesignToGroup({ designId: id, groupId: otherGroup.id })],
      deleteDesign: [],
      exportDesignFile: [
        () => {
          savePaths.push(exportFile);
          return service.exportDesignFile({ designId: id });
        },
      ],
      importDesignFile: [
        () => {
          openPaths.push([exportFile]);
          return service.importDesignFile({ groupId: group.id });
        },
      ],
      exportLessonPlanDocx: [
        () => {
          savePaths.push(path.join(dir, 'plan.docx'));
          return service.exportLessonPlanDocx({ designId: id, versionId: vid, language: 'en' });
        },
      ],
      exportComparisonDocx: [
        () => {
          savePaths.push(path.join(dir, 'cmp.docx'));
          return service.exportComparisonDocx({ designId: id, fromVersionId: vid, toVersionId: vid, language: 'ja' });
        },
      ],
      openExportedFile: [() => service.openExportedFile({ exportId: crypto.randomUUID() })],
      showExportedFile: [() => service.showExportedFile({ exportId: crypto.randomUUID() })],
    };
    // Any unlisted channel (a new one added later) makes this test fail until it is listed.
    expect(Object.keys(attempts).sort()).toEqual(channelNames.filter((n) => n in designChannels).sort());
    for (const run of Object.values(attempts).flat()) await run().catch(() => undefined);
    expect(await storedVersions(dir, design.id)).toEqual(before);

    // The cycles feature may only append a taught cycle; the content stays byte for byte.
    const cycleId = crypto.randomUUID();
    await markVersionTaught(backend.context, id, vid, cycleId);
    const after = await storedVersions(dir, design.id);
    expect(after[0].taughtInCycleIds).toEqual([cycleId]);
    expect({ ...after[0], taughtInCycleIds: [] }).toEqual({ ...before[0], taughtInCycleIds: [] });
    // A taught version keeps the design from being deleted.
    await expect(service.deleteDesign({ designId: id })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('refuses, at the storage guard, any write that would edit or drop a saved version', async () => {
    const { service, backend } = await setup();
    const { design } = await designWithVersion(service);
    await expect(
      changeDesign(backend.context, design.id, (d) => ({ ...d, versions: [{ ...d.versions[0], summary: 'rewritten' }] })),
    ).rejects.toMatchObject({ code: 'immutable' });
    await expect(changeDesign(backend.context, design.id, (d) => ({ ...d, versions: [] }))).rejects.toMatchObject({ code: 'immutable' });
    expect((await service.getDesign({ designId: design.id })).versions[0].summary).toBe('First plan');
  });

  it('compares two versions with change notes and a step matched after reordering', async () => {
    const { service } = await setup();
    const { design, version, content } = await designWithVersion(service);
    const draft = (await service.reviseFromVersion({ designId: design.id, versionId: version.id, replaceDraft: false })).draft!;
    const steps = [...draft.content.steps];
    const [moved] = steps.splice(4, 1);
    steps.splice(1, 0, moved);
    steps[3] = { ...steps[3], activities: `${steps[3].activities} Students compare strategies.` };
    const note = { id: crypto.randomUUID(), stepId: steps[3].id, summary: 'Compare strategies', rationale: 'Observers saw no comparison', evidence: [{ kind: 'finding' as const, id: crypto.randomUUID(), cycleId: crypto.randomUUID() }] };
    await service.saveDraft({ designId: design.id, content: { ...draft.content, steps }, changeNotes: [note] });
    const v2 = (await service.saveVersion({ designId: design.id, summary: 'v2', authors: [] })).versions[1];
    const comparison = await service.compareVersions({ designId: design.id, fromVersionId: version.id, toVersionId: v2.id });
    expect(comparison.diff.steps).toHaveLength(content.steps.length);
    expect(comparison.diff.steps.find((s) => s.stepId === moved.id)).toMatchObject({ moved: true, status: 'unchanged', fromPosition: 5, toPosition: 2 });
    expect(comparison.diff.steps.find((s) => s.stepId === steps[3].id)).toMatchObject({ status: 'changed', changedFields: ['activities'] });
    expect(comparison.changeNotes).toEqual([{ ...note, versionNumber: 2 }]);
  });

  it('copies a design to another group under new ids, and deleting a group removes its designs', async () => {
    const { service } = await setup();
    const { design, version } = await designWithVersion(service);
    const other = await makeGroup(service, 'Birch Science');
    const copy = await service.copyDesignToGroup({ designId: design.id, groupId: other.id });
    expect(copy.id).not.toBe(design.id);
    expect(copy.groupId).toBe(other.id);
    expect(copy.versions[0].id).not.toBe(version.id);
    expect(copy.versions[0].content).toEqual(version.content);
    expect((await service.listDesigns({ groupId: other.id })).map((d) => d.id)).toEqual([copy.id]);

    await service.deleteGroup({ groupId: design.groupId });
    await expect(service.getDesign({ designId: design.id })).rejects.toMatchObject({ code: 'not-found' });
    expect((await service.getDesign({ designId: copy.id })).id).toBe(copy.id);
  });
});

describe('.lessonstudy.json exchange files', () => {
  const withDialogs = async () => {
    const savePaths: string[] = [];
    const openPaths: string[][] = [];
    const opened: string[] = [];
    const ctx = await setup({
      chooseSavePath: async () => savePaths.shift() ?? null,
      chooseOpenPaths: async () => openPaths.shift() ?? [],
      openPath: async (p: string) => void opened.push(p),
    });
    return { ...ctx, savePaths, openPaths, opened };
  };

  it('round-trips a design with every version, as a new design each time it is imported', async () => {
    const { dir, service, savePaths, openPaths } = await withDialogs();
    const { design, version } = await designWithVersion(service);
    await service.reviseFromVersion({ designId: design.id, versionId: version.id, replaceDraft: false });
    const full = await service.saveVersion({ designId: design.id, summary: 'Second', authors: ['Ben'] });
    const file = path.join(dir, 'shared.lessonstudy.json');
    savePaths.push(file);
    const exported = await service.exportDesignFile({ designId: design.id });
    expect(exported?.fileName).toBe('shared.lessonstudy.json');

    const target = await makeGroup(service, 'Other school');
    openPaths.push([file], [file]);
    const first = (await service.importDesignFile({ groupId: target.id }))!;
    const second = (await service.importDesignFile({ groupId: target.id }))!;
    expect(first.id).not.toBe(second.id);
    expect(first.groupId).toBe(target.id);
    expect(first.versions.map((v) => [v.number, v.summary, v.authors, v.content])).toEqual(full.versions.map((v) => [v.number, v.summary, v.authors, v.content]));
    expect(first.versions[1].basedOnVersionId).toBe(first.versions[0].id);
    expect(await service.listDesigns({ groupId: target.id })).toHaveLength(2);
    // Cancelling the dialog imports nothing.
    expect(await service.importDesignFile({ groupId: target.id })).toBeNull();
  });

  it('an import names a group or a new group, exactly one of them', () => {
    const request = designChannels.importDesignFile.request;
    const id = '00000000-0000-4000-8000-000000000001';
    expect(request.safeParse({ groupId: id }).success).toBe(true);
    expect(request.safeParse({ newGroupName: 'Shared with us' }).success).toBe(true);
    expect(request.safeParse({}).error?.issues[0].message).toBe('Name either a group or a new group to import into, not both.');
    expect(request.safeParse({ groupId: id, newGroupName: 'Shared with us' }).success).toBe(false);
    expect(request.safeParse({ groupId: id, extra: 1 }).success).toBe(false);
  });

  it('imports into a new group by name, made only once a valid file is chosen, and reuses a group of that name', async () => {
    const { dir, service, savePaths, openPaths } = await withDialogs();
    const { design } = await designWithVersion(service);
    const file = path.join(dir, 'from-oak.lessonstudy.json');
    savePaths.push(file);
    await service.exportDesignFile({ designId: design.id });
    const groupsBefore = (await service.listGroups({})).length;

    // Cancelled, or a damaged file: no group is made.
    expect(await service.importDesignFile({ newGroupName: 'Shared with us' })).toBeNull();
    const broken = path.join(dir, 'broken.json');
    await writeFile(broken, '{ not json');
    openPaths.push([broken]);
    await expect(service.importDesignFile({ newGroupName: 'Shared with us' })).rejects.toThrow(/not valid JSON/);
    expect(await service.listGroups({})).toHaveLength(groupsBefore);

    openPaths.push([file], [file]);
    const first = (await service.importDesignFile({ newGroupName: 'Shared with us' }))!;
    const second = (await service.importDesignFile({ newGroupName: '  shared WITH us ' }))!;
    expect(second.groupId).toBe(first.groupId);
    const library = await service.getGroup({ groupId: first.groupId });
    expect([library.name, library.members, library.codebook.length > 0]).toEqual(['Shared with us', [], true]);
    expect(await service.listDesigns({ groupId: library.id })).toHaveLength(2);
    expect(await service.listGroups({})).toHaveLength(groupsBefore + 1);
  });

  it('rejects a bad file with a clear message and changes nothing', async () => {
    const { dir, service, savePaths, openPaths } = await withDialogs();
    const { design } = await designWithVersion(service);
    const good = path.join(dir, 'good.lessonstudy.json');
    savePaths.push(good);
    await service.exportDesignFile({ designId: design.id });
    const valid = JSON.parse(await readFile(good, 'utf8'));

    const cases: Array<[string, string, RegExp]> = [
      ['not-json.json', '{"format": "lesson-study-design", ', /not valid JSON/],
      ['other.json', JSON.stringify({ hello: 'world' }), /not a lesson design exported/],
      ['broken.json', JSON.stringify({ ...valid, design: { ...valid.design, versions: [{ ...valid.design.versions[0], number: 'one' }] } }), /damaged or incomplete.*versions\.0\.number/],
      ['dupe.json', JSON.stringify({ ...valid, design: { ...valid.design, versions: [valid.design.versions[0], valid.design.versions[0]] } }), /same version number twice/],
      ['newer.json', JSON.stringify({ ...valid, formatVersion: 7 }), /newer version/],
    ];
    const before = await service.listDesigns({ groupId: design.groupId });
    for (const [name, text, message] of cases) {
      const file = path.join(dir, name);
      await writeFile(file, text);
      openPaths.push([file]);
      await expect(service.importDesignFile({ groupId: design.groupId }), name).rejects.toThrow(message);
    }
    expect(await service.listDesigns({ groupId: design.groupId })).toEqual(before);
  });

  it('opens only files it exported itself in this session', async () => {
    const { dir, service, savePaths, opened } = await withDialogs();
    const { design, version } = await designWithVersion(service);
    savePaths.push(path.join(dir, 'plan.docx'));
    const result = (await service.exportLessonPlanDocx({ designId: design.id, versionId: version.id, language: 'en' }))!;
    await service.openExportedFile({ exportId: result.exportId });
    expect(opened).toEqual([path.join(dir, 'plan.docx')]);
    await expect(service.openExportedFile({ exportId: crypto.randomUUID() })).rejects.toMatchObject({ code: 'forbidden' });
    // Cancelling the save dialog writes nothing.
    expect(await service.exportLessonPlanDocx({ designId: design.id, versionId: version.id, language: 'en' })).toBeNull();
  });
});
