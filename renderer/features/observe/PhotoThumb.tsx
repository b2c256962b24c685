import { useTranslation } from 'react-i18next';
import type { PhotoRef } from '../../../shared/domain/observation';
import { usePhotoDataUrl } from './queries';

/** A photo by its content hash; the backend answers with a data URL, never a path. */
export const PhotoThumb = ({ photo, onRemove }: { photo: PhotoRef; onRemove?: () => void }) => {
  const { t } = useTranslation('observe');
  const data = usePhotoDataUrl(photo.hash);
  const alt = t('photo.alt', { name: photo.name || photo.hash.slice(0, 8) });
  return (
    <figure className="photo-thumb">
      {data.data ? <img src={data.data.dataUrl} alt={alt} /> : <span className="photo-thumb-placeholder">{alt}</span>}
      {onRemove ? (
        <button type="button" className="btn btn-ghost btn-small" onClick={onRemove} aria-label={t('photo.remove', { name: photo.name })}>
          ×
        </button>
      ) : null}
    </figure>
  );
};
