import nodePath from 'node:path';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SIZE, loadWindowState, parseWindowState, restoreWindowState, trackWindowState, windowStateSaver } from './window-state';

const laptop = { x: 0, y: 0, width: 1366, height: 728 };
const monitor = { x: 1366, y: 0, width: 1920, height: 1040 };

describe('window state', () => {
  it('opens at the default size, centred, the first time', () => {
    expect(restoreWindowState(null, [laptop], laptop)).toEqual({
      bounds: { x: 43, y: 0, width: DEFAULT_SIZE.width, height: 728 },
      maximized: false,
    });
  });

  it('restores the saved place when it is on a screen', () => {
    const saved = { bounds: { x: 1500, y: 100, width: 1200, height: 800 }, maximized: true };
    expect(restoreWindowState(saved, [laptop, monitor], laptop)).toEqual(saved);
  });

  it('brings the window back when its screen is gone', () => {
    const saved = { bounds: { x: 1500, y: 100, width: 1200, height: 800 }, maximized: false };
    const restored = restoreWindowState(saved, [laptop], laptop);
    expect(restored.bounds.x).toBeGreaterThanOrEqual(0);
    expect(restored.bounds.x + restored.bounds.width).toBeLessThanOrEqual(laptop.width);
    expect(restored.bounds.height).toBeLessThanOrEqual(laptop.height);
  });

  it('brings the title bar back on screen', () => {
    const saved = { bounds: { x: 100, y: -700, width: 1000, height: 760 }, maximized: false };
    const restored = restoreWindowState(saved, [laptop], laptop);
    expect(restored.bounds.y).toBeGreaterThanOrEqual(0);
  });

  it('shrinks a window bigger than its screen, and keeps a minimum size', () => {
    const big = restoreWindowState({ bounds: { x: 0, y: 0, width: 4000, height: 3000 }, maximized: false }, [laptop], laptop);
    expect(big.bounds).toEqual({ x: 0, y: 0, width: 1366, height: 728 });
    const tiny = restoreWindowState({ bounds: { x: 10, y: 10, width: 50, height: 20 }, maximized: false }, [monitor], monitor);
    expect(tiny.bounds.width).toBeGreaterThanOrEqual(900);
  });

  it('ignores a damaged file', async () => {
    expect(parseWindowState({ bounds: { x: 'a', y: 0, width: 1, height: 1 } })).toBeNull();
    expect(parseWindowState({ bounds: { x: 1e9, y: 0, width: 1, height: 1 } })).toBeNull();
    expect(parseWindowState(null)).toBeNull();
    const dir = await mkdtemp(nodePath.join(tmpdir(), 'guichet-ws-'));
    await writeFile(nodePath.join(dir, 'w.json'), '{not json');
    expect(await loadWindowState(nodePath.join(dir, 'w.json'))).toBeNull();
    expect(await loadWindowState(nodePath.join(dir, 'missing.json'))).toBeNull();
  });

  it('saves debounced while moving and at once on close, round-tripping through the file', async () => {
    const dir = await mkdtemp(nodePath.join(tmpdir(), 'guichet-ws-'));
    const file = nodePath.join(dir, 'window-state.json');
    const listeners = new Map<string, () => void>();
    const win = {
      on: (e: string, l: () => void) => listeners.set(e, l),
      getNormalBounds: () => ({ x: 10, y: 20, width: 1000, height: 700 }),
      isMaximized: () => true,
      isMinimized: () => false,
      isDestroyed: () => false,
    };
    const save = vi.fn(windowStateSaver(file));
    vi.useFakeTimers();
    trackWindowState(win, save, { debounceMs: 500 });
    listeners.get('move')!();
    listeners.get('resize')!();
    expect(save).not.toHaveBeenCalled();
    vi.advanceTimersByTime(500);
    expect(save).toHaveBeenCalledTimes(1);
    listeners.get('move')!();
    listeners.get('close')!();
    expect(save).toHaveBeenCalledTimes(2);
    vi.useRealTimers();
    await save.mock.results[1]!.value;
    expect(await loadWindowState(file)).toEqual({ bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: true });
  });
});
