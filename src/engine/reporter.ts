import type { LayerEvent } from '../reconciler.js';
import type { LayerOutcome, Phase } from './outcome.js';

/** How the engine tells the face what is happening. The engine never prints. */
export interface Reporter {
  layerStarted(layer: string, phase: Phase): void;
  layerEvent(layer: string, event: LayerEvent): void;
  layerFinished(outcome: LayerOutcome, phase: Phase): void;
  /** Run-wide notices: unselected dependencies, a lock taken over, uncommitted changes. */
  notice(message: string): void;
}

export const silentReporter: Reporter = {
  layerStarted() {},
  layerEvent() {},
  layerFinished() {},
  notice() {},
};

/** A view that shows nothing (watch's automatic applies, whose news the watch reports itself). */
export const silentView = {
  ...silentReporter,
  begin() {},
  async end() {},
  outcomes() {},
  say() {},
  warn() {},
};
