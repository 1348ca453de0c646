import { describe, expect, it } from 'vitest';
import { checkSyncServerUrl, updatesFeedUrl } from './sync-server';

describe('sync server address', () => {
  it('accepts https, keeps a base path, drops the trailing slash', () => {
    expect(checkSyncServerUrl('https://sync.cc-val.fr/')).toEqual({
      ok: true,
      url: 'https://sync.cc-val.fr',
      origin: 'https://sync.cc-val.fr',
    });
    expect(checkSyncServerUrl('https://cc.example.fr/guichet/')).toMatchObject({
      ok: true,
      url: 'https://cc.example.fr/guichet',
      origin: 'https://cc.example.fr',
    });
  });

  it('accepts plain http on this computer only', () => {
    expect(checkSyncServerUrl('http://127.0.0.1:8787')).toMatchObject({ ok: true, origin: 'http://127.0.0.1:8787' });
    expect(checkSyncServerUrl('http://localhost:8787')).toMatchObject({ ok: true });
    expect(checkSyncServerUrl('http://sync.cc-val.fr')).toEqual({ ok: false, reason: 'not-https' });
    expect(checkSyncServerUrl('http://192.168.1.10:8787')).toEqual({ ok: false, reason: 'not-https' });
    expect(checkSyncServerUrl('http://127.0.0.1.evil.com')).toEqual({ ok: false, reason: 'not-https' });
  });

  it('refuses credentials, other schemes, queries and garbage', () => {
    expect(checkSyncServerUrl('https://u:p@sync.cc-val.fr')).toEqual({ ok: false, reason: 'credentials-in-url' });
    expect(checkSyncServerUrl('ftp://sync.cc-val.fr')).toEqual({ ok: false, reason: 'not-https' });
    expect(checkSyncServerUrl('javascript:alert(1)')).toEqual({ ok: false, reason: 'not-https' });
    expect(checkSyncServerUrl('https://sync.cc-val.fr/?x=1')).toEqual({ ok: false, reason: 'invalid-url' });
    expect(checkSyncServerUrl('pas une adresse')).toEqual({ ok: false, reason: 'invalid-url' });
    expect(checkSyncServerUrl(42)).toEqual({ ok: false, reason: 'invalid-url' });
  });

  it('puts the updates under /updates/', () => {
    expect(updatesFeedUrl('https://sync.cc-val.fr')).toBe('https://sync.cc-val.fr/updates/');
    expect(updatesFeedUrl('https://cc.example.fr/guichet/')).toBe('https://cc.example.fr/guichet/updates/');
  });
});
