import { useEffect, useMemo, useState } from 'react';
import { languages, pickLanguage, translator, type Language, type Translate } from '../i18n';
import { saveLanguage, savedLanguage } from '../prefs';
import { useCapture } from '../use-capture';
import { CaptureScreen } from './CaptureScreen';
import { JoinScreen } from './JoinScreen';
import { SaveNotes } from './SaveNotes';
import { StatusScreen } from './StatusScreen';

export const App = () => {
  const [language, setLanguage] = useState<Language>(() => pickLanguage(savedLanguage(), navigator.languages ?? [navigator.language]));
  const t = useMemo(() => translator(language), [language]);
  const capture = useCapture();
  const { stage } = capture.state;

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('appTitle');
  }, [language, t]);

  const choose = (next: Language) => {
    setLanguage(next);
    saveLanguage(next);
  };

  return (
    <div className="page" data-stage={stage}>
      <header className="top">
        <h1 className="top-title">{capture.state.lesson?.cycle.title ?? t('appTitle')}</h1>
        <LanguageSwitch language={language} onChange={choose} t={t} />
      </header>
      {stage === 'loading' && <p className="center" role="status">{t('loading')}</p>}
      {stage === 'join' && (
        <>
          <JoinScreen t={t} language={language} join={capture.join} storageError={capture.state.storageError} />
          <SaveNotes t={t} count={capture.state.waiting + capture.state.stranded} save={capture.saveNotesToFile} />
        </>
      )}
      {stage === 'approved' && capture.state.lesson ? (
        <CaptureScreen t={t} capture={capture} lesson={capture.state.lesson} />
      ) : (
        stage !== 'loading' && stage !== 'join' && <StatusScreen t={t} state={capture.state} onJoinAgain={capture.joinAgain} onSaveNotes={capture.saveNotesToFile} />
      )}
    </div>
  );
};

const LanguageSwitch = ({ language, onChange, t }: { language: Language; onChange: (l: Language) => void; t: Translate }) => (
  <div className="language" role="group" aria-label={t('language')}>
    {languages.map((l) => (
      <button key={l} type="button" className="chip" aria-pressed={l === language} onClick={() => onChange(l)} lang={l}>
        {l === 'en' ? 'English' : '日本語'}
      </button>
    ))}
  </div>
);
