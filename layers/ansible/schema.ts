/**
 * The ansible kind's keys in blumeops.yaml (strict), and the JSON events its own stdout callback
 * (callback/blumeops_events.py) prints, one per line (permissive: a field we do not read never breaks).
 */
import * as z from 'zod';

const SECRET_ON_ARGV =
  "secrets may not go on argv; put it in the layer's `env` and read it in the playbook with `lookup('env', 'NAME')`";

/** One tag or a list of tags; passed to ansible-playbook joined with commas. */
const TagList = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

const ExtraVars = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).superRefine((vars, ctx) => {
  for (const [name, value] of Object.entries(vars)) {
    if (typeof value === 'string' && value.startsWith('op://')) {
      ctx.addIssue({ code: 'custom', path: [name], message: SECRET_ON_ARGV });
    }
  }
});

export const AnsibleConfig = z.strictObject({
  /** The playbook, repo-relative (`ansible/playbooks/indri.yml`). */
  playbook: z.string().min(1),
  /**
   * The ansible.cfg that governs the layer, repo-relative; ansible-playbook runs in its folder.
   * Default: the nearest ansible.cfg upward from the playbook's folder, within the repo.
   */
  config: z.string().min(1).optional(),
  /** Inventory file or directory, repo-relative (`-i`). Default: the ansible.cfg's, else ansible's own. */
  inventory: z.string().min(1).optional(),
  /** Host pattern (`--limit`), e.g. `indri` or `web,!db`. */
  limit: z.string().min(1).optional(),
  /** Only run tasks with these tags (`--tags`). */
  tags: TagList.optional(),
  /** Skip tasks with these tags (`--skip-tags`). */
  skipTags: TagList.optional(),
  /** Variables passed as one JSON `--extra-vars`; never secrets (they would be on argv). */
  extraVars: ExtraVars.optional(),
  /** Plan with `--check --diff` (default true). False: plan predicts nothing and apply always runs. */
  check: z.boolean().default(true),
});
export type AnsibleConfig = z.infer<typeof AnsibleConfig>;

// ---- events of the blumeops_events callback: every line carries `"blumeops": 1` ----

const Tagged = { blumeops: z.literal(1) };

export const HostStats = z.looseObject({
  ok: z.number(),
  changed: z.number(),
  failures: z.number(),
  unreachable: z.number(),
  skipped: z.number(),
  rescued: z.number().optional(),
  ignored: z.number().optional(),
});
export type HostStats = z.infer<typeof HostStats>;

export const ResultStatus = z.enum(['ok', 'changed', 'failed', 'skipped', 'unreachable']);
export type ResultStatus = z.infer<typeof ResultStatus>;

const HostTask = {
  ...Tagged,
  host: z.string(),
  task: z.string(),
  action: z.string(),
  uuid: z.string(),
};

const ResultFields = {
  ...HostTask,
  status: ResultStatus,
  changed: z.boolean(),
  msg: z.string().optional(),
  rc: z.number().nullish(),
  stderr: z.string().optional(),
  stdout: z.string().optional(),
  module_stderr: z.string().optional(),
  check_mode_skip: z.boolean().optional(),
  ignore_errors: z.boolean().optional(),
  warnings: z.array(z.string()).optional(),
};

export const DiffEntry = z.looseObject({
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  before_header: z.string().optional(),
  after_header: z.string().optional(),
});
export type DiffEntry = z.infer<typeof DiffEntry>;

export const AnsibleEvent = z.discriminatedUnion('event', [
  z.looseObject({ ...Tagged, event: z.literal('playbook_start'), playbook: z.string() }),
  z.looseObject({ ...Tagged, event: z.literal('play_start'), name: z.string(), check_mode: z.boolean() }),
  z.looseObject({
    ...Tagged,
    event: z.literal('task_start'),
    task: z.string(),
    action: z.string(),
    uuid: z.string(),
    handler: z.boolean().optional(),
  }),
  z.looseObject({
    ...ResultFields,
    event: z.literal('result'),
    items: z.number().optional(),
    check_mode_skip_items: z.number().optional(),
  }),
  z.looseObject({ ...ResultFields, event: z.literal('item'), item: z.unknown() }),
  z.looseObject({
    ...HostTask,
    event: z.literal('diff'),
    diff: z.array(DiffEntry),
    rendered: z.string(),
    item: z.unknown().optional(),
  }),
  z.looseObject({ ...Tagged, event: z.literal('no_hosts_matched'), play: z.string().nullish() }),
  z.looseObject({ ...Tagged, event: z.literal('no_hosts_remaining'), play: z.string().nullish() }),
  z.looseObject({ ...Tagged, event: z.literal('retry'), host: z.string(), task: z.string() }),
  z.looseObject({ ...Tagged, event: z.literal('stats'), hosts: z.record(z.string(), HostStats) }),
]);
export type AnsibleEvent = z.infer<typeof AnsibleEvent>;
export type ResultEvent = Extract<AnsibleEvent, { event: 'result' }>;
export type DiffEvent = Extract<AnsibleEvent, { event: 'diff' }>;
