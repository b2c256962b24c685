import type { RouteObject } from 'react-router';
import { AnalyzeHub } from './AnalyzeHub';
import { CoveragePage } from './CoveragePage';
import { DiscussionPage } from './DiscussionPage';
import { EvidencePage } from './EvidencePage';
import { FindingsPage } from './FindingsPage';
import { StudentsPage } from './StudentsPage';

/** Screens of the analyze feature. Evidence links from change notes land on `evidence` and `findings/:id`. */
export const analyzeRoutes: RouteObject[] = [
  { path: '/cycles/:cycleId/analyze', element: <AnalyzeHub /> },
  { path: '/cycles/:cycleId/discussion', element: <DiscussionPage /> },
  { path: '/cycles/:cycleId/evidence', element: <EvidencePage /> },
  { path: '/cycles/:cycleId/students', element: <StudentsPage /> },
  { path: '/cycles/:cycleId/coverage', element: <CoveragePage /> },
  { path: '/cycles/:cycleId/findings/:findingId?', element: <FindingsPage /> },
];
