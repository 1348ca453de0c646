import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { csvBytes, type CsvCell, type StatsPeriod } from '../../../domain/stats';
import { getPlatform, type SaveResult } from '../platform';
import type { StatsTable } from './tables';

function formatCell(cell: CsvCell, language: string): string {
  if (cell === null) return '—';
  if (typeof cell === 'number') return new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(cell);
  return cell;
}

function outcomeMessage(result: SaveResult): { key: string; values?: Record<string, string> } {
  switch (result.status) {
    case 'downloaded':
      return { key: 'stats.exported', values: { name: result.fileName } };
    case 'saved':
      return { key: 'stats.savedTo', values: { path: result.path } };
    case 'cancelled':
      return { key: 'stats.exportCancelled' };
    case 'failed':
      return { key: 'stats.exportFailed' };
  }
}

/** "Exporter en CSV": the table's rows as a file for a spreadsheet (domain/stats.ts: `;`, decimal comma, UTF-8 BOM). */
function ExportButton({ table, period }: { table: StatsTable; period: StatsPeriod }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState<{ key: string; values?: Record<string, string>; failed: boolean } | null>(null);

  async function exportCsv() {
    const name = `${t('stats.fileName', { table: table.title.toLowerCase(), from: period.from, to: period.to })}.csv`;
    try {
      const result = await getPlatform().saveFile(csvBytes(table), name);
      setMessage({ ...outcomeMessage(result), failed: result.status === 'failed' });
    } catch {
      setMessage({ key: 'stats.exportFailed', failed: true });
    }
  }

  return (
    <div className="actions actions--inline stats-export">
      <button
        type="button"
        className="button button--small"
        onClick={() => void exportCsv()}
        aria-label={t('stats.exportCsvNamed', { name: table.title })}
      >
        {t('stats.exportCsv')}
      </button>
      <p role={message?.failed ? 'alert' : 'status'} className="muted">
        {message ? t(message.key, message.values) : null}
      </p>
    </div>
  );
}

/**
 * One section of figures: its title, the chart (when there is one), the
 * table with the same figures (the chart's text alternative, and what
 * prints best) and its CSV export.
 */
export function StatsSection({
  table,
  period,
  chart,
  empty,
}: {
  table: StatsTable;
  period: StatsPeriod;
  chart?: ReactNode;
  empty?: string;
}) {
  const { i18n } = useTranslation();
  const headingId = `stats-${table.id}`;
  return (
    <section className="panel stats-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{table.title}</h2>
      {table.rows.length === 0 && empty ? (
        <p className="muted">{empty}</p>
      ) : (
        <>
          {chart}
          <table className="table stats-table">
            <caption className="visually-hidden">{table.title}</caption>
            <thead>
              <tr>
                {table.headers.map((header, index) => (
                  <th key={header} scope="col" className={index > 0 ? 'stats-number' : undefined}>
                    {header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, rowIndex) => (
                <tr key={rowIndex}>
                  {row.map((cell, index) =>
                    index === 0 ? (
                      <th key={index} scope="row">
                        {formatCell(cell, i18n.language)}
                      </th>
                    ) : (
                      <td key={index} className="stats-number">
                        {formatCell(cell, i18n.language)}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <ExportButton table={table} period={period} />
    </section>
  );
}
