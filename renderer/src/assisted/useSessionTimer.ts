import { useEffect, useRef, useState } from 'react';
import { elapsedMinutes } from '../../../domain/assisted';

export interface SessionTimer {
  running: boolean;
  /** whole minutes since it was last (re)started */
  elapsed: number;
  /** (re)starts from zero: also what typing in the minutes does while it runs */
  start: () => void;
  pause: () => void;
}

/**
 * The running timer: counts whole minutes from when it was (re)started on top
 * of the minutes already recorded (`onMinute` gets each new minute), and
 * leaves the field to the secretary as soon as she types in it.
 */
export function useSessionTimer(onMinute: (addMinutes: number) => void, startRunning: boolean): SessionTimer {
  const [running, setRunning] = useState(startRunning);
  const [elapsed, setElapsed] = useState(0);
  const since = useRef(Date.now());
  const reported = useRef(0);
  useEffect(() => {
    if (!running) return;
    const tick = () => {
      const minutes = elapsedMinutes(since.current, Date.now());
      setElapsed(minutes);
      if (minutes > reported.current) {
        onMinute(minutes - reported.current);
        reported.current = minutes;
      }
    };
    const timer = setInterval(tick, 5_000);
    return () => clearInterval(timer);
  }, [running, onMinute]);
  const restart = (run: boolean) => {
    since.current = Date.now();
    reported.current = 0;
    setElapsed(0);
    setRunning(run);
  };
  return { running, elapsed, start: () => restart(true), pause: () => restart(false) };
}
