/** The selects the analysis screens share: filter notes by step or code, choose a finding's step. */
import { useTranslation } from 'react-i18next';
import type { CycleEvidenceBundle } from '../../../shared/contract/analysis';
import { SelectField } from '../../ui/Field';
import type { Labels } from './labels';

/** The "no step" choice of the step filter (notes recorded outside the plan's steps). */
export const NO_STEP = '__none__';

/** The step filter's value as the evidence filter's `stepIds`. */
export const stepIdsOf = (step: string): Array<string | null> | undefined => (step ? [step === NO_STEP ? null : step] : undefined);

/** Filter by step of the lesson flow: all, one step, or notes outside any step. */
export const StepFilter = ({ bundle, labels, value, onChange }: { bundle: CycleEvidenceBundle; labels: Labels; value: string; onChange: (step: string) => void }) => {
  const { t } = useTranslation('analyze');
  return (
    <SelectField label={t('filters.step')} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('filters.allSteps')}</option>
      {(bundle.plan?.steps ?? []).map((s) => (
        <option key={s.id} value={s.id}>
          {labels.stepTitle(s.id)}
        </option>
      ))}
      <option value={NO_STEP}>{t('labels.noStep')}</option>
    </SelectField>
  );
};

/** Filter by one code of the group's codebook. */
export const CodeFilter = ({ bundle, value, onChange }: { bundle: CycleEvidenceBundle; value: string; onChange: (codeId: string) => void }) => {
  const { t } = useTranslation('analyze');
  return (
    <SelectField label={t('filters.code')} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('filters.allCodes')}</option>
      {bundle.codes.map((c) => (
        <option key={c.id} value={c.id}>
          {c.label}
        </option>
      ))}
    </SelectField>
  );
};

/** Choose one step of the lesson flow, or the whole lesson (""), e.g. for a finding. */
export const StepOrWholeLesson = ({
  bundle,
  labels,
  label,
  value,
  onChange,
}: {
  bundle: CycleEvidenceBundle;
  labels: Labels;
  label: string;
  value: string;
  onChange: (stepId: string) => void;
}) => {
  const { t } = useTranslation('analyze');
  return (
    <SelectField label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('findings.wholeLesson')}</option>
      {(bundle.plan?.steps ?? []).map((s) => (
        <option key={s.id} value={s.id}>
          {labels.stepTitle(s.id)}
        </option>
      ))}
    </SelectField>
  );
};
