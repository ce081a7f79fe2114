// Waiting for the browser to paint: what the start's background work and the renderer worker wait
// for, so they do not hold back the first card.

/**
 * Resolves once `frames` more frames have painted (a task posted from an animation frame runs
 * after that frame is painted), or after `atLatestMs` if given (a hidden tab paints no frames).
 * Without animation frames (tests outside a browser), on the next task.
 */
export function afterPaint(frames = 1, atLatestMs?: number): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame !== 'function' || typeof MessageChannel !== 'function') {
      setTimeout(resolve, 0);
      return;
    }
    const timer = atLatestMs === undefined ? undefined : setTimeout(resolve, atLatestMs);
    const frame = (left: number) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          channel.port1.close();
          if (left > 1) frame(left - 1);
          else {
            clearTimeout(timer);
            resolve();
          }
        };
        channel.port2.postMessage(null);
      });
    frame(frames);
  });
}
