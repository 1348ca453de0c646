import type { Row } from './driver';

/**
 * Reading columns back: node-postgres returns bigint as a string and PGlite
 * as a number, both return timestamptz as Date; these helpers give one shape.
 */

export function text(row: Row, column: string): string {
  const value = row[column];
  if (typeof value !== 'string') throw new Error(`column ${column}: expected text`);
  return value;
}

export function textOrNull(row: Row, column: string): string | null {
  const value = row[column];
  return value === null || value === undefined ? null : String(value);
}

export function integer(row: Row, column: string): number {
  const value = row[column];
  const number = typeof value === 'bigint' ? Number(value) : typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number)) throw new Error(`column ${column}: expected integer`);
  return number;
}

export function bool(row: Row, column: string): boolean {
  return row[column] === true;
}

export function date(row: Row, column: string): Date {
  const value = row[column];
  if (value instanceof Date) return value;
  if (typeof value === 'string') return new Date(value);
  throw new Error(`column ${column}: expected timestamp`);
}

export function dateOrNull(row: Row, column: string): Date | null {
  const value = row[column];
  return value === null || value === undefined ? null : date(row, column);
}

export function jsonObject(row: Row, column: string): Record<string, unknown> {
  const value = typeof row[column] === 'string' ? (JSON.parse(row[column] as string) as unknown) : row[column];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`column ${column}: expected object`);
  return value as Record<string, unknown>;
}

export function bytes(row: Row, column: string): Buffer {
  const value = row[column];
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  throw new Error(`column ${column}: expected bytea`);
}
