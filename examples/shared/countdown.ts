/**
 * The countdown a widget shows beside the code, from the view's `secondsLeft`.
 */

/**
 * `secondsLeft` as minutes and seconds: `581` → `9:41 left`, `5` → `0:05 left`, `0` → `0:00 left`.
 * `null` (no code shown) gives an empty string.
 */
export function formatCountdown(secondsLeft: number | null): string {
  if (secondsLeft === null) return '';
  const whole = Math.max(0, Math.ceil(secondsLeft));
  const minutes = Math.floor(whole / 60);
  const seconds = whole % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')} left`;
}

/**
 * The same time in words, for assistive technology (`9 minutes 41 seconds left`): "0:05" read
 * aloud says little.
 */
export function spokenCountdown(secondsLeft: number | null): string {
  if (secondsLeft === null) return '';
  const whole = Math.max(0, Math.ceil(secondsLeft));
  const minutes = Math.floor(whole / 60);
  const seconds = whole % 60;
  const parts: string[] = [];
  if (minutes > 0) parts.push(`${minutes} minute${minutes === 1 ? '' : 's'}`);
  if (seconds > 0 || minutes === 0) parts.push(`${seconds} second${seconds === 1 ? '' : 's'}`);
  return `${parts.join(' ')} left`;
}
