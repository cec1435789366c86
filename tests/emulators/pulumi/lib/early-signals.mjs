// Imported first: from the first moment, SIGINT/SIGTERM are recorded rather than
// killing node, so a signal that arrives while modules load still gets pulumi's
// handling. Operations replay them into their cancellation scope; other commands
// re-raise them with the default action.

const early = [];

function record(sig) {
  early.push(sig);
}

process.on('SIGINT', record);
process.on('SIGTERM', record);

/** Stop recording and return the signals received so far. */
export function takeEarlySignals() {
  process.off('SIGINT', record);
  process.off('SIGTERM', record);
  return early.splice(0);
}

/** Stop recording; die by a signal that already arrived, as node would have. */
export function restoreDefaultSignals() {
  const pending = takeEarlySignals();
  if (pending.length > 0) process.kill(process.pid, pending[0]);
}
