import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

interface FieldShell {
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
}

const Shell = ({ id, label, error, hint, children }: FieldShell & { id: string; children: ReactNode }) => (
  <div className={`field${error ? ' field-invalid' : ''}`}>
    <label htmlFor={id}>{label}</label>
    {children}
    {hint && !error ? <p className="field-hint" id={`${id}-hint`}>{hint}</p> : null}
    {error ? (
      <p className="field-error" id={`${id}-error`} role="alert">
        {error}
      </p>
    ) : null}
  </div>
);

const described = (id: string, error?: string, hint?: ReactNode) =>
  error ? `${id}-error` : hint ? `${id}-hint` : undefined;

export const TextField = ({ label, error, hint, id, ...props }: FieldShell & InputHTMLAttributes<HTMLInputElement>) => {
  const autoId = useId();
  const fieldId = id ?? autoId;
  return (
    <Shell id={fieldId} label={label} error={error} hint={hint}>
      <input id={fieldId} aria-invalid={error ? true : undefined} aria-describedby={described(fieldId, error, hint)} {...props} />
    </Shell>
  );
};

export const TextArea = ({ label, error, hint, id, ...props }: FieldShell & TextareaHTMLAttributes<HTMLTextAreaElement>) => {
  const autoId = useId();
  const fieldId = id ?? autoId;
  return (
    <Shell id={fieldId} label={label} error={error} hint={hint}>
      <textarea id={fieldId} aria-invalid={error ? true : undefined} aria-describedby={described(fieldId, error, hint)} {...props} />
    </Shell>
  );
};

export const SelectField = ({
  label,
  error,
  hint,
  id,
  children,
  ...props
}: FieldShell & SelectHTMLAttributes<HTMLSelectElement>) => {
  const autoId = useId();
  const fieldId = id ?? autoId;
  return (
    <Shell id={fieldId} label={label} error={error} hint={hint}>
      <select id={fieldId} aria-invalid={error ? true : undefined} aria-describedby={described(fieldId, error, hint)} {...props}>
        {children}
      </select>
    </Shell>
  );
};
