/**
 * The start page's only script (see electron/backend/start-page.ts): the page arrives with
 * the groups list already in it, and this loads the app's code once that list has been
 * drawn, so the browser paints it before it fetches and compiles the app. Loaded there
 * instead of the app's own module script, whose address it carries (`data-app-code`).
 * A hidden page draws no frames: it loads the code at once.
 */
const loader = document.querySelector<HTMLScriptElement>('script[data-app-code]');
const code = loader?.dataset.appCode;

const loadApp = () => {
  if (!code) return;
  const script = document.createElement('script');
  script.type = 'module';
  script.crossOrigin = 'anonymous';
  script.src = code;
  document.head.append(script);
};

if (document.visibilityState === 'hidden') loadApp();
// After the frame that shows the list: its callbacks run before it is drawn, a task after them runs once it has been.
else requestAnimationFrame(() => setTimeout(loadApp, 0));
