import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_IPC_CHANNEL, isChannelName, isEventName } from '../shared/contract/names';

/**
 * The whole surface the renderer gets: invoke a contract channel, listen to a contract event.
 * No raw ipcRenderer, no channel outside the contract; main validates every payload again.
 */
const api = {
  invoke(channel: unknown, request: unknown): Promise<unknown> {
    if (!isChannelName(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'KYC Desk does not know that request.' } });
    }
    return ipcRenderer.invoke(channel, request);
  },
  on(event: unknown, listener: (payload: unknown) => void): () => void {
    if (!isEventName(event) || typeof listener !== 'function') return () => undefined;
    const relay = (_e: IpcRendererEvent, message: { name: string; payload: unknown }) => {
      if (message?.name === event) listener(message.payload);
    };
    ipcRenderer.on(EVENT_IPC_CHANNEL, relay);
    return () => ipcRenderer.removeListener(EVENT_IPC_CHANNEL, relay);
  },
};

contextBridge.exposeInMainWorld('kycDesk', Object.freeze(api));
