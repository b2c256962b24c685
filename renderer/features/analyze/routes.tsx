import type { RouteObject } from 'react-router';
import { lazyScreen } from '../../app/lazy-screen';

const AnalyzeHub = lazyScreen(() => import('./AnalyzeHub'), 'AnalyzeHub');
const CoveragePage = lazyScreen(() => import('./CoveragePage'), 'CoveragePage');
const DiscussionPage = lazyScreen(() => import('./DiscussionPage'), 'DiscussionPage');
const EvidencePage = lazyScreen(() => import('./EvidencePage'), 'EvidencePage');
const FindingsPage = lazyScreen(() => import('./FindingsPage'), 'FindingsPage');
const StudentsPage = lazyScreen(() => import('./StudentsPage'), 'StudentsPage');

/** Screens of the analyze feature. Evidence links from change notes land on `evidence` and `findings/:id`. */
export const analyzeRoutes: RouteObject[] = [
  { path: '/cycles/:cycleId/analyze', element: <AnalyzeHub /> },
  { path: '/cycles/:cycleId/discussion', element: <DiscussionPage /> },
  { path: '/cycles/:cycleId/evidence', element: <EvidencePage /> },
  { path: '/cycles/:cycleId/students', element: <StudentsPage /> },
  { path: '/cycles/:cycleId/coverage', element: <CoveragePage /> },
  { path: '/cycles/:cycleId/findings/:findingId?', element: <FindingsPage /> },
];
