/**
 * The pulumi kind's keys in blumeops.yaml, and the fields of pulumi's JSON output that this kind
 * reads. The engine validates and removes the common keys (kind, needs, env, paths, timeout) first;
 * the secrets passphrase and backend come from the layer's `env:`, never from a key here.
 */
import * as z from 'zod';

export const PulumiConfig = z.strictObject({
  /** The Pulumi project directory (the folder holding Pulumi.yaml), relative to the repo root. Required. */
  dir: z.string().min(1, 'give the Pulumi project directory, e.g. pulumi/tailscale'),
  /** The stack to preview and update (`--stack`), e.g. `tail8d86e` or `org/project/stack`. Required. */
  stack: z.string().min(1, 'give the stack name, e.g. tail8d86e'),
  /** Refresh the state from the providers before diffing (`--refresh`). Default true. */
  refresh: z.boolean().default(true),
  /**
   * The program's dependency step, run in `dir` before pulumi (once per run): a command as a list of
   * arguments, or one line split at spaces (no shell), e.g. `uv sync --quiet`; `false` for none.
   * Default: `pulumi install` when Pulumi.yaml's runtime options name a toolchain, a virtualenv or a
   * package manager (see prepare.ts), else nothing.
   */
  prepare: z
    .union([
      z.literal(false),
      z.string().regex(/^[^|&;<>()$`'"\\*?]+$/, 'prepare runs without a shell: give the command as a list, e.g. [uv, sync, --quiet]').trim().min(1),
      z.array(z.string().min(1)).min(1),
    ])
    .optional(),
});

export type PulumiConfig = z.infer<typeof PulumiConfig>;

// ---- pulumi output (permissive: a new pulumi version must not break plan over a field we do not read) ----

const Inputs = z.record(z.string(), z.unknown());

/** A serialized resource (`oldState`/`newState` in the digest, `old`/`new` in events). */
const ResourceState = z.looseObject({
  urn: z.string().optional(),
  type: z.string().optional(),
  inputs: Inputs.nullish(),
});

/** Strings lists pulumi omits when empty (and sometimes writes as null). */
const Keys = z.array(z.string()).nullish();

/** A property path → how it differs. The digest calls the kind `kind`, the event stream `diffKind`. */
const DetailedDiff = z
  .record(z.string(), z.looseObject({ kind: z.string().optional(), diffKind: z.string().optional(), inputDiff: z.boolean().optional() }))
  .nullish();

/** One diagnostic; severity is `debug`, `info`, `info#err`, `warning` or `error`. */
export const Diagnostic = z.looseObject({
  urn: z.string().nullish(),
  prefix: z.string().nullish(),
  message: z.string().default(''),
  severity: z.string().default('info'),
  ephemeral: z.boolean().nullish(),
});
export type Diagnostic = z.infer<typeof Diagnostic>;

/** One step of `pulumi preview --json` (docs/tools/pulumi.md). A step has no type of its own. */
export const PreviewStep = z.looseObject({
  op: z.string(),
  urn: z.string(),
  oldState: ResourceState.nullish(),
  newState: ResourceState.nullish(),
  diffReasons: Keys,
  replaceReasons: Keys,
  detailedDiff: DetailedDiff,
});
export type PreviewStep = z.infer<typeof PreviewStep>;

/** The one document `pulumi preview --json` prints; every key is optional. */
export const PreviewDigest = z.looseObject({
  steps: z.array(PreviewStep).nullish(),
  diagnostics: z.array(Diagnostic).nullish(),
  /** Nanoseconds (a Go time.Duration). */
  duration: z.number().nullish(),
  changeSummary: z.record(z.string(), z.number()).nullish(),
  maybeCorrupt: z.boolean().nullish(),
});
export type PreviewDigest = z.infer<typeof PreviewDigest>;

/** `metadata` of resourcePreEvent / resOutputsEvent / resOpFailedEvent (docs/tools/pulumi.md). */
export const StepEventMetadata = z.looseObject({
  op: z.string(),
  urn: z.string(),
  type: z.string().nullish(),
  old: ResourceState.nullish(),
  new: ResourceState.nullish(),
  /** The keys that cause a replacement. */
  keys: Keys,
  /** The keys that differ. */
  diffs: Keys,
  detailedDiff: DetailedDiff,
});
export type StepEventMetadata = z.infer<typeof StepEventMetadata>;

/** `planning` is true for the events of a preview phase, which change nothing. */
const StepEvent = z.looseObject({ metadata: StepEventMetadata, planning: z.boolean().nullish() });

/** One line of `pulumi up --json`: a sequence number, a timestamp and one payload key. */
export const EngineEvent = z.looseObject({
  sequence: z.number().nullish(),
  /** Unix seconds. */
  timestamp: z.number().nullish(),
  resourcePreEvent: StepEvent.nullish(),
  resOutputsEvent: StepEvent.nullish(),
  resOpFailedEvent: StepEvent.extend({ status: z.number().nullish(), steps: z.number().nullish() }).nullish(),
  diagnosticEvent: Diagnostic.nullish(),
  stdoutEvent: z.looseObject({ message: z.string().default('') }).nullish(),
  summaryEvent: z
    .looseObject({
      maybeCorrupt: z.boolean().nullish(),
      durationSeconds: z.number().nullish(),
      resourceChanges: z.record(z.string(), z.number()).nullish(),
      isPreview: z.boolean().nullish(),
      /** `succeeded`, `failed` or `canceled`; only on recent pulumi versions. */
      result: z.string().nullish(),
    })
    .nullish(),
  errorEvent: z.looseObject({ error: z.string().nullish() }).nullish(),
  /** The end of the stream, sent even on success: not a cancellation. */
  cancelEvent: z.looseObject({}).nullish(),
});
export type EngineEvent = z.infer<typeof EngineEvent>;
