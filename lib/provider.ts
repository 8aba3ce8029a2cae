// Generated bindings for spectrocloud/spectrocloud (workspace package @cdktf/provider-spectrocloud),
// re-exported under flat names so the rest of the library does not depend on the generator's namespaces.
import {
  addonDeployment,
  clusterProfile,
  dataSpectrocloudCluster,
  dataSpectrocloudClusterProfile,
  dataSpectrocloudPack,
  dataSpectrocloudRegistry,
  provider,
} from "@cdktf/provider-spectrocloud";

export const SpectrocloudProvider = provider.SpectrocloudProvider;
export type SpectrocloudProvider = provider.SpectrocloudProvider;
export const ClusterProfile = clusterProfile.ClusterProfile;
export type ClusterProfile = clusterProfile.ClusterProfile;
export type ClusterProfilePack = clusterProfile.ClusterProfilePack;
export type ClusterProfilePackManifest = clusterProfile.ClusterProfilePackManifest;
export type ClusterProfileProfileVariablesVariable = clusterProfile.ClusterProfileProfileVariablesVariable;
export const AddonDeployment = addonDeployment.AddonDeployment;
export type AddonDeployment = addonDeployment.AddonDeployment;
export type AddonDeploymentClusterProfile = addonDeployment.AddonDeploymentClusterProfile;
export type AddonDeploymentClusterProfilePack = addonDeployment.AddonDeploymentClusterProfilePack;
export const DataSpectrocloudCluster = dataSpectrocloudCluster.DataSpectrocloudCluster;
export type DataSpectrocloudCluster = dataSpectrocloudCluster.DataSpectrocloudCluster;
export const DataSpectrocloudClusterProfile = dataSpectrocloudClusterProfile.DataSpectrocloudClusterProfile;
export type DataSpectrocloudClusterProfile = dataSpectrocloudClusterProfile.DataSpectrocloudClusterProfile;
export const DataSpectrocloudPack = dataSpectrocloudPack.DataSpectrocloudPack;
export type DataSpectrocloudPack = dataSpectrocloudPack.DataSpectrocloudPack;
export const DataSpectrocloudRegistry = dataSpectrocloudRegistry.DataSpectrocloudRegistry;
export type DataSpectrocloudRegistry = dataSpectrocloudRegistry.DataSpectrocloudRegistry;
