import { useId, useState, type FormEvent } from 'react';
import type { Language, MessageKey, Translate } from '../i18n';
import { joinSecretFromHash, type JoinFailure } from '../join';
import { saveDeviceName, savedDeviceName } from '../prefs';

const failureMessage: Record<JoinFailure['reason'], MessageKey> = {
  'wrong-code': 'errorWrongCode',
  throttled: 'errorThrottled',
  unreachable: 'errorUnreachable',
  'name-missing': 'errorNameMissing',
  'code-format': 'errorCodeFormat',
  server: 'errorServer',
};

export const JoinScreen = ({
  t,
  language,
  join,
  storageError,
}: {
  t: Translate;
  language: Language;
  join: (input: { deviceName: string; code?: string; language: Language }) => Promise<JoinFailure | null>;
  storageError?: string;
}) => {
  const [name, setName] = useState(savedDeviceName);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<JoinFailure | null>(null);
  const hasSecret = joinSecretFromHash(location.hash) !== undefined;
  const ids = { name: useId(), code: useId(), nameHint: useId(), codeHint: useId(), error: useId() };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    saveDeviceName(name.trim());
    const result = await join({ deviceName: name, code: hasSecret ? undefined : code, language });
    setFailure(result);
    setBusy(false);
  };

  return (
    <main className="screen join">
      <h2>{t('joinHeading')}</h2>
      <p>{t('joinIntro')}</p>
      {storageError && <p className="error" role="alert">{storageError}</p>}
      <form onSubmit={submit} noValidate>
        <label htmlFor={ids.name}>{t('deviceName')}</label>
        <input
          id={ids.name}
          className="field"
          value={name}
          maxLength={60}
          autoComplete="nickname"
          aria-describedby={ids.nameHint}
          aria-invalid={failure?.reason === 'name-missing'}
          onChange={(e) => setName(e.target.value)}
        />
        <p id={ids.nameHint} className="hint">{t('deviceNameHint')}</p>
        {hasSecret ? (
          <p className="hint">{t('joinWithLink')}</p>
        ) : (
          <>
            <label htmlFor={ids.code}>{t('joinCode')}</label>
            <input
              id={ids.code}
              className="field code"
              value={code}
              maxLength={9}
              autoCapitalize="characters"
              autoComplete="one-time-code"
              spellCheck={false}
              aria-describedby={ids.codeHint}
              aria-invalid={failure?.reason === 'code-format' || failure?.reason === 'wrong-code'}
              onChange={(e) => setCode(e.target.value.toUpperCase())}
            />
            <p id={ids.codeHint} className="hint">{t('joinCodeHint')}</p>
          </>
        )}
        {failure && (
          <div className="error" role="alert" id={ids.error}>
            <p>{t(failureMessage[failure.reason], failure.reason === 'server' ? { detail: failure.detail } : undefined)}</p>
            {failure.reason === 'unreachable' && <p>{t('errorUnreachableHint')}</p>}
          </div>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('joining') : t('joinButton')}
        </button>
      </form>
    </main>
  );
};
