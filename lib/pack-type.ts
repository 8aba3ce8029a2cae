// How Palette installs a pack, in a file of its own so that registries and layers can both name it.
/** How Palette installs a pack. */
export enum PackType {
  SPECTRO = "spectro",
  HELM = "helm",
  OCI = "oci",
  MANIFEST = "manifest",
}
