/**
 * The little of pouchdb-browser the sync benchmark uses (bench/harness/sync.ts):
 * a local database in IndexedDB, replicated one way from a remote one.
 * Declared here rather than pulling in @types/pouchdb-*, for four calls.
 */
declare module 'pouchdb-browser' {
  interface ReplicationResult {
    ok: boolean;
    docs_read: number;
    docs_written: number;
  }

  interface Replication extends Promise<ReplicationResult> {
    cancel(): void;
  }

  interface DatabaseInfo {
    doc_count: number;
  }

  class PouchDB {
    constructor(name: string);
    readonly replicate: { from(remote: string): Replication };
    info(): Promise<DatabaseInfo>;
    destroy(): Promise<unknown>;
  }

  export default PouchDB;
}
