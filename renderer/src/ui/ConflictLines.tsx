import { useTranslation } from 'react-i18next';
import { parseConflictText, type ConflictLine } from '../../../domain/merge';
import { STATUSES } from '../../../domain/model';

/**
 * A conflict journaled by the replication, in the interface's language: per
 * field, the value set aside and the value kept (the first to reach the
 * server, domain/merge.ts). Text that is not in that shape is shown as is.
 */
export function ConflictLines({ text }: { text: string }) {
  const { t } = useTranslation();
  const lines = parseConflictText(text);
  if (!lines) return text ? <div className="journal__text">{text}</div> : null;
  const value = (line: ConflictLine, raw: string) => {
    if (raw === '∅' || raw === '') return t('sync.conflict.empty');
    if (line.field === 'status' && (STATUSES as readonly string[]).includes(raw)) return t(`status.${raw}`);
    return raw;
  };
  return (
    <ul className="journal__text">
      {lines.map((line, index) => (
        <li key={`${line.field}-${index}`}>
          {t(line.kept === null ? 'sync.conflict.lostOnly' : 'sync.conflict.line', {
            field: t(`fields.${line.field}`, { defaultValue: line.field }),
            lost: value(line, line.lost),
            kept: line.kept === null ? '' : value(line, line.kept),
          })}
        </li>
      ))}
    </ul>
  );
}
