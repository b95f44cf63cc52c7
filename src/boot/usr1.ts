// A JS listener for SIGUSR1 replaces Node's native one, which would open the inspector for any
// process in the container that sends it. src/main.ts imports this module first: imports are
// evaluated in order, so the listener is in place before any other module's code runs.
process.on('SIGUSR1', () => undefined);
