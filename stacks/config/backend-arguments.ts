// Terraform's own argument names per backend type, for did-you-mean hints on `backend:` keys. Read from the
// Terraform source at v1.11.4 (the version on PATH and in CI): internal/backend/init/init.go (which backends exist),
// internal/backend/remote-state/<type>/backend.go (each backend's schema, top-level attributes and blocks),
// internal/backend/remote/backend.go, internal/backend/local/backend.go, internal/cloud/backend.go.
// Data only; regenerate by reading those files when the pinned Terraform changes.

export const TERRAFORM_VERSION_READ = "1.11.4";

export const TERRAFORM_BACKEND_ARGUMENTS: { readonly [type: string]: readonly string[] } = {
  local: ["path", "workspace_dir"],
  cloud: ["hostname", "organization", "token", "workspaces"],
  remote: ["hostname", "organization", "token", "workspaces"],
  s3: [
    "access_key", "acl", "allowed_account_ids", "assume_role", "assume_role_with_web_identity", "bucket", "custom_ca_bundle",
    "dynamodb_endpoint", "dynamodb_table", "ec2_metadata_service_endpoint", "ec2_metadata_service_endpoint_mode", "encrypt",
    "endpoint", "endpoints", "forbidden_account_ids", "force_path_style", "http_proxy", "https_proxy", "iam_endpoint",
    "insecure", "key", "kms_key_id", "max_retries", "no_proxy", "profile", "region", "retry_mode", "secret_key",
    "shared_config_files", "shared_credentials_file", "shared_credentials_files", "skip_credentials_validation",
    "skip_metadata_api_check", "skip_region_validation", "skip_requesting_account_id", "skip_s3_checksum", "sse_customer_key",
    "sts_endpoint", "sts_region", "token", "use_dualstack_endpoint", "use_fips_endpoint", "use_lockfile", "use_path_style",
    "workspace_key_prefix",
  ],
  azurerm: [
    "access_key", "ado_pipeline_service_connection_id", "client_certificate", "client_certificate_password", "client_certificate_path",
    "client_id", "client_id_file_path", "client_secret", "client_secret_file_path", "container_name", "endpoint", "environment",
    "key", "lookup_blob_endpoint", "metadata_host", "msi_endpoint", "oidc_request_token", "oidc_request_url", "oidc_token",
    "oidc_token_file_path", "resource_group_name", "sas_token", "snapshot", "storage_account_name", "subscription_id",
    "tenant_id", "use_aks_workload_identity", "use_azuread_auth", "use_cli", "use_msi", "use_oidc",
  ],
  consul: ["access_token", "address", "ca_file", "cert_file", "datacenter", "gzip", "http_auth", "key_file", "lock", "path", "scheme"],
  cos: [
    "accelerate", "acl", "assume_role", "bucket", "cam_role_name", "domain", "encrypt", "endpoint", "key", "prefix", "profile",
    "region", "secret_id", "secret_key", "security_token", "shared_credentials_dir",
  ],
  gcs: [
    "access_token", "bucket", "credentials", "encryption_key", "impersonate_service_account", "impersonate_service_account_delegates",
    "kms_encryption_key", "prefix", "storage_custom_endpoint",
  ],
  http: [
    "address", "client_ca_certificate_pem", "client_certificate_pem", "client_private_key_pem", "lock_address", "lock_method",
    "password", "retry_max", "retry_wait_max", "retry_wait_min", "skip_cert_verification", "unlock_address", "unlock_method",
    "update_method", "username",
  ],
  kubernetes: [
    "client_certificate", "client_key", "cluster_ca_certificate", "config_context", "config_context_auth_info", "config_context_cluster",
    "config_path", "config_paths", "exec", "host", "in_cluster_config", "insecure", "labels", "load_config_file", "namespace",
    "password", "proxy_url", "secret_suffix", "token", "username",
  ],
  oss: [
    "access_key", "acl", "assume_role", "assume_role_policy", "assume_role_role_arn", "assume_role_session_expiration",
    "assume_role_session_name", "bucket", "ecs_role_name", "encrypt", "endpoint", "key", "prefix", "profile", "region",
    "secret_key", "security_token", "shared_credentials_file", "sts_endpoint", "tablestore_endpoint", "tablestore_table",
  ],
  pg: ["conn_str", "schema_name", "skip_index_creation", "skip_schema_creation", "skip_table_creation"],
};

/** Backends Terraform 1.3 and later removed (init.go's RemovedBackends), with Terraform's own words. */
export const REMOVED_BACKENDS: { readonly [type: string]: string } = {
  artifactory: 'The "artifactory" backend is not supported in Terraform v1.3 or later.',
  azure: 'The "azure" backend name has been removed, please use "azurerm".',
  etcd: 'The "etcd" backend is not supported in Terraform v1.3 or later.',
  etcdv3: 'The "etcdv3" backend is not supported in Terraform v1.3 or later.',
  manta: 'The "manta" backend is not supported in Terraform v1.3 or later.',
  swift: 'The "swift" backend is not supported in Terraform v1.3 or later.',
};
