/** A page answered with a status the crawler cannot use. */
export class HttpError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
  ) {
    super(`HTTP ${status} from ${url}`);
    this.name = 'HttpError';
  }
}
