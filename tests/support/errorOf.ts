// What a call throws (undefined when it returns), for tests that check an error's code and words.

export function errorOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
