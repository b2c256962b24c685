import { useTranslation } from 'react-i18next';
import type { CaptureStatus } from '../../../shared/contract/capture';
import { Button } from '../../ui/Button';
import { typedAddress } from './capture-writers';
import { useQrDataUrl } from './capture-qr';

/** The join code spaced in threes ("K7P 2QX"): easier to read off a wall and to type. */
export const JoinCode = ({ code, className }: { code: string; className: string }) => (
  <span className={className} translate="no">
    {code.length === 6 ? `${code.slice(0, 3)} ${code.slice(3)}` : code}
  </span>
);

export const JoinQr = ({ url, className }: { url: string; className: string }) => {
  const { t } = useTranslation('invite');
  const qr = useQrDataUrl(url);
  return qr.data ? <img className={className} src={qr.data} alt={t('join.qrAlt')} /> : <div className={`${className} qr-placeholder`} aria-hidden="true" />;
};

/** How a device joins: the QR code, the join code, and every address of this computer. */
export const InviteJoin = ({ status, onProjector }: { status: CaptureStatus; onProjector: () => void }) => {
  const { t } = useTranslation('invite');
  const [first, ...others] = status.joinUrls;
  return (
    <section className="invite-join" aria-label={t('join.section')}>
      {first ? <JoinQr url={first} className="invite-qr" /> : null}
      <div className="invite-join-text">
        {status.noNetwork ? (
          <p className="banner banner-warning" role="alert">
            {t('join.noNetwork')}
          </p>
        ) : null}
        {first ? <p className="field-hint">{t('join.scan')}</p> : null}
        {first ? <p className="invite-address" translate="no">{typedAddress(first)}</p> : null}
        <p className="invite-code-row">
          <span className="field-label">{t('join.codeLabel')}</span>
          <JoinCode code={status.joinCode} className="invite-code" />
        </p>
        {others.length > 0 ? (
          <details className="invite-others">
            <summary>{t('join.otherAddresses')}</summary>
            <ul>
              {others.map((url) => (
                <li key={url} translate="no">
                  {typedAddress(url)}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
        <p className="field-hint">{t('join.isolated')}</p>
        <Button onClick={onProjector}>{t('join.projector')}</Button>
      </div>
    </section>
  );
};
