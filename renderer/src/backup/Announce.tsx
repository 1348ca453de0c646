import { useTranslation } from 'react-i18next';

/** A message to show: an i18n key and its values; `alert` for failures. */
export interface Message {
  key: string;
  values?: Record<string, string | number>;
  alert?: boolean;
}

/** Says a message: in a live status region when all went well, as an alert when it failed. */
export function Announce({ message }: { message: Message | null }) {
  const { t } = useTranslation();
  return (
    <>
      <div role="status">{message && !message.alert ? <p className="notice notice--ok">{t(message.key, message.values)}</p> : null}</div>
      {message?.alert ? (
        <p role="alert" className="notice notice--error">
          {t(message.key, message.values)}
        </p>
      ) : null}
    </>
  );
}
