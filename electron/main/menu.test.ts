import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { isAllowedExternalUrl } from '../common/external-urls';
import { aboutText, menuTemplate, SERVICE_PUBLIC_URL } from './menu';

const labels = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((i) => [...(i.label ? [i.label] : []), ...(Array.isArray(i.submenu) ? labels(i.submenu) : [])]);
const roles = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((i) => [...(i.role ? [i.role] : []), ...(Array.isArray(i.submenu) ? roles(i.submenu) : [])]);

describe('the menu', () => {
  const actions = { openExternal: vi.fn(), showAbout: vi.fn() };

  it('is in French by default, every item labelled (not left to the OS language)', () => {
    const menu = menuTemplate('fr', { developer: false }, actions);
    expect(menu.map((m) => m.label)).toEqual(['&Fichier', '&Édition', '&Affichage', 'Fe&nêtre', 'Ai&de']);
    expect(labels(menu)).toEqual(
      expect.arrayContaining(['Quitter Guichet', 'Copier', 'Coller', 'Tout sélectionner', 'À propos de Guichet']),
    );
    const walk = (items: MenuItemConstructorOptions[]) => {
      for (const item of items) {
        if (item.type !== 'separator') expect(item.label, JSON.stringify(item)).toBeTruthy();
        if (Array.isArray(item.submenu)) walk(item.submenu);
      }
    };
    walk(menu);
  });

  it('is in English when the app is', () => {
    const menu = menuTemplate('en', { developer: false }, actions);
    expect(menu.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Window', '&Help']);
    expect(aboutText('en', { version: '1.2.3' }).title).toBe('About Guichet');
    expect(aboutText('fr', { version: '1.2.3' }).message).toBe('Guichet 1.2.3');
  });

  it('offers no developer tools nor reload in the installed app', () => {
    expect(roles(menuTemplate('fr', { developer: false }, actions))).not.toEqual(expect.arrayContaining(['toggleDevTools']));
    expect(roles(menuTemplate('fr', { developer: false }, actions))).not.toContain('reload');
    expect(roles(menuTemplate('fr', { developer: true }, actions))).toContain('toggleDevTools');
  });

  it('links to an allow-listed site only', () => {
    expect(isAllowedExternalUrl(SERVICE_PUBLIC_URL)).toBe(true);
    const help = menuTemplate('fr', { developer: false }, actions).at(-1)!.submenu as MenuItemConstructorOptions[];
    (help[0]!.click as () => void)();
    expect(actions.openExternal).toHaveBeenCalledWith(SERVICE_PUBLIC_URL);
  });
});

describe('spell checker', () => {
  it('takes dictionaries from the sync server or nowhere, never from a CDN', async () => {
    const { dictionaryDownloadUrl, spellcheckLanguages } = await import('./spellcheck');
    expect(dictionaryDownloadUrl('https://sync.cc-val.fr')).toBe('https://sync.cc-val.fr/dictionaries/');
    expect(new URL(dictionaryDownloadUrl(null)).hostname).toBe('127.0.0.1');
    expect(spellcheckLanguages('fr')).toEqual(['fr']);
    expect(spellcheckLanguages('en')).toEqual(['en-GB']);
  });
});
