/**
 * What a kind offers `blumeops init` (its `detect` capability, see src/reconciler.ts): finding its
 * layers in an infra repo, and recognising the old task scripts that drive its tool. Pure data in,
 * pure data out: init walks the repo and reads the tasks, the kinds only look.
 */
import type { RepoView } from './repo-view.js';
import type { TaskScript, TaskStep } from './task-script.js';

/**
 * Where a layer sits in the homelab's order, tailnet → hosts → Kubernetes; it decides the suggested
 * `needs`. `other` is a Pulumi project that is not the tailnet (DNS, a cloud account): nothing needs it.
 */
export type Tier = 'tailnet' | 'other' | 'hosts' | 'kubernetes';

/** A value of a kind's key as init writes it to blumeops.yaml. */
export type ConfigValue = string | boolean | string[] | Record<string, string>;

/** One layer a kind proposes. */
export interface DetectedLayer {
  /** The layer name it wishes for; init makes it valid and unique. */
  name: string;
  kind: string;
  /** What was found and why it became this layer, one line for the operator. */
  reason: string;
  /** The kind's own keys, in the order they are written. */
  config: Record<string, ConfigValue>;
  tier: Tier;
  /** Comment lines written under the layer (hints, e.g. a passphrase the stack needs). */
  notes: string[];
}

/** Something that looked like a layer but did not become one, and why. */
export interface Skipped {
  /** Repo-relative path of what was found. */
  path: string;
  reason: string;
}

export interface Detection {
  layers: DetectedLayer[];
  skipped: Skipped[];
}

/** What a kind read from an old task that drives its tool. */
export interface Adoption {
  /** The layer it drives: one of the layers passed in, or a new one the task alone reveals. */
  layer: DetectedLayer;
  verb: 'plan' | 'apply';
  /** Sub-units the task names (ArgoCD apps), passed on in the wrapper. */
  targets: string[];
  /** The kind's keys the task decides (stack, prepare, config, inventory, limit, …). */
  config: Record<string, ConfigValue>;
  /** The layer's `env` from what the task exports when it runs the tool (`op://` references stay references). */
  env: Record<string, string>;
  /** One line per thing adopted, for the operator: "stack tail8d86e (pulumi stack select)". */
  adopted: string[];
  /** The steps this kind consumed (the tool call and what belongs to it). */
  consumed: TaskStep[];
  /** Steps it recognised but could not carry over, with why. */
  notAdopted: { step: TaskStep; reason: string }[];
}

export interface Detector {
  /** This kind's layers in the repo, and what it passed over. */
  scan(repo: RepoView): Detection;
  /** The layer an old task drives, when its tool call is this kind's; undefined when it is not. */
  adopt?(task: TaskScript, layers: readonly DetectedLayer[], repo: RepoView): Adoption | undefined;
}
