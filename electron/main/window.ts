import type { BrowserWindowConstructorOptions } from 'electron';
import { APP_ENTRY_URL } from './protocol';
import { secureWebPreferences } from './security';
import { MIN_SIZE, type WindowState } from './window-state';

/** The options of the app window: its place, and the secure webPreferences (security.ts). */
export function mainWindowOptions(options: {
  preload: string;
  state: WindowState;
  devTools: boolean;
  icon?: string;
}): BrowserWindowConstructorOptions {
  return {
    ...options.state.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false, // shown when painted: no white flash
    title: 'Guichet',
    backgroundColor: '#ffffff',
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: secureWebPreferences(options.preload, { devTools: options.devTools }),
  };
}

export interface MainWindowLike {
  once(event: 'ready-to-show', listener: () => void): unknown;
  maximize(): void;
  show(): void;
  loadURL(url: string): Promise<void>;
}

/** Creates the app window and loads the app from app://guichet/ (never file://). */
export function openMainWindow<W extends MainWindowLike>(
  create: (options: BrowserWindowConstructorOptions) => W,
  options: Parameters<typeof mainWindowOptions>[0],
): W {
  const win = create(mainWindowOptions(options));
  win.once('ready-to-show', () => {
    if (options.state.maximized) win.maximize();
    win.show();
  });
  void win.loadURL(APP_ENTRY_URL);
  return win;
}
