#!/usr/bin/env node
// `npm start`: launch the desktop app. The electron package fetches its binary
// on first launch; where that cannot happen (no network, as on the CI
// machines), say so in one clear line and point to the browser build.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));

function binaryPresent() {
  const pathFile = join(electronDir, 'path.txt');
  return existsSync(pathFile) && existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8')));
}

function refuse(reason) {
  console.error(
    `Electron n'a pas pu être obtenu sur cette machine (${reason}) : lancez « npm run web » pour utiliser Guichet dans le navigateur.`,
  );
  process.exit(1);
}

if (!binaryPresent() && !process.env.ELECTRON_OVERRIDE_DIST_PATH) {
  console.log('Premier lancement : téléchargement d’Electron…');
  // Quietly: the downloader's stack trace would bury the one line that matters.
  const download = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'pipe', encoding: 'utf8' });
  if (download.status !== 0 || !binaryPresent()) refuse('téléchargement impossible, pas de réseau ?');
}

const electronPath = require('electron');
const child = spawn(electronPath, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
