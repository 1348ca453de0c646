import type { GuichetApi } from './api';

declare global {
  interface Window {
    /**
     * Present in the desktop app only (exposed by electron/preload). The
     * renderer should not read it directly: use `getPlatform()` from
     * renderer/src/platform, which falls back to the browser implementation.
     */
    readonly guichet?: GuichetApi;
  }
}

export {};
