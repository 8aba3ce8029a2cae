// Generated bindings for spectrocloud/spectrocloud (workspace package @cdktf/provider-spectrocloud),
// re-exported under flat names so the rest of the library does not depend on the generator's namespaces.
import {
  addonDeployment,
  clusterProfile,
  dataSpectrocloudCluster,
  dataSpectrocloudClusterProfile,
  dataSpectrocloudPack,
  dataSpectrocloudProject,
  dataSpectrocloudRegistry,
  dataSpectrocloudRole,
  dataSpectrocloudUser,
  datavolume,
  provider,
  team,
  virtualMachine,
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
export const DataSpectrocloudProject = dataSpectrocloudProject.DataSpectrocloudProject;
export type DataSpectrocloudProject = dataSpectrocloudProject.DataSpectrocloudProject;
export const DataSpectrocloudRole = dataSpectrocloudRole.DataSpectrocloudRole;
export type DataSpectrocloudRole = dataSpectrocloudRole.DataSpectrocloudRole;
export const DataSpectrocloudUser = dataSpectrocloudUser.DataSpectrocloudUser;
export type DataSpectrocloudUser = dataSpectrocloudUser.DataSpectrocloudUser;
export const Team = team.Team;
export type Team = team.Team;
export type TeamConfig = team.TeamConfig;
export type TeamProjectRoleMapping = team.TeamProjectRoleMapping;
// Prefixed: the VirtualMachine construct (lib/virtual-machine.ts) owns the name.
export const SpectrocloudVirtualMachine = virtualMachine.VirtualMachine;
export type SpectrocloudVirtualMachine = virtualMachine.VirtualMachine;
export type SpectrocloudVirtualMachineConfig = virtualMachine.VirtualMachineConfig;
export type SpectrocloudVirtualMachineDisk = virtualMachine.VirtualMachineDisk;
export type SpectrocloudVirtualMachineVolume = virtualMachine.VirtualMachineVolume;
export type SpectrocloudVirtualMachineDataVolumeTemplates = virtualMachine.VirtualMachineDataVolumeTemplates;
export const Datavolume = datavolume.Datavolume;
export type Datavolume = datavolume.Datavolume;
export type DatavolumeConfig = datavolume.DatavolumeConfig;
