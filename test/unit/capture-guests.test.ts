import { afterEach, describe, expect, it } from 'vitest';
import { loadReportSources } from '../../electron/backend/reports';
import { observerNameLookup } from '../../shared/observe/csv';
import { buildReportModel } from '../../shared/report/model';
import { joinedDevice, setUpCapture, type CaptureSetUp } from './support/capture-devices';

/** Guest observers of a public research lesson are named wherever notes are: the report names them as members are named. */

let running: CaptureSetUp[] = [];
afterEach(async () => {
  for (const setUp of running) await setUp.host.close();
  running = [];
});

const uid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('naming guest observers', () => {
  it('finds a member first, then a guest, else the word for someone unknown', () => {
    const name = observerNameLookup([{ id: uid(1), name: 'Aiko Tanaka' }], [{ id: uid(2), name: 'Dr. Sato' }], 'Former member');
    expect(name(uid(1))).toBe('Aiko Tanaka');
    expect(name(uid(2))).toBe('Dr. Sato');
    expect(name(uid(3))).toBe('Former member');
    expect(observerNameLookup([])(uid(3))).toBe('');
  });

  it('a note a guest wrote on a device is credited to the guest in the cycle report', async () => {
    const setUp = await setUpCapture();
    running.push(setUp);
    const cycleId = setUp.lesson.cycle.id;
    const { device, deviceId } = await joinedDevice(setUp, { approve: false, name: 'Visitor phone' });
    await setUp.service.approveDevice({ cycleId, deviceId, observer: { kind: 'guest', name: 'Dr. Sato' }, focusStudentIds: [] });
    await device.waitForStatus('approved');
    const note = {
      id: crypto.randomUUID(),
      clockMs: 90_000,
      wallTime: '2026-05-12T09:01:30.000Z',
      stepId: setUp.lesson.steps[0].id,
      target: { kind: 'class' },
      codeIds: [],
      text: 'Most pairs drew a number line first.',
      photos: [],
      pointToNoticeIds: [],
      createdAt: '2026-05-12T09:01:30.000Z',
    };
    expect((await device.call('saveNote', { note })).ok).toBe(true);
    const model = buildReportModel(await loadReportSources(setUp.host.current().context, cycleId), { anonymize: false, includeAppendix: true, includePhotos: false });
    expect(model.observations.observers).toEqual([{ name: 'Dr. Sato', count: 1 }]);
  });
});
