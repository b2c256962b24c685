import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { ExportedFile } from '../../../shared/contract/designs';
import type { Design } from '../../../shared/domain/design';
import { errorMessage } from '../../api/client';
import { Button } from '../../ui/Button';
import { ConfirmDialog, Dialog } from '../../ui/Dialog';
import { SelectField, TextArea, TextField } from '../../ui/Field';
import { ErrorMessage, Page } from '../../ui/Page';
import { useGroup, useGroups } from '../groups/queries';
import { designPrintPath } from '../print/print-target';
import { ChangeNotesEditor } from './ChangeNotesEditor';
import { DesignEditor } from './DesignEditor';
import { AnonymizeExport, ExportNotice } from './ExportNotice';
import {
  useCopyDesign,
  useDeleteDesign,
  useDesign,
  useDiscardDraft,
  useExportDesignFile,
  useExportLessonPlan,
  useReviseFromVersion,
  useSaveVersion,
} from './queries';
import { useUndoShortcuts } from '../../ui/undo';
import { useDraftAutosave } from './useDraftAutosave';
import { useFocusMode } from './useFocusMode';
import { VersionHistory } from './VersionHistory';

const noteCounts = (notes: { stepId?: string }[]) =>
  notes.reduce<Record<string, number>>((acc, n) => (n.stepId ? { ...acc, [n.stepId]: (acc[n.stepId] ?? 0) + 1 } : acc), {});

/** The draft, editable and autosaved. Mounted afresh for each new draft. */
const DraftEditor = ({ design, onSaveVersion, focus }: { design: Design; onSaveVersion: (flush: () => Promise<void>) => void; focus: boolean }) => {
  const { t } = useTranslation('plan');
  const group = useGroup(design.groupId);
  const { draft, change, flush, invalid, undo, redo, canUndo, canRedo } = useDraftAutosave(design.id, { content: design.draft!.content, changeNotes: design.draft!.changeNotes });
  // Ctrl/Cmd+Z outside a text field (inside one, the field's own undo runs).
  useUndoShortcuts({ undo, redo }, { captureInFields: false });
  return (
    <>
      <div className="plan-draft-bar">
        <Button variant="primary" onClick={() => onSaveVersion(flush)} disabled={Boolean(invalid)}>
          {t('saveVersion')}
        </Button>
        <Button onClick={undo} disabled={!canUndo}>
          {t('app:shortcuts.undo')}
        </Button>
        <Button onClick={redo} disabled={!canRedo}>
          {t('app:shortcuts.redo')}
        </Button>
        {invalid ? <span className="field-error">{t('errors.notSaved', { reason: invalid })}</span> : null}
      </div>
      <DesignEditor
        content={draft.content}
        onChange={(content) => change({ ...draft, content })}
        group={group.data}
        changeNoteCounts={noteCounts(draft.changeNotes)}
        titleError={draft.content.title.trim() ? undefined : t('errors.titleRequired')}
      />
      {!focus ? <ChangeNotesEditor notes={draft.changeNotes} steps={draft.content.steps} onChange={(changeNotes) => change({ ...draft, changeNotes })} /> : null}
    </>
  );
};

/** A saved version, read-only, with its group: the observation plan names observers and students, and the group's research theme shows. */
const SavedVersion = ({ groupId, ...props }: { groupId: string } & Omit<Parameters<typeof DesignEditor>[0], 'group' | 'onChange'>) => {
  const group = useGroup(groupId);
  return <DesignEditor {...props} group={group.data} />;
};

/** One lesson design: its draft (or a saved version, read-only), history, exports and sharing. */
export const DesignPage = () => {
  const { designId = '' } = useParams();
  const { t, i18n } = useTranslation('plan');
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const design = useDesign(designId);
  const groups = useGroups();
  const saveVersion = useSaveVersion(designId);
  const revise = useReviseFromVersion(designId);
  const discard = useDiscardDraft(designId);
  const remove = useDeleteDesign(designId);
  const copy = useCopyDesign(designId);
  const exportFile = useExportDesignFile(designId);
  const exportPlan = useExportLessonPlan(designId);
  const focus = useFocusMode();

  const [versionDialog, setVersionDialog] = useState<{ flush: () => Promise<void> } | null>(null);
  const [summary, setSummary] = useState('');
  const [authors, setAuthors] = useState('');
  const [replaceFrom, setReplaceFrom] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const [copying, setCopying] = useState(false);
  const [copyTarget, setCopyTarget] = useState('');
  const [exported, setExported] = useState<ExportedFile | null>(null);
  const [anonymize, setAnonymize] = useState(false);
  const [problem, setProblem] = useState<string>();

  const data = design.data;
  const viewing = search.get('version') ?? (data?.draft ? 'draft' : (data?.versions.at(-1)?.id ?? 'draft'));
  const shownVersion = useMemo(() => data?.versions.find((v) => v.id === viewing), [data, viewing]);

  useEffect(() => {
    setProblem(undefined);
  }, [viewing]);

  // "Propose a change" from a finding opens the draft at the step the finding concerns.
  const focusStep = search.get('step');
  const loaded = Boolean(data);
  useEffect(() => {
    if (!focusStep || !loaded) return;
    const frame = requestAnimationFrame(() => {
      const row = document.querySelector<HTMLElement>(`[data-step-id="${CSS.escape(focusStep)}"]`);
      row?.scrollIntoView({ block: 'center' });
      row?.querySelector<HTMLElement>('.plan-step-title-input')?.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [focusStep, loaded]);

  if (design.error) return <ErrorMessage error={design.error} />;
  if (!data) return <p>{t('common:loading')}</p>;

  const title = (data.draft?.content.title ?? data.versions.at(-1)?.content.title) || t('untitled');
  const showingDraft = viewing === 'draft' && data.draft;
  const basedOn = data.versions.find((v) => v.id === data.draft?.basedOnVersionId);
  const act = async (work: () => Promise<unknown>) => {
    setProblem(undefined);
    try {
      await work();
    } catch (error) {
      setProblem(errorMessage(error));
    }
  };
  const startRevise = (versionId: string) => {
    if (data.draft) setReplaceFrom(versionId);
    else
      void act(async () => {
        await revise.mutateAsync({ versionId, replaceDraft: false });
        setSearch({});
      });
  };
  const language = i18n.language.startsWith('ja') ? 'ja' : 'en';

  return (
    <Page
      title={title}
      subtitle={
        showingDraft
          ? basedOn
            ? t('status.draftBasedOn', { number: basedOn.number })
            : t('status.draftNew')
          : shownVersion
            ? t('status.version', { number: shownVersion.number })
            : ''
      }
      actions={
        <>
          <label className="plan-view-select">
            <span>{t('viewing')}</span>
            <select value={viewing} onChange={(event) => setSearch(event.target.value === 'draft' ? {} : { version: event.target.value })}>
              {data.draft ? <option value="draft">{t('history.draft')}</option> : null}
              {[...data.versions].reverse().map((v) => (
                <option key={v.id} value={v.id}>
                  {t('history.versionName', { number: v.number })}
                </option>
              ))}
            </select>
          </label>
          {shownVersion ? (
            <Button variant="primary" onClick={() => startRevise(shownVersion.id)}>
              {t('reviseThis', { number: shownVersion.number })}
            </Button>
          ) : null}
          <Button
            onClick={() =>
              void act(async () => {
                const file = await exportPlan.mutateAsync({ versionId: showingDraft ? 'draft' : viewing, language, anonymize });
                if (file) setExported(file);
              })
            }
          >
            {t('export.plan')}
          </Button>
          <AnonymizeExport checked={anonymize} onChange={setAnonymize} />
          <Button onClick={() => void navigate(designPrintPath(designId, { version: showingDraft ? 'draft' : viewing, auto: true }))}>{t('print:print')}</Button>
          <Button onClick={focus.enter}>{t('focus.enter')}</Button>
        </>
      }
    >
      <div className={focus.active ? 'plan-page plan-focus' : 'plan-page'}>
        {focus.active ? (
          <button type="button" className="btn plan-focus-exit" onClick={focus.exit}>
            {t('focus.exit')}
          </button>
        ) : null}
        {problem ? <ErrorMessage error={problem} /> : null}
        {exported ? <ExportNotice file={exported} onDismiss={() => setExported(null)} /> : null}
        {!showingDraft && shownVersion ? (
          <div className="plan-frozen-note" role="note">
            {shownVersion.taughtInCycleIds.length ? t('status.taughtFrozen') : t('status.frozen')}
          </div>
        ) : null}

        {showingDraft ? (
          <DraftEditor
            key={`${data.id}-${data.draft!.basedOnVersionId ?? 'new'}`}
            design={data}
            focus={focus.active}
            onSaveVersion={(flush) => {
              setSummary('');
              setVersionDialog({ flush });
            }}
          />
        ) : shownVersion ? (
          <>
            <SavedVersion groupId={data.groupId} content={shownVersion.content} changeNoteCounts={noteCounts(shownVersion.changeNotes)} />
            {shownVersion.changeNotes.length ? <ChangeNotesEditor notes={shownVersion.changeNotes} steps={shownVersion.content.steps} /> : null}
          </>
        ) : null}

        {!focus.active ? (
          <>
            <VersionHistory design={data} viewing={viewing} onView={(id) => setSearch({ version: id })} onRevise={startRevise} />
            <section className="plan-section" aria-labelledby="plan-share">
              <h2 id="plan-share">{t('share.heading')}</h2>
              <div className="page-actions">
                <Button
                  onClick={() =>
                    void act(async () => {
                      const file = await exportFile.mutateAsync();
                      if (file) setExported(file);
                    })
                  }
                >
                  {t('share.exportFile')}
                </Button>
                <Button onClick={() => setCopying(true)}>{t('share.copy')}</Button>
                {data.draft && data.versions.length ? (
                  <Button variant="danger" onClick={() => setConfirmDiscard(true)}>
                    {t('share.discardDraft')}
                  </Button>
                ) : null}
                <Button variant="danger" onClick={() => setConfirmDelete(true)}>
                  {t('share.delete')}
                </Button>
              </div>
              <p className="field-hint">{t('share.hint')}</p>
            </section>
          </>
        ) : null}
      </div>

      <Dialog open={versionDialog !== null} onOpenChange={(open) => !open && setVersionDialog(null)} title={t('versionDialog.title', { number: data.versions.length + 1 })} description={t('versionDialog.body')}>
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            void act(async () => {
              await versionDialog?.flush();
              await saveVersion.mutateAsync({ summary, authors: authors.split(/[,、]/).map((a) => a.trim()).filter(Boolean) });
              setVersionDialog(null);
              setSearch({});
            });
          }}
        >
          <TextArea label={t('versionDialog.summary')} value={summary} onChange={(event) => setSummary(event.target.value)} rows={2} autoFocus />
          <TextField label={t('versionDialog.authors')} hint={t('versionDialog.authorsHint')} value={authors} onChange={(event) => setAuthors(event.target.value)} />
          {problem ? <ErrorMessage error={problem} /> : null}
          <div className="form-actions">
            <Button onClick={() => setVersionDialog(null)}>{t('common:cancel')}</Button>
            <Button type="submit" variant="primary" disabled={saveVersion.isPending}>
              {t('versionDialog.save')}
            </Button>
          </div>
        </form>
      </Dialog>

      <ConfirmDialog
        open={replaceFrom !== null}
        onOpenChange={(open) => !open && setReplaceFrom(null)}
        title={t('replaceDraft.title')}
        description={t('replaceDraft.body')}
        confirmLabel={t('replaceDraft.confirm')}
        onConfirm={() =>
          void act(async () => {
            await revise.mutateAsync({ versionId: replaceFrom!, replaceDraft: true });
            setReplaceFrom(null);
            setSearch({});
          })
        }
      />
      <ConfirmDialog
        open={confirmDiscard}
        onOpenChange={setConfirmDiscard}
        title={t('share.discardTitle')}
        description={t('share.discardBody')}
        confirmLabel={t('share.discardDraft')}
        onConfirm={() => void act(() => discard.mutateAsync(undefined))}
      />
      <ConfirmDialog
        open={confirmDelete}
        onOpenChange={setConfirmDelete}
        title={t('share.deleteTitle', { title })}
        description={t('share.deleteBody')}
        confirmLabel={t('share.delete')}
        onConfirm={() =>
          void act(async () => {
            await remove.mutateAsync();
            void navigate(`/groups/${data.groupId}/designs`);
          })
        }
      />
      <Dialog open={copying} onOpenChange={setCopying} title={t('share.copyTitle')}>
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            if (!copyTarget) return;
            void act(async () => {
              const created = await copy.mutateAsync(copyTarget);
              setCopying(false);
              void navigate(`/designs/${created.id}`);
            });
          }}
        >
          <SelectField label={t('share.copyTarget')} value={copyTarget} onChange={(event) => setCopyTarget(event.target.value)}>
            <option value="">{t('share.chooseGroup')}</option>
            {(groups.data ?? []).map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </SelectField>
          <div className="form-actions">
            <Button onClick={() => setCopying(false)}>{t('common:cancel')}</Button>
            <Button type="submit" variant="primary" disabled={!copyTarget}>
              {t('share.copy')}
            </Button>
          </div>
        </form>
      </Dialog>
    </Page>
  );
};
