#!/usr/bin/env sh
# Installs the given Terraform version from releases.hashicorp.com into /usr/local/bin, checking the
# archive against HashiCorp's SHA256SUMS. For CI images without Terraform (the GitLab jobs); a no-op when the
# version is already on PATH.
set -eu
version="${1:?usage: install-terraform.sh VERSION}"
if command -v terraform >/dev/null 2>&1 && terraform version | head -1 | grep -q "v${version}\$"; then
  exit 0
fi
case "$(uname -m)" in
  x86_64) arch=amd64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "install-terraform: unsupported machine $(uname -m)" >&2; exit 1 ;;
esac
zip="terraform_${version}_linux_${arch}.zip"
base="https://releases.hashicorp.com/terraform/${version}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
curl -fsSLO "${base}/${zip}"
curl -fsSLO "${base}/terraform_${version}_SHA256SUMS"
grep " ${zip}\$" "terraform_${version}_SHA256SUMS" | sha256sum -c -
unzip -q "$zip" terraform
install -m 0755 terraform /usr/local/bin/terraform
terraform version
