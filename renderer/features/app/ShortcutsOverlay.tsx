import { useTranslation } from 'react-i18next';
import { Dialog, DialogCloseFooter } from '../../ui/Dialog';
import { shortcutSections } from './shortcuts';

/** `?` anywhere outside a text field: every shortcut in the app, grouped by screen. */
export const ShortcutsOverlay = ({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) => {
  const { t } = useTranslation('app');
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t('shortcuts.title')} description={t('shortcuts.intro')} wide>
      {/* Scrolls on small windows, so it takes focus: arrow keys then scroll it. */}
      <div className="shortcut-sections" tabIndex={0} role="group" aria-label={t('shortcuts.title')}>
        {shortcutSections().map((section) => (
          <section key={section.title} className="shortcut-section" aria-labelledby={`${section.title}-h`}>
            <h3 id={`${section.title}-h`}>{t(section.title)}</h3>
            <table className="shortcut-table">
              <thead className="visually-hidden">
                <tr>
                  <th scope="col">{t('shortcuts.keys')}</th>
                  <th scope="col">{t('shortcuts.action')}</th>
                </tr>
              </thead>
              <tbody>
                {section.rows.map(([keys, label]) => (
                  <tr key={`${keys}-${label}`}>
                    <td>
                      <kbd>{keys}</kbd>
                    </td>
                    <td>{t(label)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </div>
      <DialogCloseFooter onClose={() => onOpenChange(false)} />
    </Dialog>
  );
};
