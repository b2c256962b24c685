import type { CaptureDevice } from '../../../shared/contract/capture';

/** One observer writing from devices during a live lesson: the "who is writing" count. */
export interface Writer {
  observerId: string;
  name: string;
  /** Notes saved through this observer's devices in this session. */
  notes: number;
  /** Whether at least one of their devices is connected now. */
  connected: boolean;
}

/** Names in the order a person reads them: "Guest observer 2" before "Guest observer 10". */
const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * Approved devices counted per observer: one observer may write from two devices (a
 * phone that ran flat, then a tablet), and the facilitator wants one count per person.
 * Ordered by name (numbers by their value) so the list does not jump while counts change.
 */
export const writersOf = (devices: readonly CaptureDevice[]): Writer[] => {
  const byObserver = new Map<string, Writer>();
  for (const device of devices) {
    if (device.state !== 'approved' || !device.observerId) continue;
    const writer = byObserver.get(device.observerId);
    if (writer) {
      writer.notes += device.noteCount;
      writer.connected ||= device.connected;
    } else {
      byObserver.set(device.observerId, {
        observerId: device.observerId,
        name: device.observerName || device.name,
        notes: device.noteCount,
        connected: device.connected,
      });
    }
  }
  return [...byObserver.values()].sort((a, b) => byName.compare(a.name, b.name) || a.observerId.localeCompare(b.observerId));
};

/** What a person types: the join address without its `#join=` secret (the page then asks for the code). */
export const typedAddress = (joinUrl: string): string => {
  const hash = joinUrl.indexOf('#');
  return hash < 0 ? joinUrl : joinUrl.slice(0, hash);
};
