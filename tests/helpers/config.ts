/** The start of most test repos' blumeops.yaml: the tailnet as a pulumi layer (more keys may follow). */
export const TAILNET_CONFIG = `version: 1
layers:
  tailnet:
    kind: pulumi
    dir: pulumi/tailscale
    stack: tail8d86e
`;
