import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { App } from './shell/App';
import { StartupError } from './shell/StartupError';
import { openDatabase } from './db/database';
import { initAppI18n } from './shell/strings';
import './styles.css';

const DATABASE_NAME = 'guichet';

async function start() {
  await initAppI18n();
  const root = createRoot(document.getElementById('root')!);
  try {
    const db = await openDatabase({ name: DATABASE_NAME, storage: getRxStorageDexie() });
    root.render(
      <StrictMode>
        <App db={db} />
      </StrictMode>,
    );
  } catch (error) {
    root.render(<StartupError error={error} />);
  }
}

void start();
