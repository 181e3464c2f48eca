/**
 * A one-line progress bar for long runs on a terminal. It draws on stderr, so stdout (a diff, a
 * report) stays clean, and it draws nothing when stderr is not a terminal.
 */

/** Something that can be told how far a run has got. */
export interface Progress {
  tick(label: string): void;
  done(): void;
}

const WIDTH = 30;

/**
 * A bar over `total` steps when `stream` is a terminal and the run is large enough to be worth
 * one, else a progress that prints nothing.
 *
 * @example
 * ```ts
 * const progress = createProgress(files.length, process.stderr);
 * for (const file of files) { analyse(file); progress.tick(file); }
 * progress.done();
 * ```
 */
export function createProgress(total: number, stream: NodeJS.WriteStream, minimum = 20): Progress {
  if (!stream.isTTY || total < minimum) return { tick: () => undefined, done: () => undefined };
  let current = 0;
  let lastDraw = 0;
  const draw = (label: string): void => {
    const filled = Math.round((current / total) * WIDTH);
    const columns = stream.columns || 80;
    const head = `[${'#'.repeat(filled)}${' '.repeat(WIDTH - filled)}] ${current}/${total} `;
    const room = Math.max(0, columns - head.length - 1);
    const tail = label.length > room ? `…${label.slice(label.length - room + 1)}` : label;
    stream.write(`\r${head}${tail}\x1b[K`);
  };
  return {
    tick(label) {
      current++;
      const now = Date.now();
      // Redrawing on every file would cost more than the analysis of small files.
      if (now - lastDraw > 50 || current === total) {
        lastDraw = now;
        draw(label);
      }
    },
    done() {
      stream.write('\r\x1b[K');
    },
  };
}
