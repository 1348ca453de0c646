/**
 * The live streams this process holds, by device: to cap them per device, to
 * end them at shutdown, and to close those of a device that may no longer
 * connect.
 *
 * A device is authenticated when its stream opens; a stream lasts for hours.
 * Revoking a device (or its token expiring) must still cut it off, whichever
 * process the revocation ran in (the admin CLI on PostgreSQL writes the
 * database directly): so every few seconds the devices with open streams are
 * looked up again, in one query.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Storage } from './storage';
import { devicesNoLongerValid } from './storage/tenants';

export interface StreamHandle {
  end(): void;
}

export class OpenStreams {
  private readonly byDevice = new Map<string, Set<StreamHandle>>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly storage: Storage,
    private readonly now: () => Date,
    private readonly log: FastifyBaseLogger,
  ) {}

  count(deviceId: string): number {
    return this.byDevice.get(deviceId)?.size ?? 0;
  }

  add(deviceId: string, handle: StreamHandle): () => void {
    const set = this.byDevice.get(deviceId) ?? new Set<StreamHandle>();
    set.add(handle);
    this.byDevice.set(deviceId, set);
    return () => {
      set.delete(handle);
      if (set.size === 0 && this.byDevice.get(deviceId) === set) this.byDevice.delete(deviceId);
    };
  }

  /** Ends every stream of this device now (revoked here, or found revoked by the watch). */
  endDevice(deviceId: string): number {
    const set = this.byDevice.get(deviceId);
    if (!set) return 0;
    for (const handle of [...set]) handle.end();
    this.byDevice.delete(deviceId);
    return set.size;
  }

  endAll(): void {
    for (const deviceId of [...this.byDevice.keys()]) this.endDevice(deviceId);
  }

  /** Looks the devices with open streams up every `intervalMs`, and ends the streams of those revoked or expired. */
  watch(intervalMs: number): void {
    this.timer = setInterval(() => void this.sweep(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<void> {
    const devices = [...this.byDevice.keys()];
    try {
      for (const deviceId of await devicesNoLongerValid(this.storage.db, devices, this.now())) {
        this.log.info({ deviceId, streams: this.endDevice(deviceId) }, 'streams of a revoked or expired device closed');
      }
    } catch (error) {
      // The database away for a moment: the next sweep tries again; the streams' own requests fail meanwhile.
      this.log.warn({ errName: (error as Error).name }, 'device check of open streams failed');
    }
  }
}
