import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { CycleEvidenceBundle } from '../../../shared/contract/analysis';
import { indexById } from '../../../shared/analysis/evidence-links';
import { predictedVsActual, type StudentSheet } from '../../../shared/analysis/predicted-vs-actual';
import type { StudentResponse } from '../../../shared/domain/cycle';
import { errorMessage } from '../../api/client';
import { Button } from '../../ui/Button';
import { SelectField, TextArea } from '../../ui/Field';
import { AnalyzeShell } from './AnalyzeShell';
import type { Labels } from './labels';
import { SelectionBar, useNoteSelection, type NoteSelection } from './LinkToFinding';
import { NoteCard } from './NoteCard';
import { useRecordStudentResponse } from './queries';

/** The "predicted vs actual" sheet for the students of concern (抽出児). */
export const StudentsPage = () => {
  const { t } = useTranslation('analyze');
  return (
    <AnalyzeShell title={() => t('students.title')}>{(bundle, labels) => <Students bundle={bundle} labels={labels} />}</AnalyzeShell>
  );
};

const Students = ({ bundle, labels }: { bundle: CycleEvidenceBundle; labels: Labels }) => {
  const { t } = useTranslation('analyze');
  const { cycleId = '' } = useParams();
  const selection = useNoteSelection();
  const sheets = predictedVsActual({
    steps: bundle.plan?.steps ?? [],
    observationPlan: bundle.plan?.observationPlan ?? [],
    // The roster's focus students; the sheet adds any student the plan assigns.
    focusStudents: bundle.focusStudents.filter((s) => s.focus),
    observations: bundle.observations,
  });
  if (sheets.length === 0) return <p className="empty-state">{t('students.none')}</p>;
  return (
    <div className="students-sheet">
      <p className="muted">{t('students.intro')}</p>
      <SelectionBar cycleId={cycleId} bundle={bundle} selection={selection} />
      {sheets.map((sheet) => (
        <StudentSection key={sheet.studentId} sheet={sheet} bundle={bundle} labels={labels} selection={selection} cycleId={cycleId} />
      ))}
    </div>
  );
};

const StudentSection = ({
  sheet,
  bundle,
  labels,
  selection,
  cycleId,
}: {
  sheet: StudentSheet;
  bundle: CycleEvidenceBundle;
  labels: Labels;
  selection: NoteSelection;
  cycleId: string;
}) => {
  // Kept here, above the form: the form starts afresh (a new key) when the cycle it was
  // filled from changes — which recording the response itself does — and "Recorded." must stay.
  const [status, setStatus] = useState('');
  const { t } = useTranslation('analyze');
  const notes = indexById(bundle.observations);
  const headingId = `student-${sheet.studentId}`;
  const renderNotes = (ids: string[]) =>
    ids.length === 0 ? (
      <span className="muted">{t('students.nothingObserved')}</span>
    ) : (
      ids.map((id) => {
        const note = notes.get(id)!;
        return (
          <NoteCard
            key={id}
            note={note}
            labels={labels}
            selectable={{ selected: selection.isSelected(id), onChange: (on) => selection.toggle(id, on) }}
          />
        );
      })
    );
  return (
    <section className="student-section" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {sheet.pseudonym} <span className="muted">· {t('students.noteCount', { count: sheet.noteCount })}</span>
      </h2>
      {sheet.concerns ? <p>{t('students.concerns', { text: sheet.concerns })}</p> : null}
      {sheet.lookFors.length ? (
        <ul className="look-fors">
          {sheet.lookFors.map((l) => (
            <li key={l.assignmentId}>
              {t('students.lookFor', { observer: labels.member(l.observerId), text: l.text || '—' })}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="table-scroll">
        <table className="data-table pva-table">
          <caption className="visually-hidden">{t('students.caption', { name: sheet.pseudonym })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('students.step')}</th>
              <th scope="col">{t('students.predicted')}</th>
              <th scope="col">{t('students.actual', { name: sheet.pseudonym })}</th>
            </tr>
          </thead>
          <tbody>
            {sheet.steps.map((row) => (
              <tr key={row.stepId}>
                <th scope="row">{labels.stepTitle(row.stepId)}</th>
                <td>
                  {row.anticipated.length ? (
                    <ul>
                      {row.anticipated.map((a) => (
                        <li key={a.id}>
                          {a.text}
                          {row.seen[a.id]?.length ? <span className="badge">{t('students.seen', { count: row.seen[a.id].length })}</span> : null}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <span className="muted">{t('students.nothingAnticipated')}</span>
                  )}
                </td>
                <td className="pva-actual">{renderNotes(row.observationIds)}</td>
              </tr>
            ))}
            {sheet.unplacedObservationIds.length ? (
              <tr>
                <th scope="row">{t('labels.noStep')}</th>
                <td />
                <td className="pva-actual">{renderNotes(sheet.unplacedObservationIds)}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <ResponseForm
        key={`${sheet.studentId}-${bundle.cycle.updatedAt}`}
        cycleId={cycleId}
        sheet={sheet}
        saved={bundle.cycle.studentResponses.find((r) => r.studentId === sheet.studentId)}
        selection={selection}
        status={status}
        setStatus={setStatus}
      />
    </section>
  );
};

const ResponseForm = ({
  cycleId,
  sheet,
  saved,
  selection,
  status,
  setStatus,
}: {
  cycleId: string;
  sheet: StudentSheet;
  saved: StudentResponse | undefined;
  selection: NoteSelection;
  status: string;
  setStatus: (status: string) => void;
}) => {
  const { t } = useTranslation('analyze');
  const record = useRecordStudentResponse(cycleId);
  const [responded, setResponded] = useState<StudentResponse['responded']>(saved?.responded ?? 'unknown');
  const [note, setNote] = useState(saved?.note ?? '');
  const own = new Set([...sheet.steps.flatMap((s) => s.observationIds), ...sheet.unplacedObservationIds]);
  const ticked = selection.selected.filter((id) => own.has(id));
  return (
    <fieldset className="response-form">
      <legend>{t('students.respondedLegend', { name: sheet.pseudonym })}</legend>
      <div className="form-row">
        <SelectField
          label={t('students.responded', { name: sheet.pseudonym })}
          value={responded}
          onChange={(e) => setResponded(e.target.value as StudentResponse['responded'])}
        >
          {(['unknown', 'yes', 'partly', 'no'] as const).map((r) => (
            <option key={r} value={r}>
              {t(`students.respondedOptions.${r}`)}
            </option>
          ))}
        </SelectField>
        <TextArea label={t('students.responseNote', { name: sheet.pseudonym })} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <p className="muted">
        {ticked.length
          ? t('students.citesTicked', { count: ticked.length })
          : t('students.cites', { count: saved?.observationIds.length ?? 0 })}
      </p>
      <div className="form-actions">
        <span role="status">{status}</span>
        <Button
          variant="primary"
          disabled={record.isPending}
          onClick={async () => {
            try {
              await record.mutateAsync({
                studentId: sheet.studentId,
                responded,
                note,
                observationIds: ticked.length ? ticked : (saved?.observationIds ?? []),
              });
              setStatus(t('students.recorded'));
            } catch (e) {
              setStatus(errorMessage(e));
            }
          }}
        >
          {t('students.record', { name: sheet.pseudonym })}
        </Button>
      </div>
    </fieldset>
  );
};
