import { useTranslation } from 'react-i18next';
import type { CategoryDoc } from '../../../domain/model';
import { Field } from '../ui/Field';

/** The category picker, grouped as the catalogue groups them. */
export function CategorySelect({
  categories,
  value,
  error,
  onChange,
}: {
  categories: CategoryDoc[];
  value: string;
  error?: string | undefined;
  onChange: (categoryId: string) => void;
}) {
  const { t } = useTranslation();
  const groups = new Map<string, CategoryDoc[]>();
  for (const category of categories.filter((item) => item.active)) {
    groups.set(category.group, [...(groups.get(category.group) ?? []), category]);
  }
  return (
    <Field label={t('request.category')} error={error} required>
      {(props) => (
        <select {...props} value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="">{t('intake.chooseCategory')}</option>
          {[...groups.entries()].map(([group, items]) => (
            <optgroup key={group} label={group}>
              {items.map((category) => (
                <option key={category.id} value={category.id}>
                  {category.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      )}
    </Field>
  );
}

/** The category's own facts: the kind of act, the place of a problem, the room and date of a booking... */
export function CategoryExtraFields({
  category,
  values,
  errors,
  onChange,
}: {
  category: CategoryDoc;
  values: Record<string, string>;
  errors: Record<string, string>;
  onChange: (values: Record<string, string>) => void;
}) {
  const { t } = useTranslation();
  if (category.extraFields.length === 0) return null;
  return (
    <div className="row">
      {category.extraFields.map((extra) => (
        <Field key={extra.key} label={extra.label} error={errors[`categoryFields.${extra.key}`]} required={extra.required}>
          {(props) => {
            const value = values[extra.key] ?? '';
            const change = (next: string) => onChange({ ...values, [extra.key]: next });
            if (extra.type === 'select') {
              return (
                <select {...props} value={value} onChange={(event) => change(event.target.value)}>
                  <option value="">{t('intake.choose')}</option>
                  {extra.options.map((option) => (
                    <option key={option} value={option}>
                      {option}
                    </option>
                  ))}
                </select>
              );
            }
            if (extra.type === 'textarea') return <textarea {...props} value={value} onChange={(event) => change(event.target.value)} />;
            return (
              <input
                {...props}
                type={extra.type === 'date' ? 'date' : 'text'}
                value={value}
                onChange={(event) => change(event.target.value)}
              />
            );
          }}
        </Field>
      ))}
    </div>
  );
}
