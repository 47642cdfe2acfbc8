// Preloaded into the gateway process by the faults suite (`node --expose-gc -r <this file> dist/src/main.js`):
// SIGUSR2 runs a full garbage collection, so the memory figures taken before and after the faults compare
// settled heaps, not whatever garbage happened to be pending. Changes nothing else in the gateway.
process.on('SIGUSR2', () => {
  if (typeof globalThis.gc === 'function') globalThis.gc();
});
