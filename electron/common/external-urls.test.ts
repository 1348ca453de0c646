import { describe, expect, it } from 'vitest';
import procedureCatalogue from '../../resources/catalogue/procedures.json';
import { ALLOWED_EXTERNAL_DOMAINS, allowedExternalUrl, isAllowedExternalUrl } from './external-urls';

describe('the assisted-procedure catalogue and the allow-list', () => {
  it.each((procedureCatalogue as Array<{ code: string; url: string }>).map((entry) => [entry.code, entry.url]))(
    '%s: its address %s opens outside the app (add its site to ALLOWED_EXTERNAL_DOMAINS otherwise)',
    (_code, url) => {
      expect(allowedExternalUrl(url)).toBe(new URL(url).href);
    },
  );
});

describe('openExternal allow-list (quality.md, security 1)', () => {
  it.each([
    'https://www.service-public.fr/particuliers/vosdroits/N358',
    'https://service-public.fr/',
    'https://entreprendre.service-public.fr/vosdroits/F23570',
    'https://moncompte.ants.gouv.fr/',
    'https://passeport.ants.gouv.fr/demarches-en-ligne',
    'https://www.impots.gouv.fr/accueil',
    'https://app.franceconnect.gouv.fr/',
    'https://www.demarches-simplifiees.fr/commencer/xyz',
    'https://elections.interieur.gouv.fr/',
    'https://WWW.SERVICE-PUBLIC.FR/x?y=1#z',
  ])('opens %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    ['plain http', 'http://www.service-public.fr/'],
    ['a lookalike suffix', 'https://service-public.fr.evil.com/'],
    ['a lookalike prefix', 'https://evilservice-public.fr/'],
    ['a lookalike with a dash', 'https://service-public-fr.com/'],
    ['credentials', 'https://user:pass@www.service-public.fr/'],
    ['a user name only', 'https://attacker@www.service-public.fr/'],
    ['credentials disguising the host', 'https://www.service-public.fr@evil.com/'],
    ['a non-default port', 'https://www.service-public.fr:8443/'],
    ['a trailing dot', 'https://www.service-public.fr./'],
    ['a homoglyph (Cyrillic e)', 'https://www.s\u0435rvice-public.fr/'],
    ['another gouv.fr site not listed', 'https://www.evil.gouv.fr/'],
    ['the parent of a listed subdomain', 'https://interieur.gouv.fr/'],
    ['javascript:', 'javascript:alert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['the app itself', 'app://guichet/index.html'],
    ['a backslash trick', 'https://evil.com\\@www.service-public.fr/'],
    ['whitespace', ' https://www.service-public.fr/'],
    ['a newline', 'https://www.service-public.fr/\n'],
    ['an IP address', 'https://192.0.2.1/'],
    ['not a URL', 'service-public.fr'],
    ['too long', `https://www.service-public.fr/${'a'.repeat(3000)}`],
  ])('refuses %s', (_label, url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it('refuses what is not a string', () => {
    for (const value of [undefined, null, 42, {}, ['https://www.service-public.fr/'], new URL('https://www.service-public.fr/')]) {
      expect(isAllowedExternalUrl(value)).toBe(false);
    }
  });

  it('returns the normalised address it allows', () => {
    expect(allowedExternalUrl('https://WWW.Service-Public.fr/démarche')).toBe('https://www.service-public.fr/d%C3%A9marche');
  });

  it('keeps one frozen list of registrable domains, no scheme, no wildcard', () => {
    expect(Object.isFrozen(ALLOWED_EXTERNAL_DOMAINS)).toBe(true);
    for (const domain of ALLOWED_EXTERNAL_DOMAINS) {
      expect(domain).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    }
    expect(ALLOWED_EXTERNAL_DOMAINS).toContain('service-public.fr');
    // A top-level or public suffix here would allow half the internet.
    expect(ALLOWED_EXTERNAL_DOMAINS).not.toContain('gouv.fr');
    expect(ALLOWED_EXTERNAL_DOMAINS).not.toContain('fr');
  });
});
