import { useTranslation } from 'react-i18next';
import { Field } from '../ui/Field';
import { Panel } from './Panel';
import type { SessionTimer } from './useSessionTimer';

/** Time spent: the timer, its start/pause button, and the minutes the secretary may type herself. */
export function TimePanel({
  timer,
  minutes,
  error,
  onMinutesTyped,
}: {
  timer: SessionTimer;
  minutes: string;
  error: string | undefined;
  onMinutesTyped: (minutes: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Panel id="assisted-time" title={t('assisted.session.time')}>
      <p role="status" className="assisted__timer">
        {timer.running ? t('assisted.session.timerRunning', { minutes: timer.elapsed }) : t('assisted.session.timerStopped')}
      </p>
      <div className="actions actions--inline">
        {timer.running ? (
          <button type="button" className="button" onClick={timer.pause}>
            {t('assisted.session.timerPause')}
          </button>
        ) : (
          <button type="button" className="button" onClick={timer.start}>
            {t('assisted.session.timerStart')}
          </button>
        )}
      </div>
      <Field label={t('assisted.session.minutes')} error={error} hint={t('assisted.session.minutesHint')} required>
        {(props) => (
          <input
            {...props}
            inputMode="numeric"
            className="assisted__minutes"
            value={minutes}
            onChange={(event) => {
              // Typing takes over from the timer, which restarts from the typed value.
              if (timer.running) timer.start();
              onMinutesTyped(event.target.value);
            }}
          />
        )}
      </Field>
    </Panel>
  );
}
