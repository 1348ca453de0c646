/**
 * The few pdfmake 0.3 document-definition types the documents use, declared
 * here so that `domain/` needs no pdfmake at all (pdfmake 0.3 ships no
 * typings). A definition is a plain object; rendering it is the business of
 * `scripts/pdf-node.ts` (Node) and `renderer/src/documents/render.ts` (browser).
 * Reference: https://pdfmake.github.io/docs/0.3/
 */

export type Alignment = 'left' | 'right' | 'center' | 'justify';
export type Margins = number | [number, number] | [number, number, number, number];

export interface Style {
  font?: string;
  fontSize?: number;
  bold?: boolean;
  italics?: boolean;
  color?: string;
  fillColor?: string;
  alignment?: Alignment;
  lineHeight?: number;
  characterSpacing?: number;
  margin?: Margins;
  decoration?: 'underline' | 'lineThrough' | 'overline';
  noWrap?: boolean;
}

export interface ContentBase extends Style {
  style?: string | string[];
  width?: number | string;
  pageBreak?: 'before' | 'after';
  unbreakable?: boolean;
  /** `headlineLevel` and ids are not used; kept open for pdfmake's other keys */
  id?: string;
}

export interface ContentText extends ContentBase {
  text: string | Array<string | ContentText>;
}
export interface ContentStack extends ContentBase {
  stack: Content[];
}
export interface ContentColumns extends ContentBase {
  columns: Content[];
  columnGap?: number;
}
export interface ContentList extends ContentBase {
  ul?: Content[];
  ol?: Content[];
  markerColor?: string;
}
export interface ContentImage extends ContentBase {
  /** a key of `images`, or a data: URL */
  image: string;
  fit?: [number, number];
  height?: number;
}
export interface CanvasLine {
  type: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  lineWidth?: number;
  lineColor?: string;
}
export interface CanvasRect {
  type: 'rect';
  x: number;
  y: number;
  w: number;
  h: number;
  r?: number;
  lineWidth?: number;
  lineColor?: string;
  color?: string;
}
export interface ContentCanvas extends ContentBase {
  canvas: Array<CanvasLine | CanvasRect>;
}

export interface TableCellExtra {
  colSpan?: number;
  rowSpan?: number;
  border?: [boolean, boolean, boolean, boolean];
}
export type TableCell = (Content & TableCellExtra) | Record<string, never>;

export interface TableLayout {
  hLineWidth?: (i: number, node: { table: { body: unknown[][]; headerRows?: number } }) => number;
  vLineWidth?: (i: number, node: { table: { widths?: unknown[] } }) => number;
  hLineColor?: (i: number, node: { table: { body: unknown[][]; headerRows?: number } }) => string;
  vLineColor?: (i: number) => string;
  fillColor?: (rowIndex: number) => string | null;
  paddingLeft?: (i: number) => number;
  paddingRight?: (i: number) => number;
  paddingTop?: (i: number) => number;
  paddingBottom?: (i: number) => number;
}

export interface ContentTable extends ContentBase {
  table: {
    body: TableCell[][];
    widths?: Array<number | string>;
    headerRows?: number;
    dontBreakRows?: boolean;
    keepWithHeaderRows?: number;
  };
  layout?: string | TableLayout;
}

export type Content =
  | string
  | ContentText
  | ContentStack
  | ContentColumns
  | ContentList
  | ContentImage
  | ContentCanvas
  | ContentTable
  | Content[];

export type DynamicContent = (currentPage: number, pageCount: number) => Content;

export interface DocumentDefinition {
  pageSize?: 'A4' | 'A5';
  pageOrientation?: 'portrait' | 'landscape';
  /** left, top, right, bottom, in points (1 mm ≈ 2.835 pt) */
  pageMargins?: [number, number, number, number];
  info?: { title?: string; author?: string; subject?: string; keywords?: string; creator?: string; producer?: string };
  /** BCP 47 language of the text, e.g. `fr-FR` (read aloud by screen readers) */
  language?: string;
  /** show `info.title` rather than the file name in the viewer's title bar */
  displayTitle?: boolean;
  header?: Content | DynamicContent;
  footer?: Content | DynamicContent;
  content: Content;
  styles?: Record<string, Style>;
  defaultStyle?: Style;
  /** name → data: URL (PNG or JPEG); only data: URLs, the renderers refuse any other source */
  images?: Record<string, string>;
}

/** Millimetres to points. */
export function mm(millimetres: number): number {
  return (millimetres * 72) / 25.4;
}
