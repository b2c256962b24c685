import { useEffect, useLayoutEffect, useRef, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { findTourTarget, placeBeside, type Placement, type TourStep } from './tour-targets';

const steps: readonly TourStep[] = ['group', 'plan', 'observe', 'analyze', 'revise'];

/**
 * Follows the control a step points at: marks it and places the tour beside it, again
 * whenever the screen changes under the tour (a route, a scroll, a resize).
 */
const usePointing = (step: TourStep, box: React.RefObject<HTMLElement | null>) => {
  const [placement, setPlacement] = useState<Placement | null>(null);
  useLayoutEffect(() => {
    let marked: HTMLElement | null = null;
    let frame = 0;
    const update = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const target = findTourTarget(step);
        if (target !== marked) {
          marked?.classList.remove('tour-target');
          target?.classList.add('tour-target');
          marked = target;
        }
        if (!target || !box.current) return setPlacement(null);
        const rect = target.getBoundingClientRect();
        const own = box.current.getBoundingClientRect();
        setPlacement(placeBeside(rect, own, { width: window.innerWidth, height: window.innerHeight }));
      });
    };
    update();
    const observer = new MutationObserver(update);
    observer.observe(document.body, { childList: true, subtree: true });
    window.addEventListener('resize', update);
    window.addEventListener('scroll', update, true);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      window.removeEventListener('resize', update);
      window.removeEventListener('scroll', update, true);
      marked?.classList.remove('tour-target');
    };
  }, [step, box]);
  return placement;
};

/**
 * A short guided tour of the lesson study cycle. Not modal: it sits in a corner and the
 * app stays usable behind it. Closing it at any step counts as "seen" — it is never shown
 * again on its own; Help ▸ Show tour, Preferences and the palette bring it back.
 */
export const Tour = ({ onClose }: { onClose: () => void }) => {
  const { t } = useTranslation('app');
  const [index, setIndex] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const box = useRef<HTMLElement>(null);
  const step = steps[index];
  const last = index === steps.length - 1;
  const placement = usePointing(step, box);
  const style: CSSProperties | undefined = placement
    ? ({ top: placement.top, left: placement.left, right: 'auto', bottom: 'auto', '--tour-arrow': `${placement.arrow}px` } as CSSProperties)
    : undefined;

  useEffect(() => {
    heading.current?.focus();
  }, [index]);

  return (
    <aside
      ref={box}
      className={`tour${placement ? ` is-pointing is-${placement.side}` : ''}`}
      style={style}
      data-points-at={placement ? 'yes' : 'no'}
      aria-labelledby="tour-title"
      aria-describedby="tour-body"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <p className="tour-progress">{t('tour.progress', { current: index + 1, total: steps.length })}</p>
      <h2 id="tour-title" ref={heading} tabIndex={-1}>
        {t(`tour.steps.${step}.title`)}
      </h2>
      <p id="tour-body">
        {t(`tour.steps.${step}.body`)} {placement ? t('tour.highlighted') : t(`tour.steps.${step}.where`)}
      </p>
      <ol className="tour-dots" aria-hidden="true">
        {steps.map((s, i) => (
          <li key={s} className={i === index ? 'is-current' : i < index ? 'is-done' : ''} />
        ))}
      </ol>
      <div className="button-row">
        <Button onClick={onClose}>{t('tour.skip')}</Button>
        <span className="spacer" />
        {index > 0 ? <Button onClick={() => setIndex(index - 1)}>{t('tour.back')}</Button> : null}
        {last ? (
          <Button variant="primary" onClick={onClose}>
            {t('tour.finish')}
          </Button>
        ) : (
          <Button variant="primary" onClick={() => setIndex(index + 1)}>
            {t('tour.next')}
          </Button>
        )}
      </div>
    </aside>
  );
};
