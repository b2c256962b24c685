import { nextToSend, type Outbox, type SendAction } from './outbox';
import type { DeviceCaller } from './transport';

/**
 * Sends what the outbox holds, one call per note at a time, and records each reply. The
 * transport keeps a call until its reply arrives (across reconnects), so the sender only
 * has to ask again after a reload, when `flush` starts over from what IndexedDB holds.
 */

export interface Sender {
  /** Send whatever is waiting and not yet in flight. Safe to call as often as wanted. */
  flush(): Promise<void>;
}

export const createSender = (options: {
  outbox: Outbox;
  deviceId: string;
  call: DeviceCaller;
  /** Something in the outbox changed (a reply arrived): redraw the badge and the list. */
  onChange: () => void;
}): Sender => {
  const { outbox, deviceId, call, onChange } = options;
  const busy = new Set<string>();
  let running: Promise<void> | null = null;
  let again = false;

  const perform = async (action: SendAction): Promise<void> => {
    switch (action.kind) {
      case 'attachPhoto': {
        const result = await call('attachPhoto', { name: action.photo.name, dataBase64: action.photo.dataBase64 });
        if (result.ok) await outbox.photoStored(action.photo.id, result.value);
        else await outbox.photoRefused(action.photo.id);
        return;
      }
      case 'saveNote': {
        const result = await call('saveNote', { note: action.note });
        if (result.ok) await outbox.saved(action.noteId, action.rev, result.value);
        else await outbox.refused(action.noteId, action.rev, result.error);
        return;
      }
      case 'deleteNote': {
        await call('deleteNote', { id: action.noteId });
        // Whether the host deleted it or never had it, nothing more is owed.
        await outbox.deleted(action.noteId, action.rev);
        return;
      }
    }
  };

  const keyOf = (action: SendAction) => (action.kind === 'attachPhoto' ? action.photo.id : action.noteId);

  const pass = async (): Promise<void> => {
    const [entries, photos] = await Promise.all([outbox.entries(deviceId), outbox.photos(deviceId)]);
    for (const action of nextToSend(entries, photos, busy)) {
      const key = keyOf(action);
      busy.add(key);
      void perform(action)
        .catch(() => undefined)
        .finally(() => {
          busy.delete(key);
          onChange();
          void flush();
        });
    }
  };

  const flush = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await pass();
      } while (again);
    })().finally(() => {
      running = null;
    });
    return running;
  };

  return { flush };
};
