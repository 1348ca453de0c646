/**
 * The shape of the interface's strings, French first. Each feature folder owns its strings
 * (`<feature>/strings.ts`, `{ fr, en }` with the same keys); the shell merges them under their own top-level
 * keys (shell/strings.ts), so that this layer below the features never imports one.
 */
export interface Strings {
  [key: string]: string | Strings;
}

export interface FeatureStrings {
  fr: Strings;
  en: Strings;
}

export interface Resources {
  fr: Strings;
  en: Strings;
}

/** Every feature's strings in one tree per language. */
export function mergeStrings(features: readonly FeatureStrings[]): Resources {
  const merge = (language: 'fr' | 'en'): Strings => Object.assign({}, ...features.map((feature) => feature[language])) as Strings;
  return { fr: merge('fr'), en: merge('en') };
}
