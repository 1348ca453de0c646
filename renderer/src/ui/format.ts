import type { CategoryExtraField } from '../../../domain/model';
import { i18next } from '../i18n';

/** Dates as the secretary reads them: "12 mars 2026", "12/03/2026 14:05". */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const date = value.length === 10 ? new Date(`${value}T12:00:00`) : new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(i18next.language, { day: 'numeric', month: 'short', year: 'numeric' }).format(date);
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(i18next.language, { dateStyle: 'short', timeStyle: 'short' }).format(date);
}

/** A category field's answer as the other facts read: dates formatted like every date, other answers as typed. */
export function formatCategoryField(type: CategoryExtraField['type'], value: string): string {
  return type === 'date' ? formatDate(value) : value;
}

/** Today's date as `YYYY-MM-DD` in the computer's time zone (the mairie's). */
export function todayISO(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** A file size in the interface's language: « 20,0 Mo » in French, "20.0 MB" in English (the number by Intl, the unit by i18next). */
export function formatBytes(size: number, language: string = i18next.language): string {
  const t = i18next.getFixedT(language);
  const number = (value: number, digits: number) =>
    new Intl.NumberFormat(language, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  if (size < 1024) return t('units.byte', { value: number(size, 0) });
  if (size < 1024 * 1024) return t('units.kilobyte', { value: number(size / 1024, 0) });
  return t('units.megabyte', { value: number(size / 1024 / 1024, 1) });
}
