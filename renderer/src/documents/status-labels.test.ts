import { describe, expect, it } from 'vitest';
import { BORDEREAU_FR, MAIL_REGISTER_FR, STATUS_FR } from '../../../domain/documents';
import { STATUSES } from '../../../domain/model';
import type { Strings } from '../i18n/resources';
import { resources } from '../shell/strings';

describe('printed statuses (issue 13: the register said « Clos » where the screens say « Close »)', () => {
  it('are the words of the French screens, on the mail register and the bordereau', () => {
    const screen = resources.fr.status as Strings;
    for (const status of STATUSES) {
      expect(STATUS_FR[status], status).toBe(screen[status]);
      expect(MAIL_REGISTER_FR.status[status], status).toBe(screen[status]);
      expect(BORDEREAU_FR.status[status], status).toBe(screen[status]);
    }
  });
});
