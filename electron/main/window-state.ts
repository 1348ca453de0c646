import { promises as nodeFs } from 'node:fs';
import { atomicWriteFile } from './atomic-write';

/**
 * The window opens where and as big as it was left, but always on a screen
 * that is there now (a laptop taken away from its second monitor must not
 * open its window off-screen).
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1280, height: 800 };
export const MIN_SIZE = { width: 900, height: 600 };

const isFiniteInt = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < 100_000;

export function parseWindowState(raw: unknown): WindowState | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const value = raw as { bounds?: Record<string, unknown>; maximized?: unknown };
  const b = value.bounds;
  if (!b || !isFiniteInt(b.x) || !isFiniteInt(b.y) || !isFiniteInt(b.width) || !isFiniteInt(b.height)) return null;
  return {
    bounds: { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) },
    maximized: value.maximized === true,
  };
}

function intersection(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Bounds to open the window with: the saved ones if enough of the window
 * (its title bar and a third of its area) lies on one of today's work areas,
 * shrunk to fit that screen; otherwise the default size centred on the primary
 * screen.
 */
export function restoreWindowState(saved: WindowState | null, workAreas: Rect[], primary: Rect): WindowState {
  const centred = (size: { width: number; height: number }, area: Rect): Rect => {
    const width = Math.min(size.width, area.width);
    const height = Math.min(size.height, area.height);
    return {
      x: Math.round(area.x + (area.width - width) / 2),
      y: Math.round(area.y + (area.height - height) / 2),
      width,
      height,
    };
  };
  if (!saved) return { bounds: centred(DEFAULT_SIZE, primary), maximized: false };

  const b = saved.bounds;
  const width = Math.max(MIN_SIZE.width, b.width);
  const height = Math.max(MIN_SIZE.height, b.height);
  const wanted: Rect = { x: b.x, y: b.y, width, height };
  const titleBar: Rect = { x: b.x, y: b.y, width, height: 32 };

  let best: Rect | null = null;
  let bestOverlap = 0;
  for (const area of workAreas) {
    const overlap = intersection(wanted, area);
    if (overlap > bestOverlap && intersection(titleBar, area) >= 32 * Math.min(width, 100)) {
      best = area;
      bestOverlap = overlap;
    }
  }
  if (!best || bestOverlap < (width * height) / 3) {
    return { bounds: centred({ width, height }, primary), maximized: saved.maximized };
  }
  // Fit within that screen.
  const w = Math.min(width, best.width);
  const h = Math.min(height, best.height);
  const x = Math.min(Math.max(b.x, best.x), best.x + best.width - w);
  const y = Math.min(Math.max(b.y, best.y), best.y + best.height - h);
  return { bounds: { x, y, width: w, height: h }, maximized: saved.maximized };
}

export async function loadWindowState(file: string, fs: Pick<typeof nodeFs, 'readFile'> = nodeFs): Promise<WindowState | null> {
  try {
    return parseWindowState(JSON.parse(await fs.readFile(file, 'utf8')));
  } catch {
    return null;
  }
}

export interface TrackableWindow {
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isMinimized(): boolean;
  isDestroyed(): boolean;
}

/** Saves the state (debounced while moving, at once on close). */
export function trackWindowState(
  win: TrackableWindow,
  save: (state: WindowState) => Promise<void> | void,
  options: { debounceMs?: number; setTimeout?: typeof setTimeout; clearTimeout?: typeof clearTimeout } = {},
): void {
  const set = options.setTimeout ?? setTimeout;
  const clear = options.clearTimeout ?? clearTimeout;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const snapshot = () => {
    if (win.isDestroyed() || win.isMinimized()) return;
    void Promise.resolve(save({ bounds: win.getNormalBounds(), maximized: win.isMaximized() })).catch(() => undefined);
  };
  const schedule = () => {
    if (timer) clear(timer);
    timer = set(() => {
      timer = null;
      snapshot();
    }, options.debounceMs ?? 500);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(event, schedule);
  win.on('close', () => {
    if (timer) clear(timer);
    snapshot();
  });
}

export function windowStateSaver(file: string, fs?: NonNullable<Parameters<typeof atomicWriteFile>[2]>['fs']) {
  return (state: WindowState) => atomicWriteFile(file, new TextEncoder().encode(JSON.stringify(state)), { fs });
}
