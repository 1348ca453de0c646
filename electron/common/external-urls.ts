/**
 * The only addresses Guichet hands to the system browser (desktop:
 * shell.openExternal; browser build: window.open with noopener). One list,
 * shared by both builds; no Electron import, so the renderer can use it too.
 *
 * Each entry is a registrable domain: the domain itself and its subdomains are
 * allowed (www.service-public.fr, moncompte.ants.gouv.fr), nothing else.
 * Add here every official site the assisted-procedure catalogue names.
 */
export const ALLOWED_EXTERNAL_DOMAINS: readonly string[] = Object.freeze([
  // Le site officiel de l'administration française (fiches, démarches, annuaire).
  'service-public.fr',
  // Titres : carte d'identité, passeport, permis de conduire, carte grise.
  'ants.gouv.fr',
  // Impôts : espace particulier.
  'impots.gouv.fr',
  // Identification pour les démarches en ligne.
  'franceconnect.gouv.fr',
  // Démarches numériques des administrations (formulaires en ligne).
  'demarches-simplifiees.fr',
  'demarche.numerique.gouv.fr',
  // Listes électorales, résultats.
  'elections.interieur.gouv.fr',
  // Procurations de vote en ligne.
  'maprocuration.gouv.fr',
  // Textes de loi cités dans les accusés de réception et les courriers.
  'legifrance.gouv.fr',
  // Démarches sociales souvent faites au guichet avec l'usager.
  'ameli.fr',
  'caf.fr',
  'francetravail.fr',
  'info-retraite.fr',
  'mesdroitssociaux.gouv.fr',
]);

const MAX_URL_LENGTH = 2048;

/**
 * The normalised address when it may be opened outside the app, null when not:
 * https only, default port, no user name or password, a host that is one of
 * the allowed domains or a subdomain of one (not "service-public.fr.evil.com",
 * not "evilservice-public.fr").
 */
export function allowedExternalUrl(input: unknown, domains: readonly string[] = ALLOWED_EXTERNAL_DOMAINS): string | null {
  if (typeof input !== 'string' || input.length === 0 || input.length > MAX_URL_LENGTH) return null;
  // Control characters and spaces are stripped by the URL parser; an address
  // that needs them is not one we mean to open.
  if (/[\u0000-\u0020\u007f\\]/.test(input)) return null;
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '') return null;
  if (url.port !== '') return null;
  const host = url.hostname; // lower-cased and punycoded by the parser
  if (!isAllowedHost(host, domains)) return null;
  return url.href;
}

export function isAllowedExternalUrl(input: unknown, domains: readonly string[] = ALLOWED_EXTERNAL_DOMAINS): boolean {
  return allowedExternalUrl(input, domains) !== null;
}

function isAllowedHost(host: string, domains: readonly string[]): boolean {
  if (host.length === 0 || host.endsWith('.')) return false;
  return domains.some((domain) => host === domain || host.endsWith(`.${domain}`));
}
