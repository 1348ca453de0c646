/**
 * The few Web APIs domain/ may use because every runtime it runs in has them: the browser page, Electron's
 * processes and Node 20 (VS Code's "common" layer does the same). Declared here, not taken from the DOM or
 * Node types, so that domain/ cannot reach anything else of either by mistake (domain/tsconfig.json).
 */
declare global {
  interface CommonCrypto {
    randomUUID(): string;
    getRandomValues<T extends Uint8Array>(array: T): T;
  }
  var crypto: CommonCrypto;
  class TextEncoder {
    encode(input?: string): Uint8Array;
  }
}
export {};
