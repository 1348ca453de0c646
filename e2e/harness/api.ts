/** What the fault-test page (e2e/harness/main.ts) exposes on `window`, for e2e/faults.spec.ts. */
export interface FaultHarness {
  /**
   * Saves `count` requests through the intake's save, all queued at once and committed in turn, on the
   * commune the app set up in this profile. Each one is reported to the test through
   * `window.reportSaved(reference)` the moment its save resolves: when the UI would say « enregistrée ».
   */
  writeMany(count: number): Promise<void>;
  /** The references of every request in the app's database. */
  references(): Promise<string[]>;
  /** Writes `count` requests with the version-0 schema into the database `name` (an app from before the update). */
  seedVersion0(name: string, count: number): Promise<void>;
  /** Opens `name` as the app does (openDatabase), which migrates it; reports `window.reportMigrationStarted()` first. */
  openMigrating(name: string): Promise<{ requests: number; migrated: number }>;
}

declare global {
  interface Window {
    guichetFaults?: FaultHarness;
    reportSaved?: (reference: string) => Promise<void>;
    reportMigrationStarted?: () => Promise<void>;
  }
}
