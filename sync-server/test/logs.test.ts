/**
 * Logs are structured and never carry personal data: no bodies, no names, no
 * tokens, no enrollment codes, no IP addresses (quality.md, security; the issue).
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Api,
  addCommune,
  changed,
  created,
  enrollmentCode,
  makeDoc,
  openTestStorage,
  startServer,
  type TestServer,
  type TestStorage,
} from './harness';

class Capture extends Writable {
  lines: string[] = [];

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
}

describe('logs', () => {
  let storage: TestStorage;
  let server: TestServer;
  const capture = new Capture();

  beforeAll(async () => {
    storage = await openTestStorage('pglite');
    server = await startServer(storage, { logger: { level: 'debug', stream: capture } });
  });

  afterAll(async () => {
    await server?.close();
    await storage?.close();
  });

  it('say what happened without any of the personal data that went through', async () => {
    const commune = await addCommune(storage, 'Logs');
    const code = await enrollmentCode(storage, commune.id);
    const anonymous = new Api(server.url, null);
    const enrolled = await anonymous.request<{ token: string }>('POST', '/api/v1/enroll', { code, deviceName: 'Poste de Mme SECRETNAME' });
    const api = new Api(server.url, enrolled.body.token);
    const doc = makeDoc('citizens', commune.id, { lastName: 'SECRETLASTNAME', phone: '06 SECRETPHONE' });
    await api.push('citizens', created(doc));
    const [pulled] = await api.pullAll('citizens');
    await api.push('citizens', [changed(pulled ?? doc, { notes: 'SECRETNOTE' })]);
    await api.push('citizens', [{ newDocumentState: { ...doc, lastName: 42, email: 'SECRETMAIL' }, assumedMasterState: null }]);
    await api.request('POST', '/api/v1/citizens/push', '[{"newDocumentState": {"lastName": "SECRETJSON"');
    await api.request('GET', '/api/v1/citizens/pull?checkpoint=SECRETQUERY');
    await new Api(server.url, 'SECRETTOKENSECRETTOKEN').request('GET', '/api/v1/citizens/pull');
    await new Promise((resolve) => setTimeout(resolve, 50));

    // The server's own listening address is not a client's.
    const text = capture.lines.filter((line) => !line.includes('Server listening')).join('\n');
    for (const secret of ['SECRET', enrolled.body.token, code, code.replace(/-/g, ''), '127.0.0.1']) expect(text).not.toContain(secret);
    const entries = capture.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.some((entry) => entry['msg'] === 'push' && entry['written'] === 1)).toBe(true);
    expect(entries.some((entry) => entry['errorCode'] === 'invalid_document')).toBe(true);
    expect(entries.some((entry) => entry['errorCode'] === 'invalid_json')).toBe(true);
    expect(entries.some((entry) => entry['errorCode'] === 'invalid_token')).toBe(true);
    expect(entries.some((entry) => typeof entry['deviceId'] === 'string')).toBe(true);
  });
});
