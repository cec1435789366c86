import * as z from 'zod';

/** The stable `doctor --json` document (version 1). */
export const CheckStatusValues = ['ok', 'fail', 'skip', 'warn'] as const;
export type CheckStatus = (typeof CheckStatusValues)[number];

/** One row of `blumeops doctor`. */
export const DoctorCheck = z.strictObject({
  /** What was checked: `config`, `git`, `pulumi`, `pulumi auth`, `remote origin`, `indri: inventory`. */
  name: z.string(),
  status: z.enum(CheckStatusValues),
  /** One line: what was found. */
  detail: z.string(),
  /** What to do about a `fail` (or a `warn`); null when there is nothing to do. */
  fix: z.string().nullable(),
});
export type DoctorCheck = z.infer<typeof DoctorCheck>;

export const DoctorDocument = z.strictObject({
  version: z.literal(1),
  checks: z.array(DoctorCheck),
  /** 1 when any check failed, else 0. */
  exitCode: z.union([z.literal(0), z.literal(1)]),
});
export type DoctorDocument = z.infer<typeof DoctorDocument>;

export function ok(name: string, detail: string): DoctorCheck {
  return { name, status: 'ok', detail, fix: null };
}

export function fail(name: string, detail: string, fix: string): DoctorCheck {
  return { name, status: 'fail', detail, fix };
}

export function skip(name: string, detail: string): DoctorCheck {
  return { name, status: 'skip', detail, fix: null };
}

export function warn(name: string, detail: string, fix: string | null = null): DoctorCheck {
  return { name, status: 'warn', detail, fix };
}
