import type { ReactNode } from 'react';

/** A screen with a heading and optional actions; the heading is the page's landmark name. */
export const Page = ({ title, actions, children, subtitle }: { title: ReactNode; subtitle?: ReactNode; actions?: ReactNode; children: ReactNode }) => (
  <section className="page" aria-labelledby="page-title">
    <header className="page-header">
      <div>
        <h1 id="page-title">{title}</h1>
        {subtitle ? <p className="page-subtitle">{subtitle}</p> : null}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </header>
    {children}
  </section>
);

export const ErrorMessage = ({ error }: { error: unknown }) => (
  <div className="error-box" role="alert">
    {error instanceof Error ? error.message : String(error)}
  </div>
);

export const EmptyState = ({ title, children }: { title: ReactNode; children?: ReactNode }) => (
  <div className="empty-state">
    <h2>{title}</h2>
    {children}
  </div>
);
