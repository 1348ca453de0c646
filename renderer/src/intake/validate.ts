import type { CategoryDoc } from '../../../domain/model';
import { validateIntake } from '../../../domain/validation';
import type { IntakeForm } from './form-state';

/** The form's errors as `{ field: i18nKey }`, from the rules in domain/validation. */
export function validateIntakeForm(form: IntakeForm, category: CategoryDoc | undefined, now: Date = new Date()): Record<string, string> {
  return validateIntake(form, { now, category: category ?? null });
}
