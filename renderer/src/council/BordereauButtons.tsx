import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bordereauDefinition, bordereauSections } from '../../../domain/documents';
import { useActor, useApp } from '../session/AppContext';
import { issueDocument, type IssueMode, type IssueOutcome } from '../documents';
import { todayISO } from '../ui/format';
import type { CouncilLists } from '../approval';
import { toPlain } from '../db/plain';

/** The bordereau du jour, printed or saved as a PDF (a download in the browser build). */
export function BordereauButtons({ lists }: { lists: CouncilLists }) {
  const { t } = useTranslation();
  const { db, settings } = useApp();
  const actor = useActor();
  const [outcome, setOutcome] = useState<IssueOutcome | null>(null);

  async function issue(mode: IssueMode) {
    setOutcome(null);
    const today = todayISO();
    const citizenIds = [...new Set(lists.all.map((request) => request.citizenId).filter(Boolean))];
    const citizens = [...(await db.citizens.findByIds(citizenIds).exec()).values()].map((doc) => toPlain(doc));
    const sections = bordereauSections({
      requests: lists.all,
      categories: [...lists.categories.values()],
      citizens,
      returnedAt: lists.returnedAt,
      today,
    });
    setOutcome(
      await issueDocument(
        db,
        actor,
        {
          kind: 'councilBordereau',
          key: today,
          title: t('council.bordereau'),
          definition: () => bordereauDefinition({ settings, sections, day: today, issuedOn: today }),
        },
        mode,
      ),
    );
  }

  return (
    <section className="council__bordereau" aria-labelledby="council-bordereau">
      <h2 id="council-bordereau">{t('council.bordereau')}</h2>
      <div className="council__actions">
        <button type="button" className="council__button" onClick={() => void issue('print')}>
          {t('council.printBordereau')}
        </button>
        <button type="button" className="council__button" onClick={() => void issue('save')}>
          {t('council.saveBordereau')}
        </button>
      </div>
      {outcome ? (
        <p
          role={outcome === 'documents.failed' ? 'alert' : 'status'}
          className={`notice notice--${outcome === 'documents.failed' ? 'error' : 'ok'}`}
        >
          {t(outcome)}
        </p>
      ) : null}
    </section>
  );
}
