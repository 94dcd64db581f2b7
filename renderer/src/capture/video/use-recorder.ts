import { useCallback, useEffect, useRef, useState } from 'react';
import { NO_RECORDER, pickRecorderType, RECORDER_BITS_PER_SECOND, RECORDER_SLICE_MS, stopReason } from './recording';

export interface Recorded {
  blob: Blob;
  elapsedMs: number;
  /** Who stopped it: the operator, the 60 s, or the size nearing its bound. */
  stoppedFor: 'operator' | 'time' | 'size';
}

interface Active {
  recorder: MediaRecorder;
  ticker: ReturnType<typeof setInterval>;
  deadline: ReturnType<typeof setTimeout>;
  reason: Recorded['stoppedFor'] | null;
}

const TICK_MS = 200;

interface Hooks {
  onElapsed(ms: number): void;
  onBytes(bytes: number): void;
  stop(reason: Recorded['stoppedFor']): void;
  onDone(now: Active, take: Recorded): void;
}

/** One take: the recorder, its clock and its deadline, wired; a sentence when it cannot start. */
function begin(stream: MediaStream, type: string, maxSeconds: number, hooks: Hooks): Active | string {
  let recorder: MediaRecorder;
  try {
    recorder = new MediaRecorder(stream, { mimeType: type, videoBitsPerSecond: RECORDER_BITS_PER_SECOND });
  } catch {
    return NO_RECORDER;
  }
  const chunks: Blob[] = [];
  let size = 0;
  const began = performance.now();
  const elapsed = () => Math.min(performance.now() - began, maxSeconds * 1000);
  const now: Active = {
    recorder,
    ticker: setInterval(() => hooks.onElapsed(elapsed()), TICK_MS),
    deadline: setTimeout(() => hooks.stop('time'), maxSeconds * 1000),
    reason: null,
  };
  const quiet = () => {
    clearInterval(now.ticker);
    clearTimeout(now.deadline);
  };
  recorder.ondataavailable = (event) => {
    if (event.data.size === 0) return;
    chunks.push(event.data);
    size += event.data.size;
    hooks.onBytes(size);
    if (stopReason(elapsed(), size, maxSeconds) === 'size') hooks.stop('size');
  };
  recorder.onstop = () => {
    quiet();
    hooks.onDone(now, { blob: new Blob(chunks, { type: type.split(';')[0] }), elapsedMs: elapsed(), stoppedFor: now.reason ?? 'operator' });
  };
  try {
    recorder.start(RECORDER_SLICE_MS);
  } catch {
    quiet();
    return 'The recording could not start: the camera may have stopped. Press Start camera and try again.';
  }
  return now;
}

/**
 * MediaRecorder over a camera stream: a slice a second (so the size shows as it grows), the clock
 * from performance.now() (never the time of day), stopped exactly at `maxSeconds` by a timer of its
 * own or before the byte bound; `onDone` gets the take. Unmounting stops it and drops the take.
 */
export function useRecorder(maxSeconds: number, onDone: (take: Recorded) => void) {
  const [elapsedMs, setElapsed] = useState(0);
  const [bytes, setBytes] = useState(0);
  const active = useRef<Active | null>(null);
  const done = useRef(onDone);
  useEffect(() => {
    done.current = onDone;
  });

  const stop = useCallback((reason: Recorded['stoppedFor'] = 'operator') => {
    const now = active.current;
    if (!now) return;
    now.reason ??= reason;
    clearInterval(now.ticker);
    clearTimeout(now.deadline);
    if (now.recorder.state !== 'inactive') now.recorder.stop();
  }, []);

  useEffect(
    () => () => {
      const now = active.current;
      if (!now) return;
      active.current = null;
      clearInterval(now.ticker);
      clearTimeout(now.deadline);
      now.recorder.ondataavailable = null;
      now.recorder.onstop = null;
      if (now.recorder.state !== 'inactive') now.recorder.stop();
    },
    [],
  );

  /** Starts recording; a sentence for the operator when this window cannot. */
  const start = (stream: MediaStream): string | null => {
    if (active.current) return null;
    if (typeof MediaRecorder === 'undefined') return NO_RECORDER;
    const type = pickRecorderType((candidate) => MediaRecorder.isTypeSupported(candidate));
    if (!type) return NO_RECORDER;
    setElapsed(0);
    setBytes(0);
    const began = begin(stream, type, maxSeconds, {
      onElapsed: setElapsed,
      onBytes: setBytes,
      stop,
      onDone: (now, take) => {
        if (active.current === now) active.current = null;
        done.current(take);
      },
    });
    if (typeof began === 'string') return began;
    active.current = began;
    return null;
  };

  return { start, stop: () => stop('operator'), recording: () => active.current !== null, elapsedMs, bytes };
}
