import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Button } from '../../ui/Button';
import { pageRule, paperFrom, papers, type Paper } from './paper';
import './print.css';

/** Sets the printed page's size while a print view is shown (a constructed sheet: no inline <style> for the CSP to weigh). */
const usePageSize = (paper: Paper) => {
  useEffect(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(pageRule(paper));
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }, [paper]);
};

/**
 * A print view: the options bar (not printed) above a document laid out for paper. With
 * `?auto=1` (how the Print command and the Print buttons open it) the view calls
 * `window.print()` once its data is on the page — the system dialog, where "Save as
 * PDF" is — and then drops the flag, so going back and forth does not print again.
 */
export const PrintFrame = ({ ready, back, options, children }: { ready: boolean; back: string; options?: ReactNode; children: ReactNode }) => {
  const { t } = useTranslation('print');
  const [search, setSearch] = useSearchParams();
  const paper = paperFrom(search.get('paper'), typeof navigator === 'undefined' ? undefined : navigator.language);
  usePageSize(paper);
  const auto = search.get('auto') === '1';
  const printed = useRef(false);
  useEffect(() => {
    if (!ready || !auto || printed.current) return;
    printed.current = true;
    window.print();
    setSearch(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete('auto');
        return next;
      },
      { replace: true },
    );
  }, [ready, auto, setSearch]);

  const setPaper = (value: Paper) =>
    setSearch(
      (current) => {
        const next = new URLSearchParams(current);
        next.set('paper', value);
        return next;
      },
      { replace: true },
    );

  return (
    <div className="print-view" data-paper={paper} data-print-ready={ready ? 'true' : 'false'}>
      <div className="print-toolbar" role="toolbar" aria-label={t('toolbar')}>
        <Link className="btn btn-ghost" to={back}>
          {t('back')}
        </Link>
        {options}
        <fieldset className="print-paper">
          <legend>{t('paper')}</legend>
          {papers.map((value) => (
            <label key={value}>
              <input type="radio" name="print-paper" value={value} checked={paper === value} onChange={() => setPaper(value)} />
              {t(`papers.${value}`)}
            </label>
          ))}
        </fieldset>
        <Button variant="primary" onClick={() => window.print()} disabled={!ready}>
          {t('print')}
        </Button>
        <p className="print-hint">{t('hint')}</p>
      </div>
      <div className="print-paper-preview">{children}</div>
    </div>
  );
};
