// pdfmake 0.3 ships no typings: the little of its Node API that scripts/pdf-node.ts uses.
declare module 'pdfmake' {
  interface PdfmakeOutputDocument {
    getBuffer(): Promise<Buffer>;
  }
  interface PdfmakeVirtualFileSystem {
    existsSync(name: string): boolean;
    writeFileSync(name: string, content: Buffer | Uint8Array): void;
  }
  interface PdfmakeFontFamily {
    normal: string;
    bold: string;
    italics: string;
    bolditalics: string;
  }
  interface PdfmakeNode {
    virtualfs: PdfmakeVirtualFileSystem;
    setFonts(fonts: Record<string, PdfmakeFontFamily>): void;
    setUrlAccessPolicy(policy: (url: string) => boolean): void;
    setLocalAccessPolicy(policy: (path: string) => boolean): void;
    createPdf(definition: object, options?: object): PdfmakeOutputDocument;
  }
  const pdfmake: PdfmakeNode;
  export default pdfmake;
}
