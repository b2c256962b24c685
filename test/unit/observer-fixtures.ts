import type { DeviceLesson, LiveClock } from '../../shared/capture/protocol';

/** A small lesson as the capture door sends it to an approved device. */
export const HOST_T0 = Date.UTC(2026, 10, 26, 9, 0, 0);

export const STEP_1 = 'a1a1a1a1-0000-4000-8000-000000000001';
export const STEP_2 = 'a1a1a1a1-0000-4000-8000-000000000002';
export const STEP_3 = 'a1a1a1a1-0000-4000-8000-000000000003';
export const AIKO = 'b2b2b2b2-0000-4000-8000-000000000001';
export const BEN = 'b2b2b2b2-0000-4000-8000-000000000002';
export const CHIKA = 'b2b2b2b2-0000-4000-8000-000000000003';

export const liveClock = (clock: Partial<LiveClock> = {}): LiveClock => ({
  clock: { accumulatedMs: 0, runningSince: HOST_T0 },
  anchor: { index: 0, atMs: 0 },
  hostNowMs: HOST_T0,
  ...clock,
});

export const lesson = (): DeviceLesson => ({
  cycle: { id: 'c3c3c3c3-0000-4000-8000-000000000001', title: 'Arrays and multiplication' },
  groupName: 'Grade 3 team',
  observer: { id: 'd4d4d4d4-0000-4000-8000-000000000001', name: 'Aiko Tanaka' },
  focusStudentIds: [BEN],
  steps: [
    { id: STEP_1, title: 'Launch', minutes: 5, activities: '', anticipatedResponses: [], teacherSupport: '', pointsToNotice: [] },
    { id: STEP_2, title: 'Solve alone', minutes: 10, activities: '', anticipatedResponses: [], teacherSupport: '', pointsToNotice: [] },
    { id: STEP_3, title: 'Compare', minutes: 15, activities: '', anticipatedResponses: [], teacherSupport: '', pointsToNotice: [] },
  ],
  codebook: [],
  students: [
    { id: AIKO, pseudonym: 'Aiko' },
    { id: BEN, pseudonym: 'Ben' },
    { id: CHIKA, pseudonym: 'Chika' },
  ],
  seatingChart: {
    cols: 4,
    rows: 2,
    seats: [
      { id: 'e5e5e5e5-0000-4000-8000-000000000001', col: 0, row: 0, studentId: AIKO, label: '' },
      { id: 'e5e5e5e5-0000-4000-8000-000000000002', col: 1, row: 0, studentId: BEN, label: '' },
      { id: 'e5e5e5e5-0000-4000-8000-000000000003', col: 3, row: 1, label: 'Table 3' },
    ],
  },
  clock: liveClock(),
});
