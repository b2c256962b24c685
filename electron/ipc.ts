import { PORT_REQUEST_CHANNEL } from '../shared/contract/port-client';
import { isTrustedSender } from './security';

export { PORT_CHANNEL, PORT_REQUEST_CHANNEL } from '../shared/contract/port-client';

/** The part of an `ipcMain.on` event we read. `senderFrame` is null once the frame has navigated or been destroyed. */
export interface ConnectEvent<Sender> {
  senderFrame: { url: string } | null;
  sender: Sender;
}

/** The part of Electron's `ipcMain` we use; tests pass a fake. */
export interface IpcMainLike<Sender> {
  on(channel: string, listener: (event: ConnectEvent<Sender>) => void): void;
}

/** Reading a frame that was disposed mid-request throws; that sender is simply unknown. */
const senderUrlOf = (event: ConnectEvent<unknown>): string | null => {
  try {
    return event.senderFrame?.url ?? null;
  } catch {
    return null;
  }
};

/**
 * The window's only IPC channel: "give me my port to the backend". Who asks is checked
 * once, here, before a port exists; every request then goes on that port to the backend
 * process, whose dispatch validates it against the contract. A page of another origin
 * (a navigated frame, an injected iframe) gets nothing.
 */
export const registerPortHandoff = <Sender>(
  ipcMain: IpcMainLike<Sender>,
  appUrl: string,
  handOver: (sender: Sender) => void,
): void => {
  ipcMain.on(PORT_REQUEST_CHANNEL, (event) => {
    if (!isTrustedSender(senderUrlOf(event), appUrl)) return;
    handOver(event.sender);
  });
};
