import { useTranslation } from 'react-i18next';
import { CHANNELS, type Channel, type ChannelFacts } from '../../../domain/model';
import { Field } from '../ui/Field';

/** The channel picker: one radio per channel, reachable with the arrow keys. */
export function ChannelPicker({ value, onChange }: { value: Channel; onChange: (channel: Channel) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="radios">
      <legend className="visually-hidden">{t('request.channel')}</legend>
      {CHANNELS.map((channel) => (
        <label key={channel}>
          <input type="radio" name="channel" value={channel} checked={value === channel} onChange={() => onChange(channel)} />
          {t(`channel.${channel}`)}
        </label>
      ))}
    </fieldset>
  );
}

interface Props {
  channel: Channel;
  facts: ChannelFacts;
  errors: Record<string, string>;
  onChange: (facts: ChannelFacts) => void;
}

/** Each channel's own facts (domain.md, "What a request carries"). */
export function ChannelFields({ channel, facts, errors, onChange }: Props) {
  const { t } = useTranslation();
  const text = (key: keyof ChannelFacts, label: string, type = 'text') => (
    <Field label={t(label)} error={errors[`channelFacts.${key}`]} required={isRequired(channel, key)}>
      {(props) => (
        <input
          {...props}
          type={type}
          autoComplete="off"
          value={(facts[key] as string | undefined) ?? ''}
          onChange={(event) => onChange({ ...facts, [key]: event.target.value })}
        />
      )}
    </Field>
  );
  switch (channel) {
    case 'counter':
      return (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={facts.residentPresent ?? true}
            onChange={(event) => onChange({ ...facts, residentPresent: event.target.checked })}
          />
          {t('intake.residentPresent')}
        </label>
      );
    case 'phone':
      return <div className="row">{text('phoneNumber', 'intake.phoneNumber', 'tel')}</div>;
    case 'mail':
      return (
        <div className="row">
          {text('postmarkDate', 'intake.postmarkDate', 'date')}
          {text('sender', 'intake.mailSender')}
          {text('mailRegisterNumber', 'intake.mailRegisterNumber')}
        </div>
      );
    case 'email':
      return (
        <div>
          <div className="row">
            {text('sender', 'intake.emailSender', 'email')}
            {text('emailSubject', 'intake.emailSubject')}
          </div>
          <Field label={t('intake.emailBody')}>
            {(props) => (
              <textarea
                {...props}
                value={facts.emailBody ?? ''}
                onChange={(event) => onChange({ ...facts, emailBody: event.target.value })}
              />
            )}
          </Field>
        </div>
      );
    default:
      return null;
  }
}

function isRequired(channel: Channel, key: keyof ChannelFacts): boolean {
  if (channel === 'mail') return key === 'postmarkDate' || key === 'sender';
  if (channel === 'email') return key === 'sender';
  if (channel === 'phone') return key === 'phoneNumber';
  return false;
}
