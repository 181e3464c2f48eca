declare function log(message: string): void;
declare function flush(): Promise<void>;

interface Options {
  logger?: (message: string) => void;
}

/** `options.logger` is narrowed before the call; a callback would lose that narrowing. */
export async function launch(options: Options): Promise<void> {
  options.logger ??= log;
  void flush();
  options.logger('launched');
}

/** `report` is declared after the call but used before it (a hoisted function). */
export async function start(): Promise<void> {
  const later = (): void => report();
  void flush();
  later();
  function report(): void {
    log('started');
  }
}
