import { useTranslation } from 'react-i18next';
import type { Group } from '../../../shared/domain/group';

/** Who the group is and what it studies. */
export const GroupOverview = ({ group }: { group: Group }) => {
  const { t } = useTranslation('groups');
  return (
    <div className="overview">
      <dl className="facts">
        <dt>{t('fields.subject')}</dt>
        <dd>{group.subject || '—'}</dd>
        <dt>{t('fields.gradeBand')}</dt>
        <dd>{group.gradeBand || '—'}</dd>
        <dt>{t('fields.schools')}</dt>
        <dd>{group.schools.join(', ') || '—'}</dd>
        <dt>{t('fields.researchTheme')}</dt>
        <dd className="prose">{group.researchTheme || '—'}</dd>
      </dl>
      <h2>{t('fields.members')}</h2>
      <ul className="member-list" aria-label={t('fields.members')}>
        {group.members.map((member) => (
          <li key={member.id}>
            <span>{member.name}</span> <span className="badge">{t(`roles.${member.role}`)}</span>
          </li>
        ))}
      </ul>
      {group.norms.length ? (
        <>
          <h2>{t('fields.norms')}</h2>
          <ul>
            {group.norms.map((norm, i) => (
              <li key={i}>{norm}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
};
