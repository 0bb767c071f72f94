/**
 * Removing trailing slashes in linear time. A regular expression such as `/\/+$/` is quadratic on
 * a string of many slashes followed by anything else (`"//…//x"`): the engine starts a match at
 * every slash, runs to the end of the run, fails on the `x` and starts again one slash later. A
 * request path is client input, so one request of 100 000 slashes would stall the mock for seconds.
 */

/** `value` without its trailing `/` characters (`"/a//"` → `"/a"`, `"///"` → `""`); one backward scan. */
export function trimTrailingSlashes(value: string): string {
  let end = value.length;
  while (end > 0 && value.charCodeAt(end - 1) === 0x2f) end -= 1;
  return end === value.length ? value : value.slice(0, end);
}
