/**
 * Names for the tasks of the result helpers, so a task tree shows the user's function rather than
 * the helper's plumbing: `fetchPage[3]` for the fourth item of `mapConcurrent(urls, fetchPage)`,
 * `gather[1]` when the function is anonymous.
 */
export function helperTaskName(helper: string, fn: { name: string }, index: number): string {
  return `${fn.name === '' ? helper : fn.name}[${index}]`;
}
