import { useTranslation } from 'react-i18next';
import { changeLanguage, LANGUAGES, type Language } from '../i18n';

const NAMES: Record<Language, string> = { fr: 'Français', en: 'English' };

/** The language of the interface on this computer. Each language is named in itself, so anyone can find theirs. */
export function LanguageSection() {
  const { t, i18n } = useTranslation();
  const current = i18n.language === 'en' ? 'en' : 'fr';
  return (
    <section className="panel" aria-labelledby="settings-language-title">
      <h2 id="settings-language-title">{t('settings.sections.langue')}</h2>
      <fieldset className="radios" aria-describedby="settings-language-hint">
        <legend>{t('settings.language.legend')}</legend>
        {LANGUAGES.map((language) => (
          <label key={language} lang={language}>
            <input
              type="radio"
              name="language"
              value={language}
              checked={current === language}
              onChange={() => void changeLanguage(language)}
            />
            {NAMES[language]}
          </label>
        ))}
      </fieldset>
      <p id="settings-language-hint" className="field__hint">
        {t('settings.language.hint')}
      </p>
    </section>
  );
}
