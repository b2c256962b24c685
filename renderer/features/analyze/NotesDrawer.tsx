import * as RadixDialog from '@radix-ui/react-dialog';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CycleEvidenceBundle } from '../../../shared/contract/analysis';
import { filterObservations } from '../../../shared/analysis/filters';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import type { Labels } from './labels';
import { NoteCard } from './NoteCard';
import { CodeFilter, StepFilter, stepIdsOf } from './EvidenceSelects';


/**
 * The observers' notes from the lesson, one keystroke (N) away during the discussion,
 * filterable by step and code, so claims stay anchored to what was recorded.
 */
export const NotesDrawer = ({
  open,
  onOpenChange,
  bundle,
  labels,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  bundle: CycleEvidenceBundle;
  labels: Labels;
}) => {
  const { t } = useTranslation('analyze');
  const [step, setStep] = useState('');
  const [code, setCode] = useState('');
  const [text, setText] = useState('');
  const notes = filterObservations(bundle.observations, {
    stepIds: stepIdsOf(step),
    codeIds: code ? [code] : undefined,
    text,
  });
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="dialog-overlay" />
        <RadixDialog.Content className="notes-drawer" aria-describedby={undefined}>
          <div className="notes-drawer-header">
            <RadixDialog.Title className="dialog-title">{t('drawer.title')}</RadixDialog.Title>
            <RadixDialog.Close asChild>
              <Button variant="ghost">{t('common:close')}</Button>
            </RadixDialog.Close>
          </div>
          <div className="form-row">
            <StepFilter bundle={bundle} labels={labels} value={step} onChange={setStep} />
            <CodeFilter bundle={bundle} value={code} onChange={setCode} />
            <TextField label={t('filters.text')} value={text} onChange={(e) => setText(e.target.value)} type="search" />
          </div>
          <p className="muted" role="status">
            {t('drawer.count', { count: notes.length })}
          </p>
          <div className="notes-list">
            {notes.map((note) => (
              <NoteCard key={note.id} note={note} labels={labels} />
            ))}
          </div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
};
