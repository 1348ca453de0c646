import { describe, expect, it } from 'vitest';
import type { AttachmentRef, CitizenDoc, RequestDoc } from './model';
import {
  deepEqual,
  mergeCitizens,
  mergeCitizenVersions,
  mergeDocuments,
  mergeRequest,
  mergeSettings,
  parseConflictText,
  summariseValue,
} from './merge';
import { sampleDocuments } from './schemas/samples';

const base: RequestDoc = sampleDocuments.requests;
const photo: AttachmentRef = {
  sha256: '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae',
  name: 'photo.jpg',
  mimeType: 'image/jpeg',
  size: 120_000,
  addedAt: '2026-03-13T08:00:00.000Z',
  addedBy: 'u-adjoint',
};
const scan: AttachmentRef = { ...photo, sha256: 'fcde2b2edba56bf408601fb721fe9b5c338d10ee429ea04fae5511b68fbf8fb9', name: 'scan.pdf' };

describe('deepEqual', () => {
  it('ignores key order and undefined keys, not array order', () => {
    expect(deepEqual({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true);
    expect(deepEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
    expect(deepEqual(null, {})).toBe(false);
    expect(deepEqual([], {})).toBe(false);
  });
});

describe('mergeRequest', () => {
  it('keeps changes to different fields from both sides', () => {
    const local = { ...base, subject: 'Lampadaire cassé rue Saint-Éloi' };
    const remote = { ...base, assigneeId: 'u-adjoint', updatedAt: '2026-03-13T09:00:00.000Z' };
    const result = mergeRequest(base, local, remote);
    expect(result.merged).toEqual({
      ...base,
      subject: 'Lampadaire cassé rue Saint-Éloi',
      assigneeId: 'u-adjoint',
      updatedAt: '2026-03-13T09:00:00.000Z',
    });
    expect(result.conflicts).toEqual([]);
    expect(result.conflictEvent).toBeNull();
  });

  it('keeps the remote value when both changed a field, and journals the local one', () => {
    const local = { ...base, subject: 'Lampadaire cassé' };
    const remote = { ...base, subject: 'Éclairage en panne' };
    const result = mergeRequest(base, local, remote);
    expect(result.merged.subject).toBe('Éclairage en panne');
    expect(result.conflicts).toEqual([{ field: 'subject', lostValue: 'Lampadaire cassé', keptValue: result.merged.subject }]);
    expect(result.conflictEvent).toEqual({
      type: 'conflict',
      fields: ['subject'],
      text: `subject : « Lampadaire cassé » → « ${result.merged.subject} »`,
    });
  });

  it('does not depend on which side has the later clock', () => {
    const local = { ...base, dueAt: '2026-04-30', updatedAt: '2026-03-14T09:00:00.000Z' };
    const remote = { ...base, dueAt: '2026-04-02', updatedAt: '2026-03-13T09:00:00.000Z' };
    expect(mergeRequest(base, local, remote).merged.dueAt).toBe('2026-04-02');
  });

  it('compares nested objects as whole values', () => {
    const local = { ...base, flags: { needsMayor: true, sensitive: false } };
    const remote = { ...base, flags: { sensitive: false, needsMayor: false } }; // same as base, keys reordered
    const result = mergeRequest(base, local, remote);
    expect(result.merged.flags).toEqual({ needsMayor: true, sensitive: false });
    expect(result.conflicts).toEqual([]);
  });

  it('reports a lost answer by its text', () => {
    const answer = {
      text: 'Réparation prévue le 20 mars.',
      kind: 'final' as const,
      templateId: null,
      answeredAt: '2026-03-13T10:00:00.000Z',
      by: 'u1',
      approvedBy: null,
      approvedAt: null,
    };
    const local = { ...base, answer };
    const remote = { ...base, answer: { ...answer, text: 'Transmis aux services techniques.', by: 'u2' } };
    const result = mergeRequest(base, local, remote);
    expect(result.merged.answer?.by).toBe('u2');
    expect(result.conflicts).toEqual([
      { field: 'answer', lostValue: 'Réparation prévue le 20 mars.', keptValue: 'Transmis aux services techniques.' },
    ]);
  });

  it('moves status and its reason together', () => {
    const local = { ...base, status: 'rejected' as const, statusReason: 'Hors compétence' };
    const remote = { ...base, status: 'waiting_citizen' as const, statusReason: 'Photo demandée' };
    const result = mergeRequest(base, local, remote);
    expect(result.merged).toMatchObject({ status: 'waiting_citizen', statusReason: 'Photo demandée' });
    expect(result.conflictEvent?.fields).toEqual(['status', 'statusReason']);

    const onlyLocal = mergeRequest(base, local, { ...base, description: 'Précision' });
    expect(onlyLocal.merged).toMatchObject({ status: 'rejected', statusReason: 'Hors compétence', description: 'Précision' });
  });

  it('unites attachments added on both sides, never losing a file', () => {
    const local = { ...base, attachments: [...base.attachments, photo] };
    const remote = { ...base, attachments: [...base.attachments, scan] };
    const result = mergeRequest(base, local, remote);
    expect(result.merged.attachments.map((attachment) => attachment.name)).toEqual(['courrier.pdf', 'scan.pdf', 'photo.jpg']);
    expect(result.conflicts).toEqual([]);
  });

  it('lets a removal through when the other side did not touch the attachments', () => {
    const local = { ...base, attachments: [] };
    expect(mergeRequest(base, local, { ...base, subject: 'x' }).merged.attachments).toEqual([]);
  });

  it('does not report derived fields', () => {
    const local = { ...base, searchText: 'a', updatedAt: '2026-03-14T00:00:00.000Z' };
    const remote = { ...base, searchText: 'b', updatedAt: '2026-03-15T00:00:00.000Z' };
    const result = mergeRequest(base, local, remote);
    expect(result.merged.searchText).toBe('b');
    expect(result.conflicts).toEqual([]);
  });

  it('treats every difference as a conflict when there is no common base', () => {
    const local = { ...base, subject: 'A', attachments: [photo] };
    const remote = { ...base, subject: 'B' };
    const result = mergeRequest(null, local, remote);
    expect(result.merged.subject).toBe('B');
    expect(result.merged.attachments).toEqual([...base.attachments, photo]);
    expect(result.conflictEvent?.fields).toEqual(['subject']);
  });

  it('converges: merging is the same whichever device resolves it', () => {
    const local = { ...base, subject: 'A', description: 'local' };
    const remote = { ...base, subject: 'B', assigneeId: 'u9' };
    const once = mergeRequest(base, local, remote).merged;
    // the merged document pushed again over the remote changes nothing more
    expect(mergeRequest(remote, once, remote).merged).toEqual(once);
    expect(mergeRequest(remote, once, once).conflicts).toEqual([]);
  });
});

describe('mergeDocuments on other collections', () => {
  it('merges settings field by field', () => {
    const settings = sampleDocuments.settings;
    const result = mergeDocuments(settings, { ...settings, phone: '03 83 11 11 11' }, { ...settings, openingHours: 'Mardi 14 h – 18 h' });
    expect(result.merged).toMatchObject({ phone: '03 83 11 11 11', openingHours: 'Mardi 14 h – 18 h' });
  });

  it('recomputes a resident’s lookup fields after merging names', () => {
    const citizen = sampleDocuments.citizens;
    const local = { ...citizen, firstName: 'Hélèna', searchName: 'lefevre helena' };
    const remote = { ...citizen, lastName: 'Lefèvre-Martin', searchName: 'lefevre martin helene' };
    const result = mergeCitizenVersions(citizen, local, remote);
    expect(result.merged.searchName).toBe('lefevre martin helena');
    expect(result.conflicts).toEqual([]);
  });
});

describe('mergeSettings', () => {
  it('unites the people of both sides and lets the server’s identity win', () => {
    const base = null;
    const secretary = { id: 'u-1', name: 'Martine Collin', role: 'secretary' as const, active: true };
    const mayor = { id: 'u-2', name: 'Paul Girard', role: 'mayor' as const, active: true };
    const remote = { ...sampleDocuments.settings, name: 'Saint-Aubin', users: [secretary] };
    const local = { ...sampleDocuments.settings, name: 'St-Aubin', users: [mayor, { ...secretary, name: 'M. Collin' }] };
    const result = mergeSettings(base, local, remote);
    expect(result.merged.users).toEqual([secretary, mayor]);
    expect(result.merged.name).toBe('Saint-Aubin');
    expect(result.conflicts.map((conflict) => conflict.field)).toEqual(['name']);
  });
});

describe('parseConflictText', () => {
  it('reads back each field, the value set aside and the value kept', () => {
    expect(parseConflictText('status : « rejected » → « in_progress » ; statusReason : « Doublon ; vu » → « ∅ »')).toEqual([
      { field: 'status', lost: 'rejected', kept: 'in_progress' },
      { field: 'statusReason', lost: 'Doublon ; vu', kept: '∅' },
    ]);
  });

  it('reads lines journaled without the kept value, and refuses anything else', () => {
    expect(parseConflictText('subject : « Lampadaire cassé »')).toEqual([{ field: 'subject', lost: 'Lampadaire cassé', kept: null }]);
    expect(parseConflictText('texte libre')).toBeNull();
  });
});

describe('summariseValue', () => {
  it('keeps journal text short and readable', () => {
    expect(summariseValue(null)).toBe('∅');
    expect(summariseValue('x'.repeat(200))).toHaveLength(80);
    expect(summariseValue({ address: '12 rue Saint-Éloi', lat: 1 })).toBe('12 rue Saint-Éloi');
    expect(summariseValue(['a', 'b'])).toBe('a, b');
    expect(summariseValue(true)).toBe('true');
  });
});

/** The notes' words for the merged file's other phone and email, as the interface gives them. */
const LABELS = {
  phone: (value: string) => `Autre téléphone (dossier fusionné) : ${value}`,
  email: (value: string) => `Autre courriel (dossier fusionné) : ${value}`,
};

describe('mergeCitizens', () => {
  const keep: CitizenDoc = { ...sampleDocuments.citizens, phone: '', searchPhone: '', email: '', notes: 'Malentendante.' };
  const { civility: _civility, ...keepWithoutCivility } = keep;
  const other: CitizenDoc = {
    ...sampleDocuments.citizens,
    id: 'dup-1',
    civility: 'madame',
    firstName: 'Helene',
    phone: '06 98 76 54 32',
    email: 'h.lefevre@example.fr',
    address: '3 impasse des Lilas',
    postalCode: '54600',
    city: 'Villers-lès-Nancy',
    notes: 'Vient le mardi.',
  };

  it('fills empty fields of the kept file and never overwrites filled ones', () => {
    const kept = mergeCitizens(keepWithoutCivility, other, LABELS);
    expect(kept).toMatchObject({
      id: keep.id,
      civility: 'madame',
      firstName: 'Hélène',
      phone: '06 98 76 54 32',
      email: 'h.lefevre@example.fr',
    });
    expect(kept.address).toBe('12 rue Saint-Éloi');
    expect(kept.searchPhone).toBe('0698765432');
  });

  it('takes the other address whole when the kept file has none', () => {
    const kept = mergeCitizens({ ...keep, address: '', postalCode: '', city: '' }, other, LABELS);
    expect(kept).toMatchObject({ address: '3 impasse des Lilas', postalCode: '54600', city: 'Villers-lès-Nancy' });
  });

  it('puts the notes end to end, once', () => {
    expect(mergeCitizens(keep, other, LABELS).notes).toBe('Malentendante.\n\nVient le mardi.');
    expect(mergeCitizens(keep, { ...other, notes: 'Malentendante.' }, LABELS).notes).toBe('Malentendante.');
  });

  it('keeps the merged file’s different phone and email in the notes, on screen (issue 13)', () => {
    const withPhone = { ...keep, phone: '03 29 00 11 22', email: 'helene@example.fr' };
    const kept = mergeCitizens(withPhone, other, LABELS);
    expect(kept.phone).toBe('03 29 00 11 22');
    expect(kept.notes).toContain('Autre téléphone (dossier fusionné) : 06 98 76 54 32');
    expect(kept.notes).toContain('Autre courriel (dossier fusionné) : h.lefevre@example.fr');
    // the same number written otherwise is the same number; merging twice adds nothing
    expect(mergeCitizens({ ...withPhone, phone: '06.98.76.54.32', email: 'H.Lefevre@example.fr' }, other, LABELS).notes).toBe(
      'Malentendante.\n\nVient le mardi.',
    );
    expect(mergeCitizens(kept, other, LABELS).notes).toBe(kept.notes);
  });

  it('leaves the kept file’s identity and the other file alone', () => {
    const kept = mergeCitizens(keep, other, LABELS);
    expect(kept.id).toBe(keep.id);
    expect(kept.mergedInto).toBeNull();
    expect(other.notes).toBe('Vient le mardi.');
  });
});
