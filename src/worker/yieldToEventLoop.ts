/**
 * Resolves in a new task, so messages that arrived meanwhile (pause, step, live changes) run first.
 * A MessageChannel instead of setTimeout(0): nested timeouts are clamped to 4 ms, which would cap a
 * tiny model at 250 steps a second.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
