import type { PaceStatus } from '@/lib/kpi/snapshot-types';

export interface PaceBarProps {
  value: number;
  target: number;
  /** What was expected by now, on the same scale as value and target. */
  pace: number;
  status: PaceStatus;
  /** Spoken description: value, target and pace, already formatted for the rep's locale. */
  label: string;
}

const percentOf = (part: number, whole: number): number =>
  whole > 0 ? Math.min(100, Math.max(0, (part / whole) * 100)) : part > 0 ? 100 : 0;

/** Progress toward the target with a marker where the pace says the rep should be by now. */
export function PaceBar({ value, target, pace, status, label }: PaceBarProps) {
  const filled = percentOf(value, target);
  const expected = percentOf(pace, target);
  return (
    <div
      className={`pace-bar pace-bar--${status}`}
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={target}
      aria-valuenow={Math.min(value, target)}
      aria-valuetext={label}
      aria-label={label}
    >
      <div className="pace-bar__fill" style={{ width: `${filled}%` }} />
      <div className="pace-bar__marker" style={{ left: `${expected}%` }} aria-hidden="true" />
    </div>
  );
}
