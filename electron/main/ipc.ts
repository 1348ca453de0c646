import type { GuichetApi, GuichetInvokeMethod } from '../common/api';
import { INVOKE_CHANNELS } from '../common/channels';
import { isBackupFileName, MAX_BACKUP_BYTES } from './backup-files';
import { MAX_PDF_BYTES, MAX_SAVED_FILE_BYTES } from './pdf';
import { isAppUrl } from './protocol';

/**
 * The main side of the API. Every handler, before anything else (quality.md,
 * security 1 and 2):
 * 1. checks the sender: the message must come from the main frame of a window
 *    Guichet opened, showing the app (app://guichet/), not from a subframe,
 *    another origin, a window the app did not create, or a frame gone since;
 * 2. checks its arguments: their number, types and sizes.
 * A refused call rejects with a bare "refused" (no detail for a probe) and
 * nothing is done.
 */

/** What the sender check reads of an IpcMainInvokeEvent. */
export interface SenderEventLike {
  sender: unknown & { mainFrame?: FrameLike | null };
  senderFrame: FrameLike | null;
}
export interface FrameLike {
  url: string;
  parent: FrameLike | null;
  processId?: number;
  routingId?: number;
}

export function isTrustedSender(event: SenderEventLike, isKnownWebContents: (sender: unknown) => boolean): boolean {
  const frame = event.senderFrame;
  if (!frame) return false; // navigated away or destroyed since it sent
  if (frame.parent !== null) return false; // a subframe
  const main = event.sender?.mainFrame;
  if (!main) return false;
  if (frame !== main && (frame.processId !== main.processId || frame.routingId !== main.routingId)) return false;
  if (!isKnownWebContents(event.sender)) return false;
  return isAppUrl(frame.url);
}

export class RefusedCall extends Error {
  constructor() {
    super('refused');
    this.name = 'RefusedCall';
  }
}

type Args<K extends GuichetInvokeMethod> = Parameters<GuichetApi[K]>;
type Validators = { [K in GuichetInvokeMethod]: (args: unknown[]) => Args<K> };

const refuse = (): never => {
  throw new RefusedCall();
};
const none = (args: unknown[]): [] => (args.length === 0 ? [] : refuse());
const string = (value: unknown, max: number, min = 0): string =>
  typeof value === 'string' && value.length >= min && value.length <= max ? value : refuse();
const secret = (value: unknown, max: number): string => {
  const text = string(value, max, 1);
  return /[\u0000-\u001f\u007f]/.test(text) ? refuse() : text;
};
const bytes = (value: unknown, max: number): Uint8Array =>
  value instanceof Uint8Array && value.byteLength > 0 && value.byteLength <= max ? value : refuse();
const exactly = (args: unknown[], n: number) => (args.length === n ? args : refuse());

export const VALIDATORS: Validators = {
  printPdf: (a) => {
    const [b, t] = exactly(a, 2);
    return [bytes(b, MAX_PDF_BYTES), string(t, 500)];
  },
  savePdf: (a) => {
    const [b, n] = exactly(a, 2);
    return [bytes(b, MAX_PDF_BYTES), string(n, 500)];
  },
  saveFile: (a) => {
    const [b, n] = exactly(a, 2);
    return [bytes(b, MAX_SAVED_FILE_BYTES), string(n, 500)];
  },
  chooseBackupFolder: none,
  runBackup: (a) => {
    const [payload] = exactly(a, 1);
    if (typeof payload !== 'object' || payload === null) return refuse();
    return [{ bytes: bytes((payload as { bytes?: unknown }).bytes, MAX_BACKUP_BYTES) }];
  },
  listBackups: none,
  readBackup: (a) => {
    const [name] = exactly(a, 1);
    return isBackupFileName(name) ? [name] : refuse();
  },
  openBackupFile: none,
  storeDeviceToken: (a) => [secret(exactly(a, 1)[0], 4096)],
  readDeviceToken: none,
  clearDeviceToken: none,
  storeBackupPassphrase: (a) => [secret(exactly(a, 1)[0], 1024)],
  readBackupPassphrase: none,
  clearBackupPassphrase: none,
  keychainStatus: none,
  getAppInfo: none,
  setLanguage: (a) => {
    const [lang] = exactly(a, 1);
    return lang === 'fr' || lang === 'en' ? [lang] : refuse();
  },
  setSyncServer: (a) => {
    const [url] = exactly(a, 1);
    return [url === null ? null : string(url, 2048, 1)];
  },
  getUpdateState: none,
  openExternal: (a) => [string(exactly(a, 1)[0], 2048, 1)],
};

/** What a handler knows of its caller: the web contents (to parent a dialog to its window). */
export interface CallContext {
  sender: unknown;
}

export type MainHandlers = {
  [K in GuichetInvokeMethod]: (context: CallContext, ...args: Args<K>) => ReturnType<GuichetApi[K]> | Awaited<ReturnType<GuichetApi[K]>>;
};

export interface IpcMainLike {
  handle(channel: string, listener: (event: SenderEventLike, ...args: unknown[]) => unknown): void;
}

export function registerIpc(options: {
  ipcMain: IpcMainLike;
  handlers: MainHandlers;
  isKnownWebContents: (sender: unknown) => boolean;
  onRefused?: (channel: string, reason: 'sender' | 'arguments') => void;
}): void {
  for (const method of Object.keys(INVOKE_CHANNELS) as GuichetInvokeMethod[]) {
    const channel = INVOKE_CHANNELS[method];
    const validate = VALIDATORS[method] as (args: unknown[]) => unknown[];
    const handler = options.handlers[method] as (context: CallContext, ...args: unknown[]) => unknown;
    options.ipcMain.handle(channel, async (event: SenderEventLike, ...args: unknown[]) => {
      if (!isTrustedSender(event, options.isKnownWebContents)) {
        options.onRefused?.(channel, 'sender');
        throw new RefusedCall();
      }
      let valid: unknown[];
      try {
        valid = validate(args);
      } catch {
        options.onRefused?.(channel, 'arguments');
        throw new RefusedCall();
      }
      return handler({ sender: event.sender }, ...valid);
    });
  }
}
