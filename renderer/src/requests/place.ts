import type { CategoryDoc, Location } from '../../../domain/model';

/**
 * The key of the signalement categories' own place field (« Lieu précis
 * (adresse, repère) », resources/catalogue/categories.json). When the
 * category has it, it IS the request's place: intake shows no second
 * « Lieu » field, and the request page shows the place once (issue 13).
 */
export const PLACE_FIELD_KEY = 'lieu';

export function hasPlaceField(category: Pick<CategoryDoc, 'extraFields'> | undefined): boolean {
  return (category?.extraFields ?? []).some((field) => field.key === PLACE_FIELD_KEY);
}

/** The request's place: the category's place field when it has one, else the « Lieu » typed. */
export function locationOf(
  category: Pick<CategoryDoc, 'extraFields'>,
  categoryFields: Record<string, string>,
  address: string,
): Location | null {
  const place = (hasPlaceField(category) ? (categoryFields[PLACE_FIELD_KEY] ?? '') : address).trim();
  return place ? { address: place } : null;
}
