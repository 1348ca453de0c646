import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestDoc } from '../../../domain/model';
import { useActor, useApp } from '../session/AppContext';
import { useCategoryMap } from '../session/queries';
import { updateRequest } from './repository';

/**
 * The secretary's "needs the mayor" toggle on a request's page. A category
 * that always needs the mayor cannot be overridden here; the request's own
 * flag is journaled like any other change (which field, who, when).
 */
export function MayorFlag({ request }: { request: RequestDoc }) {
  const { t } = useTranslation();
  const { db } = useApp();
  const actor = useActor();
  const hintId = useId();
  const byCategory = useCategoryMap().get(request.categoryId)?.needsMayorApproval === true;
  return (
    <div className="field">
      <label className="checkbox">
        <input
          type="checkbox"
          checked={byCategory || request.flags.needsMayor}
          disabled={byCategory}
          aria-describedby={byCategory ? hintId : undefined}
          onChange={(event) => void updateRequest(db, request.id, { flags: { ...request.flags, needsMayor: event.target.checked } }, actor)}
        />{' '}
        {t('council.flag.label')}
      </label>
      {byCategory ? (
        <p className="field__hint" id={hintId}>
          {t('council.flag.byCategory')}
        </p>
      ) : null}
    </div>
  );
}
