/**
 * Wraps a live stream's async generator so that return() and throw() run `cleanup` at once. An
 * async generator cannot take return() while it awaits its next item, so without this a client
 * that unsubscribes would stay registered until some item woke the generator.
 */
export function closableIterator<T>(generator: AsyncGenerator<T>, cleanup: () => void): AsyncIterableIterator<T> {
  return {
    next: () => generator.next(),
    return: (value?: unknown) => {
      cleanup();
      return generator.return(value as T);
    },
    throw: (error?: unknown) => {
      cleanup();
      return generator.throw(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
