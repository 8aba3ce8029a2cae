// The package barrel: every public construct, type and rule of palette-vmo-cdktf.
export * from "./cluster-profile";
export * from "./context";
export * from "./pack-layer";
export * from "./pack-registry";
export * from "./palette-cluster";
export * from "./palette-provider";
export * from "./palette-team";
export * from "./problems";
export * from "./spectro-proxy-pack";
export * from "./values";
export * from "./versions";
export * from "./vm-role-bindings";
export * from "./vmo-addon-profile";
export * from "./vmo-cluster-attachment";
export * from "./vmo-pack";
export * from "./vmo-profile-check";
export * from "./rules";
