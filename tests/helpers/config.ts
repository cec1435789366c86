/** The start of most test repos' blumeops.yaml: the tailnet as a pulumi layer (more keys may follow). */
export const TAILNET_CONFIG = `version: 1
layers:
  tailnet:
    kind: pulumi
    dir: pulumi/tailscale
    stack: tail8d86e
`;

/** A Pulumi YAML program of five resources (one per step, so a Ctrl-C can land mid-apply). */
export const FIVE_RESOURCES_PROGRAM = `name: blumeops-tailnet
runtime: yaml
resources:
${['acl', 'dns', 'tags', 'keys', 'routes'].map((name) => `  ${name}:\n    type: tailscale:index/${name}:Thing\n    properties:\n      value: ${name}\n`).join('')}`;

/** A Pulumi YAML program tagging one device: change the tag for a change to apply. */
export const deviceTagsProgram = (tag: string) => `name: blumeops-tailnet
runtime: yaml
resources:
  indri-tags:
    type: tailscale:index/deviceTags:DeviceTags
    properties:
      deviceId: nodeid-indri
      tags: ["${tag}"]
`;
