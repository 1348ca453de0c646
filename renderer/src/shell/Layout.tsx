import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../session/AppContext';
import { navigate, routeHref, type Route } from '../session/router';

const NAV: Array<{ route: Route; label: string }> = [
  { route: { name: 'today' }, label: 'nav.today' },
  { route: { name: 'intake' }, label: 'nav.intake' },
  { route: { name: 'requests' }, label: 'nav.requests' },
  { route: { name: 'citizens' }, label: 'nav.citizens' },
  { route: { name: 'stats' }, label: 'nav.stats' },
  { route: { name: 'assisted' }, label: 'assisted.nav' },
  { route: { name: 'settings', section: 'commune' }, label: 'nav.settings' },
  { route: { name: 'council' }, label: 'council.nav' },
];

function isCurrent(item: Route, current: Route): boolean {
  if (item.name === 'requests') return current.name === 'requests' || current.name === 'request';
  if (item.name === 'citizens') return current.name === 'citizens' || current.name === 'citizen';
  return item.name === current.name;
}

/** True when the key press happens while typing, where single-letter shortcuts must not fire. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * One key starts a new request: "n" anywhere but in a field, Alt+N even
 * while typing (domain.md: the secretary is fast with the keyboard).
 */
function useNewRequestShortcut() {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey) return;
      const plainN = event.key === 'n' && !event.altKey && !isTyping(event.target);
      const altN = event.altKey && (event.key === 'n' || event.code === 'KeyN');
      if (plainN || altN) {
        event.preventDefault();
        navigate({ name: 'intake' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

export function Layout({ route, status, children }: { route: Route; status?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  const { settings, currentUser, setCurrentUser } = useApp();
  useNewRequestShortcut();
  const activeUsers = settings.users.filter((user) => user.active);
  return (
    <div className="layout">
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <header className="topbar">
        <div className="topbar__brand">
          <span className="topbar__app">Guichet</span>
          <span className="topbar__commune">{settings.name}</span>
        </div>
        <nav aria-label={t('nav.label')} className="topbar__nav">
          <ul>
            {NAV.map((item) => (
              <li key={item.label}>
                <a href={routeHref(item.route)} aria-current={isCurrent(item.route, route) ? 'page' : undefined}>
                  {t(item.label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="topbar__side">
          {status}
          <label className="topbar__user">
            <span>{t('session.atKeyboard')}</span>
            <select value={currentUser.id} onChange={(event) => void setCurrentUser(event.target.value)}>
              {activeUsers.map((user) => (
                <option key={user.id} value={user.id}>
                  {user.name} ({t(`roles.${user.role}`)})
                </option>
              ))}
            </select>
          </label>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="main">
        {children}
      </main>
    </div>
  );
}
