// Every environment knob and fault switch in one place (README.md documents them).

function intEnv(name, dflt) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : dflt;
}

function listEnv(name) {
  const raw = process.env[name];
  return raw ? raw.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

function truthy(value) {
  return value === true || value === 1 || value === '1' || value === 'true';
}

/** ARGOCD_EMULATOR_DELAY_MS: sleep at the start of every invocation. */
export const delayMs = () => intEnv('ARGOCD_EMULATOR_DELAY_MS', 0);
/** ARGOCD_EMULATOR_HEALTHY_AFTER_MS: after a sync's operation ends, health stays Progressing this long. */
export const healthyAfterMs = () => intEnv('ARGOCD_EMULATOR_HEALTHY_AFTER_MS', 0);
/** ARGOCD_EMULATOR_SYNC_MS: how long a sync operation stays Running. */
export const syncMs = () => intEnv('ARGOCD_EMULATOR_SYNC_MS', 0);
/** ARGOCD_EMULATOR_POLL_MS: poll interval of `app wait` and of a waiting `app sync`. */
export const pollMs = () => intEnv('ARGOCD_EMULATOR_POLL_MS', 100);
/**
 * ARGOCD_EMULATOR_AUTO_SYNC_MS (else the state's `autoSyncMs`): how long after the controller first
 * sees an automated app OutOfSync (or drifted, with selfHeal) it syncs it. Default 0: at once.
 */
export function autoSyncMs(state) {
  const fromState = Number(state?.autoSyncMs);
  return intEnv('ARGOCD_EMULATOR_AUTO_SYNC_MS', Number.isFinite(fromState) && fromState >= 0 ? fromState : 0);
}
/** ARGOCD_EMULATOR_VERSION: the version `argocd version` reports. */
export const version = () => process.env.ARGOCD_EMULATOR_VERSION || 'v2.14.21+abc1234';

const FAULT_ENV = {
  syncFail: 'ARGOCD_EMULATOR_SYNC_FAIL',
  syncHang: 'ARGOCD_EMULATOR_SYNC_HANG',
  neverHealthy: 'ARGOCD_EMULATOR_NEVER_HEALTHY',
  degraded: 'ARGOCD_EMULATOR_DEGRADED',
  autoSyncStuck: 'ARGOCD_EMULATOR_AUTO_SYNC_STUCK',
};

/** Is app `name` in fault list `kind` (state `faults[kind]` or its env var, comma-separated)? */
export function hasFault(state, kind, name) {
  const fromState = state?.faults?.[kind];
  if (Array.isArray(fromState) && fromState.includes(name)) return true;
  return listEnv(FAULT_ENV[kind]).includes(name);
}

/** `faults.apiError: true` or ARGOCD_EMULATOR_API_ERROR=1: every API call fails (Unavailable). */
export function apiErrorOn(state) {
  return truthy(state?.faults?.apiError) || truthy(process.env.ARGOCD_EMULATOR_API_ERROR);
}

/** `roots.<name>.autoRefresh` or ARGOCD_EMULATOR_AUTO_REFRESH=1: reads compare roots with Git. */
export function autoRefreshOn(state, rootName) {
  return truthy(state?.roots?.[rootName]?.autoRefresh) || truthy(process.env.ARGOCD_EMULATOR_AUTO_REFRESH);
}
