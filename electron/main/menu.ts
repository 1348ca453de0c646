import type { MenuItemConstructorOptions } from 'electron';
import type { Language } from '../common/api';

/**
 * The application menu, in French (English when the app is in English). Every
 * item carries its own label: Electron would otherwise name the role items in
 * the operating system's language, not the app's.
 */

const LABELS = {
  fr: {
    file: '&Fichier',
    quit: 'Quitter Guichet',
    edit: '&Édition',
    undo: 'Annuler',
    redo: 'Rétablir',
    cut: 'Couper',
    copy: 'Copier',
    paste: 'Coller',
    selectAll: 'Tout sélectionner',
    view: '&Affichage',
    zoomIn: 'Zoom avant',
    zoomOut: 'Zoom arrière',
    resetZoom: 'Taille réelle',
    fullscreen: 'Plein écran',
    reload: 'Recharger',
    devTools: 'Outils de développement',
    window: 'Fe&nêtre',
    minimize: 'Réduire',
    close: 'Fermer la fenêtre',
    help: 'Ai&de',
    servicePublic: 'Service-Public.fr',
    about: 'À propos de Guichet',
  },
  en: {
    file: '&File',
    quit: 'Quit Guichet',
    edit: '&Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select all',
    view: '&View',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    resetZoom: 'Actual size',
    fullscreen: 'Full screen',
    reload: 'Reload',
    devTools: 'Developer tools',
    window: '&Window',
    minimize: 'Minimise',
    close: 'Close window',
    help: '&Help',
    servicePublic: 'Service-Public.fr',
    about: 'About Guichet',
  },
} as const satisfies Record<Language, Record<string, string>>;

export const SERVICE_PUBLIC_URL = 'https://www.service-public.fr/';

export interface MenuActions {
  openExternal(url: string): void;
  showAbout(): void;
}

export function menuTemplate(language: Language, options: { developer: boolean }, actions: MenuActions): MenuItemConstructorOptions[] {
  const t = LABELS[language];
  const view: MenuItemConstructorOptions[] = [
    { role: 'zoomIn', label: t.zoomIn, accelerator: 'CommandOrControl+=' },
    { role: 'zoomOut', label: t.zoomOut },
    { role: 'resetZoom', label: t.resetZoom },
    { type: 'separator' },
    { role: 'togglefullscreen', label: t.fullscreen },
  ];
  if (options.developer) {
    view.push({ type: 'separator' }, { role: 'reload', label: t.reload }, { role: 'toggleDevTools', label: t.devTools });
  }
  return [
    { label: t.file, submenu: [{ role: 'quit', label: t.quit }] },
    {
      label: t.edit,
      submenu: [
        { role: 'undo', label: t.undo },
        { role: 'redo', label: t.redo },
        { type: 'separator' },
        { role: 'cut', label: t.cut },
        { role: 'copy', label: t.copy },
        { role: 'paste', label: t.paste },
        { role: 'selectAll', label: t.selectAll },
      ],
    },
    { label: t.view, submenu: view },
    {
      label: t.window,
      submenu: [
        { role: 'minimize', label: t.minimize },
        { role: 'close', label: t.close },
      ],
    },
    {
      label: t.help,
      submenu: [
        { label: t.servicePublic, click: () => actions.openExternal(SERVICE_PUBLIC_URL) },
        { type: 'separator' },
        { label: t.about, click: () => actions.showAbout() },
      ],
    },
  ];
}

export function aboutText(
  language: Language,
  info: { version: string; electron?: string; chrome?: string },
): { title: string; message: string; detail: string } {
  return language === 'en'
    ? {
        title: 'About Guichet',
        message: `Guichet ${info.version}`,
        detail: `Residents' requests for small town halls.\nElectron ${info.electron ?? '?'} · Chromium ${info.chrome ?? '?'}`,
      }
    : {
        title: 'À propos de Guichet',
        message: `Guichet ${info.version}`,
        detail: `Les demandes des usagers, pour les petites mairies.\nElectron ${info.electron ?? '?'} · Chromium ${info.chrome ?? '?'}`,
      };
}
