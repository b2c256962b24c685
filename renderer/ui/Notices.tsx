import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { backend } from '../api/client';

/** Storage notices: a damaged file moved aside, a backup restored, a file migrated. */
export const Notices = () => {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notices = useQuery({ queryKey: ['notices'], queryFn: () => backend.listNotices({}), refetchInterval: 5000 });
  const dismiss = useMutation({
    mutationFn: (id: string) => backend.dismissNotice({ id }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['notices'] }),
  });
  if (!notices.data?.length) return null;
  return (
    <div className="notices" role="alert" aria-label={t('noticesTitle')}>
      {notices.data.map((notice) => (
        <div key={notice.id} className={`notice notice-${notice.kind}`}>
          <p>{notice.message}</p>
          <button type="button" className="btn btn-ghost btn-small" onClick={() => dismiss.mutate(notice.id)}>
            {t('dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
};
