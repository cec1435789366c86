/**
 * Pulumi URNs: `urn:pulumi:STACK::PROJECT::QUALIFIED_TYPE::NAME` (docs/tools/pulumi.md). The qualified
 * type carries the parent type chain separated by `$`; its last segment is the resource's own type.
 */

export interface ParsedUrn {
  stack: string;
  project: string;
  /** The resource type: the last `$` segment of the qualified type. */
  type: string;
  name: string;
}

const PREFIX = 'urn:pulumi:';

export function parseUrn(urn: string): ParsedUrn | undefined {
  if (!urn.startsWith(PREFIX)) return undefined;
  const parts = urn.slice(PREFIX.length).split('::');
  if (parts.length < 4) return undefined;
  const [stack, project, qualifiedType, ...rest] = parts;
  const type = qualifiedType.split('$').pop() ?? qualifiedType;
  // A name may itself contain `::`; everything after the type is the name.
  return { stack, project, type, name: rest.join('::') };
}

/**
 * `TYPE NAME` for a person, e.g. `tailscale:index/acl:Acl tailnet-acl`. The type given (from the
 * resource state) wins over the URN's; a string that is not a URN is returned as it is.
 */
export function resourceLabel(urn: string, type?: string | null): string {
  const parsed = parseUrn(urn);
  if (!parsed) return type ? `${type} ${urn}` : urn;
  return `${type || parsed.type} ${parsed.name}`;
}

/** True for the root `pulumi:pulumi:Stack` resource, whose diagnostics are the program's own. */
export function isStackUrn(urn: string): boolean {
  return parseUrn(urn)?.type === 'pulumi:pulumi:Stack';
}
