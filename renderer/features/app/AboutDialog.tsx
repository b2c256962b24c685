import { useTranslation } from 'react-i18next';
import { Dialog, DialogCloseFooter } from '../../ui/Dialog';

export const AboutDialog = ({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) => {
  const { t } = useTranslation('app');
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t('about.title')} description={t('about.body')}>
      <p className="card-meta">{t('about.data')}</p>
      <DialogCloseFooter onClose={() => onOpenChange(false)} />
    </Dialog>
  );
};
