import { useTranslation } from 'react-i18next';

export type SaveState = { kind: 'idle' } | { kind: 'saved'; message: string } | { kind: 'error'; message: string };

/** "Enregistré" or why not, announced to screen readers; messages are i18n keys. */
export function SaveMessage({ state }: { state: SaveState }) {
  const { t } = useTranslation();
  return (
    <>
      <div role="status">{state.kind === 'saved' ? <p className="notice notice--ok">{t(state.message)}</p> : null}</div>
      {state.kind === 'error' ? (
        <p role="alert" className="notice notice--error">
          {t(state.message)}
        </p>
      ) : null}
    </>
  );
}
