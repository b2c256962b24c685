import { channelNames, ipcChannel, type BackendService } from '../shared/contract';
import type { Result } from '../shared/result';
import { dispatch } from './dispatch';
import { isTrustedSender } from './security';

/**
 * The part of an `ipcMain.handle` event we read. `senderFrame` is null when the frame
 * has navigated or been destroyed since it sent the request.
 */
export interface InvokeEvent {
  senderFrame: { url: string } | null;
}

/** The part of Electron's `ipcMain` we use; tests pass a fake. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, payload: unknown) => Promise<unknown>): void;
}

/**
 * One request from the renderer: who sent it is checked before what it says, then the
 * shared `dispatch` validates the payload against the contract, so a malformed or
 * hostile request never reaches the backend.
 */
export const handleInvoke = async (
  service: BackendService,
  name: string,
  senderUrl: string | null | undefined,
  appUrl: string,
  payload: unknown,
): Promise<Result<unknown>> => {
  if (!isTrustedSender(senderUrl, appUrl)) {
    return { ok: false, error: { code: 'forbidden', message: 'This request did not come from the Lesson Study window.' } };
  }
  return dispatch(service, name, payload);
};

/** Reading a frame that was disposed mid-request throws; that sender is simply unknown. */
const senderUrlOf = (event: InvokeEvent): string | null => {
  try {
    return event.senderFrame?.url ?? null;
  } catch {
    return null;
  }
};

/**
 * Registers every channel of the contract, and nothing else. `getService` is read per
 * request so the backend can be swapped when the user opens another workspace.
 */
export const registerIpc = (ipcMain: IpcMainLike, getService: () => BackendService, appUrl: string): void => {
  for (const name of channelNames) {
    ipcMain.handle(ipcChannel(name), (event, payload) =>
      handleInvoke(getService(), name, senderUrlOf(event), appUrl, payload),
    );
  }
};
