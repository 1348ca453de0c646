import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import catalogue from '../resources/catalogue/procedures.json';
import {
  checkSession,
  elapsedMinutes,
  findSecrets,
  followUpDateError,
  followUpsDue,
  hasSessionErrors,
  looksLikePassword,
  newSession,
  parseMinutes,
  procedureSteps,
  proceduresFromCatalogue,
  secretsInSession,
  sessionProgress,
  suggestedFollowUpDate,
  toggleStep,
  validateProcedureForm,
  type CatalogueProcedure,
  type ProcedureForm,
} from './assisted';
import { procedureSchema, toValidationSchema } from './schemas';
import { sampleDocuments } from './schemas/samples';

const procedure = sampleDocuments.procedures; // steps: compte, pre-demande (required), rendez-vous (optional)
const session = sampleDocuments.assistedsessions;
const entries = catalogue as CatalogueProcedure[];

describe('the procedure catalogue (resources/catalogue/procedures.json)', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(toValidationSchema(procedureSchema));
  const docs = proceduresFromCatalogue(entries, 'c1', '2026-01-01T00:00:00.000Z', (entry) => `proc-${entry.code}`);

  it('holds valid procedures, with unique codes and unique step ids within each', () => {
    for (const doc of docs) {
      expect(validate(doc), `${doc.code}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      expect(new Set(doc.steps.map((step) => step.id)).size, doc.code).toBe(doc.steps.length);
      expect(
        doc.steps.some((step) => step.required),
        doc.code,
      ).toBe(true);
      expect(doc.durationMinutes, doc.code).toBeGreaterThan(0);
    }
    expect(new Set(docs.map((doc) => doc.code)).size).toBe(docs.length);
  });

  it('covers the procedures residents most need help with (issue 5)', () => {
    const codes = docs.map((doc) => doc.code);
    for (const code of [
      'acte-etat-civil',
      'listes-electorales',
      'carte-identite',
      'passeport',
      'carte-grise',
      'declaration-revenus',
      'franceconnect',
      'badge-dechets',
      'cantine-scolaire',
    ]) {
      expect(codes).toContain(code);
    }
  });

  it('names only official https addresses', () => {
    for (const doc of docs) expect(new URL(doc.url).protocol, doc.code).toBe('https:');
  });

  it('holds no secret in any text it prints', () => {
    for (const entry of entries) {
      expect(
        findSecrets([entry.title, entry.summary, ...entry.documents, ...entry.steps.map((step) => step.label)].join('\n')),
        entry.code,
      ).toEqual([]);
    }
  });
});

describe('session progress', () => {
  it('counts the steps done and names the required ones missing', () => {
    expect(sessionProgress(procedure, [])).toMatchObject({ done: 0, total: 3, requiredDone: 0, requiredTotal: 2, percent: 0 });
    const progress = sessionProgress(procedure, ['pre-demande', 'rendez-vous']);
    expect(progress).toMatchObject({ done: 2, requiredDone: 1, percent: 67 });
    expect(progress.missingRequired.map((step) => step.id)).toEqual(['compte']);
  });

  it('ignores ticks of steps the procedure no longer has', () => {
    expect(sessionProgress(procedure, ['compte', 'removed'])).toMatchObject({ done: 1 });
  });

  it('ticks and unticks in the procedure’s order', () => {
    const ticked = toggleStep(procedure, ['rendez-vous'], 'compte', true);
    expect(ticked).toEqual(['compte', 'rendez-vous']);
    expect(toggleStep(procedure, ticked, 'compte', false)).toEqual(['rendez-vous']);
    expect(toggleStep(procedure, ticked, 'unknown', true)).toEqual(['compte', 'rendez-vous']);
  });
});

describe('time spent', () => {
  it('counts whole minutes, never negative', () => {
    expect(elapsedMinutes(0, 59_999)).toBe(0);
    expect(elapsedMinutes(0, 25 * 60_000 + 10)).toBe(25);
    expect(elapsedMinutes(10_000, 0)).toBe(0);
  });

  it('accepts whole minutes typed, up to a day', () => {
    expect(parseMinutes(' 35 ')).toEqual({ ok: true, minutes: 35 });
    expect(parseMinutes('12.5')).toEqual({ ok: false, error: 'assisted.errors.minutesInvalid' });
    expect(parseMinutes('-3')).toEqual({ ok: false, error: 'assisted.errors.minutesInvalid' });
    expect(parseMinutes('')).toEqual({ ok: false, error: 'assisted.errors.minutesInvalid' });
    expect(parseMinutes('1441')).toEqual({ ok: false, error: 'assisted.errors.minutesTooMany' });
  });
});

describe('follow-up date', () => {
  it('is offered a few working days later when the procedure is not done, and not at all when done', () => {
    // Thursday 12 March 2026 + 5 working days = Thursday 19 March
    expect(suggestedFollowUpDate('to_finish', '2026-03-12')).toBe('2026-03-19');
    expect(suggestedFollowUpDate('blocked', '2026-03-12')).toBe('2026-03-26');
    expect(suggestedFollowUpDate('done', '2026-03-12')).toBe('');
    // Easter Monday 2026 (6 April) is skipped
    expect(suggestedFollowUpDate('to_finish', '2026-03-30')).toBe('2026-04-07');
  });

  it('must be a working day, not before the session', () => {
    expect(followUpDateError('', '2026-03-12')).toBeUndefined();
    expect(followUpDateError('2026-03-19', '2026-03-12')).toBeUndefined();
    expect(followUpDateError('2026-03-11', '2026-03-12')).toBe('assisted.errors.followUpBeforeSession');
    expect(followUpDateError('2026-03-14', '2026-03-12')).toBe('assisted.errors.followUpNotWorkingDay');
    expect(followUpDateError('2026-05-01', '2026-03-12')).toBe('assisted.errors.followUpNotWorkingDay');
    expect(followUpDateError('2026-02-30', '2026-01-12')).toBe('assisted.errors.followUpInvalid');
  });
});

describe('follow-ups due', () => {
  const at = (outcome: 'done' | 'to_finish' | 'blocked', followUpDate: string, startedAt = '2026-03-02T09:00:00.000Z') => ({
    ...session,
    outcome,
    followUpDate,
    startedAt,
  });

  it('lists the sessions whose follow-up date is today or past and that are not done, oldest date first', () => {
    const sessions = [
      at('to_finish', '2026-03-19'),
      at('blocked', '2026-03-10', '2026-02-20T10:00:00.000Z'),
      at('to_finish', '2026-03-20'),
      at('done', '2026-03-09'),
      at('blocked', ''),
      at('to_finish', '2026-03-10', '2026-02-18T10:00:00.000Z'),
    ];
    const due = followUpsDue(sessions, '2026-03-19');
    expect(due.map((s) => [s.outcome, s.followUpDate, s.startedAt.slice(0, 10)])).toEqual([
      ['to_finish', '2026-03-10', '2026-02-18'],
      ['blocked', '2026-03-10', '2026-02-20'],
      ['to_finish', '2026-03-19', '2026-03-02'],
    ]);
  });

  it('lists nothing before the date comes', () => {
    expect(followUpsDue([at('to_finish', '2026-03-19')], '2026-03-18')).toEqual([]);
  });
});

describe('secrets (domain.md: helpers never keep a resident’s passwords)', () => {
  it('finds a password given with its label, and says which label', () => {
    expect(findSecrets('Mot de passe : Soleil2024')).toEqual([{ kind: 'password_word', clue: 'mot de passe …' }]);
    expect(findSecrets('mdp=chaton')[0]?.kind).toBe('password_word');
    expect(findSecrets('Le code PIN est 4821')[0]?.kind).toBe('password_word');
    expect(findSecrets('password: hunter22')[0]?.kind).toBe('password_word');
  });

  it('finds a word shaped like a password, a one-time code and a bank card, and never repeats the secret', () => {
    const found = findSecrets('Noté pour la prochaine fois : Tulipe#1948, code reçu par SMS : 482913, carte 4970 1012 3456 7893');
    expect(found.map((finding) => finding.kind).sort()).toEqual(['card_number', 'one_time_code', 'password_like']);
    const clues = found.map((finding) => finding.clue).join(' ');
    expect(clues).not.toContain('Tulipe#1948');
    expect(clues).not.toContain('482913');
    expect(clues).not.toContain('3456');
  });

  it('lets through what a follow-up sheet does say', () => {
    for (const text of [
      'L’usager a choisi son mot de passe lui-même et l’a noté chez lui.',
      'Numéro de pré-demande PD-2026-123456, référence 2026-A-0042, dossier n° 55460-12.',
      'Rendez-vous le 19/03/2026 à 10 h 30 à la mairie de Verdun.',
      'Écrire à helene.lefevre@example.fr ; voir https://passeport.ants.gouv.fr/.',
      'Code de cession remis par le vendeur',
      'Numéro fiscal 1234567890123',
    ]) {
      expect(findSecrets(text), text).toEqual([]);
    }
    expect(looksLikePassword('Saint-Aubin-sur-Meuse')).toBe(false);
    expect(looksLikePassword('P@ssw0rd!')).toBe(true);
  });

  it('checks every free-text field of a session', () => {
    expect(secretsInSession(session)).toEqual({});
    const found = secretsInSession({
      ...session,
      nextSteps: 'Se reconnecter (mdp : Bonjour!2026)',
      documentsNextTime: ['Carte Vitale', 'Code PIN : 1234'],
    });
    expect(Object.keys(found).sort()).toEqual(['documentsNextTime', 'nextSteps']);
  });
});

describe('outcome rules', () => {
  const base = { procedure, sessionDate: '2026-03-12', confirmedDone: false };

  it('accepts the sample session', () => {
    expect(checkSession({ ...base, session })).toEqual({});
  });

  it('needs a reason to be blocked', () => {
    const errors = checkSession({ ...base, session: { ...session, outcome: 'blocked', blockedReason: '  ' } });
    expect(errors).toEqual({ blockedReason: 'assisted.errors.blockedReasonRequired' });
    expect(
      checkSession({ ...base, session: { ...session, outcome: 'blocked', blockedReason: 'Pas de justificatif de domicile' } }),
    ).toEqual({});
  });

  it('needs every required step, or an explicit confirmation, to be done', () => {
    const done = { ...session, outcome: 'done' as const, stepsDone: ['compte'] };
    expect(checkSession({ ...base, session: done })).toEqual({ outcome: 'assisted.errors.requiredStepsMissing' });
    expect(checkSession({ ...base, session: done, confirmedDone: true })).toEqual({});
    // the optional appointment does not count
    expect(checkSession({ ...base, session: { ...done, stepsDone: ['compte', 'pre-demande'] } })).toEqual({});
  });

  it('refuses a secret, a bad follow-up date and a fractional time', () => {
    const errors = checkSession({
      ...base,
      session: { ...session, trackingCode: 'mdp: abc123', followUpDate: '2026-03-01', minutesSpent: 2.5 },
    });
    expect(errors).toEqual({
      trackingCode: 'assisted.errors.secret',
      followUpDate: 'assisted.errors.followUpBeforeSession',
      minutesSpent: 'assisted.errors.minutesInvalid',
    });
    expect(hasSessionErrors(errors)).toBe(true);
    expect(hasSessionErrors({})).toBe(false);
  });

  it('starts a session to be finished, nothing ticked, with the procedure’s title copied', () => {
    const started = newSession({
      id: 's1',
      communeId: 'c1',
      citizenId: 'b1',
      procedure,
      agent: { id: 'u1', name: 'Sylvie Martin' },
      trackingCode: 'K7MQ-4QX2',
      now: '2026-03-12T09:30:00.000Z',
    });
    expect(started).toMatchObject({
      outcome: 'to_finish',
      stepsDone: [],
      minutesSpent: 0,
      procedureTitle: procedure.title,
      followUpDate: '',
      agentName: 'Sylvie Martin',
    });
  });
});

describe('the procedure form of Réglages', () => {
  const form: ProcedureForm = {
    title: 'Chèque énergie',
    summary: '',
    url: 'https://www.service-public.fr/particuliers/vosdroits/F35579',
    durationMinutes: '15',
    steps: [
      { id: '', label: 'Se connecter', required: true },
      { id: '', label: 'Se connecter', required: false },
      { id: '', label: '  ', required: true },
    ],
    documents: 'Avis d’impôt\n\n  RIB ',
    active: true,
  };
  const allowed = (url: string) => new URL(url).hostname.endsWith('service-public.fr');

  it('accepts a complete procedure and gives each step a unique id', () => {
    expect(validateProcedureForm(form, allowed)).toEqual({});
    expect(procedureSteps(form)).toEqual([
      { id: 'se-connecter', label: 'Se connecter', required: true },
      { id: 'se-connecter-2', label: 'Se connecter', required: false },
    ]);
  });

  it('says what is wrong: title, address not https or not allowed, duration, steps', () => {
    expect(
      validateProcedureForm({ ...form, title: ' ', url: 'http://www.service-public.fr/', durationMinutes: '0', steps: [] }, allowed),
    ).toEqual({
      title: 'assisted.settings.errors.titleRequired',
      url: 'assisted.settings.errors.urlHttps',
      durationMinutes: 'assisted.settings.errors.durationInvalid',
      steps: 'assisted.settings.errors.stepsRequired',
    });
    expect(validateProcedureForm({ ...form, url: 'https://www.example.com/' }, allowed).url).toBe('assisted.settings.errors.urlNotAllowed');
  });
});
