export declare const DEMO_ARGOCD_TOKEN: string;
export declare function seedEmulators(files: { repo: string; vaultFile: string; argocdStateFile: string }): void;
