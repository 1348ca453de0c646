#!/usr/bin/env node
// `npm start`: launch the desktop app. The electron package fetches its binary
// on first launch; where that cannot happen (no network, as on the CI
// machines), say so in one clear line and point to the browser build.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let electronPath;
try {
  electronPath = require('electron');
} catch (error) {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  console.error(
    `Electron n'a pas pu être obtenu sur cette machine (${reason}) : lancez « npm run web » pour utiliser Guichet dans le navigateur.`,
  );
  process.exit(1);
}
const child = spawn(electronPath, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
