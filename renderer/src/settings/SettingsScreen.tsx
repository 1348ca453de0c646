import { useTranslation } from 'react-i18next';
import { routeHref } from '../session/router';
import { CategoriesSection } from './CategoriesSection';
import { CommuneSection } from './CommuneSection';
import { LanguageSection } from './LanguageSection';
import { PeopleSection } from './PeopleSection';
import { TemplatesSection } from './TemplatesSection';
import { BackupSection } from '../backup';
import { SyncSection } from '../sync/SyncSection';
import { ProceduresSection } from '../assisted';

export const SETTINGS_SECTIONS = [
  'commune',
  'personnes',
  'categories',
  'modeles',
  'demarches',
  'sauvegardes',
  'synchronisation',
  'langue',
] as const;
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number];

function isSection(value: string): value is SettingsSection {
  return (SETTINGS_SECTIONS as readonly string[]).includes(value);
}

/** Réglages: one section at a time, chosen in a sub-navigation (`#/reglages/<section>`). */
export function SettingsScreen({ section }: { section: string }) {
  const { t } = useTranslation();
  const current: SettingsSection = isSection(section) ? section : 'commune';
  return (
    <div className="screen">
      <div className="screen__header">
        <h1>{t('settings.title')}</h1>
      </div>
      <nav aria-label={t('settings.sectionsLabel')}>
        <ul className="actions" style={{ listStyle: 'none', padding: 0, marginTop: 0, marginBottom: '1rem' }}>
          {SETTINGS_SECTIONS.map((name) => (
            <li key={name}>
              <a
                href={routeHref({ name: 'settings', section: name })}
                className={name === current ? 'button button--primary' : 'button'}
                aria-current={name === current ? 'page' : undefined}
              >
                {t(`settings.sections.${name}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {current === 'commune' ? <CommuneSection /> : null}
      {current === 'personnes' ? <PeopleSection /> : null}
      {current === 'categories' ? <CategoriesSection /> : null}
      {current === 'modeles' ? <TemplatesSection /> : null}
      {current === 'demarches' ? <ProceduresSection /> : null}
      {current === 'sauvegardes' ? <BackupSection /> : null}
      {current === 'synchronisation' ? <SyncSection /> : null}
      {current === 'langue' ? <LanguageSection /> : null}
    </div>
  );
}
