import { useTranslation } from 'react-i18next';
import type { ProcedureDoc } from '../../../domain/model';
import { OfficialLink } from './OfficialLink';
import { Panel } from './Panel';

/** The procedure for reference: its official site, and the documents it asks for. */
export function ProcedurePanel({ procedure }: { procedure: ProcedureDoc | null }) {
  const { t } = useTranslation();
  return (
    <Panel id="assisted-procedure" title={t('assisted.session.official')}>
      {procedure ? <OfficialLink url={procedure.url} /> : null}
      {procedure && procedure.documents.length > 0 ? (
        <>
          <h3>{t('assisted.session.documents')}</h3>
          <ul>
            {procedure.documents.map((document) => (
              <li key={document}>{document}</li>
            ))}
          </ul>
        </>
      ) : null}
    </Panel>
  );
}
