// Transitions that happen later: a sync operation that finishes after ARGOCD_EMULATOR_SYNC_MS,
// health that turns Healthy (or Degraded) after ARGOCD_EMULATOR_HEALTHY_AFTER_MS. They are kept
// in the state's `pending` map (keyed by app name) and applied by whoever reads the state next,
// so every process sees the same app at the same moment; writers persist the result.

function isDone(p) {
  return p.final === undefined && p.healthAt === undefined;
}

/** Set app health (and the health of resources that report one). */
export function setHealth(app, status, message) {
  app.status ??= {};
  app.status.health = message ? { status, message } : { status };
  for (const r of app.status.resources ?? []) {
    if (r.health) r.health = { status };
  }
}

function materializeApp(app, p, now) {
  if (p.final !== undefined && p.opDoneAt !== null && p.opDoneAt !== undefined && now >= p.opDoneAt) {
    app.status = p.final;
    delete p.final;
    delete p.opDoneAt;
  }
  if (p.final === undefined && p.healthAt !== undefined && now >= p.healthAt) {
    setHealth(app, p.health, p.healthMessage);
    delete p.healthAt;
    delete p.health;
    delete p.healthMessage;
  }
}

/** Apply every due transition in `state.pending` to `state.apps` (in memory). */
export function materializeAll(state, now = Date.now()) {
  const pending = state.pending;
  if (!pending || typeof pending !== 'object') return;
  const names = Object.keys(pending);
  if (names.length === 0) {
    delete state.pending;
    return;
  }
  const wanted = new Set(names);
  const byName = new Map();
  for (const app of state.apps) {
    const name = app.metadata?.name;
    if (wanted.has(name)) byName.set(name, app);
  }
  for (const name of names) {
    const app = byName.get(name);
    if (app) materializeApp(app, pending[name], now);
    if (!app || isDone(pending[name])) delete pending[name];
  }
  if (Object.keys(pending).length === 0) delete state.pending;
}

/**
 * Record what happens to `name` later. `final` (the status once the operation ends) with
 * `opDoneAt` (epoch ms, null = never); `health` reached at `healthAt`.
 */
export function schedule(state, name, entry) {
  state.pending ??= {};
  state.pending[name] = entry;
}

/** Forget anything scheduled for `name` (terminate-op, prune). */
export function unschedule(state, name) {
  if (state.pending) delete state.pending[name];
}

/** Is a sync operation of this app still running? */
export function operationRunning(app) {
  const phase = app.status?.operationState?.phase;
  return phase === 'Running' || phase === 'Terminating';
}
