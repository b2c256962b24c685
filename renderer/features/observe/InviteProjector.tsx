import * as RadixDialog from '@radix-ui/react-dialog';
import { useTranslation } from 'react-i18next';
import type { CaptureStatus } from '../../../shared/contract/capture';
import { Button } from '../../ui/Button';
import { typedAddress } from './capture-writers';
import { JoinCode, JoinQr } from './InviteJoin';

/**
 * The join screen for the room: the whole window, dark on light, sized by the viewport so
 * the code can be read from the back row (the code is at least 15 % of the window's height).
 * Escape or the button returns to the capture screen.
 */
export const InviteProjector = ({ status, open, onOpenChange }: { status: CaptureStatus; open: boolean; onOpenChange: (open: boolean) => void }) => {
  const { t } = useTranslation('invite');
  const first = status.joinUrls[0];
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Content className="invite-projector" aria-describedby={undefined}>
          <RadixDialog.Title className="invite-projector-title">{t('projector.title')}</RadixDialog.Title>
          <div className="invite-projector-body">
            {first ? <JoinQr url={first} className="invite-projector-qr" /> : null}
            <div className="invite-projector-text">
              <p>{t('projector.scan')}</p>
              {first ? (
                <>
                  <p>{t('projector.or')}</p>
                  <p className="invite-projector-address" translate="no">
                    {typedAddress(first)}
                  </p>
                </>
              ) : null}
            </div>
          </div>
          <div className="invite-projector-code-row">
            <p>{t('projector.type')}</p>
            <JoinCode code={status.joinCode} className="invite-projector-code" />
          </div>
          <RadixDialog.Close asChild>
            <Button className="invite-projector-close">{t('projector.close')}</Button>
          </RadixDialog.Close>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
};
