/**
 * `setImmediate` for a web worker (the server schedules validations with it): a macrotask through a
 * MessageChannel, which unlike `setTimeout(0)` is never clamped to 4 ms when calls nest.
 */
type Task = { fn: (...args: unknown[]) => void; args: unknown[] };

const g = globalThis as unknown as { setImmediate?: (fn: (...args: unknown[]) => void, ...args: unknown[]) => unknown };
if (typeof g.setImmediate !== 'function') {
  const queue: Task[] = [];
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    const task = queue.shift();
    if (task) task.fn(...task.args);
  };
  g.setImmediate = (fn, ...args) => {
    queue.push({ fn, args });
    channel.port2.postMessage(0);
    return queue.length;
  };
}
