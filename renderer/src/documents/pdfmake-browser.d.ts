// pdfmake 0.3 ships no typings: the little of its browser build that render.ts uses.
declare module 'pdfmake/build/pdfmake' {
  interface PdfmakeBrowserOutput {
    /** a Buffer polyfill, i.e. a Uint8Array */
    getBuffer(): Promise<Uint8Array>;
  }
  interface PdfmakeBrowser {
    addVirtualFileSystem(vfs: Record<string, string>): void;
    setUrlAccessPolicy(policy: (url: string) => boolean): void;
    createPdf(definition: object, options?: object): PdfmakeBrowserOutput;
  }
  const pdfMake: PdfmakeBrowser;
  export default pdfMake;
}

declare module 'pdfmake/build/vfs_fonts' {
  /** font file name → base64 bytes (Roboto) */
  const vfs: Record<string, string>;
  export default vfs;
}
