// The stack outputs other layers read: VmoProjectStack writes them, the pipeline reads them from state.

/**
 * The stack output listing the attachments, VMs and added disks whose `prevent_destroy` was applied (the name
 * predates VMs; existing states carry it). Terraform's prevent_destroy lives in config, so it stops nothing once a
 * block is removed from config; the list in state remembers what the last apply protected.
 */
export const PROTECTED_OUTPUT = "protected-attachments";
