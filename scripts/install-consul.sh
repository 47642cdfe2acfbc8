#!/usr/bin/env bash
# Installs a real Consul agent into .tools/consul for development and tests, without touching the system's
# package sources: Debian's current release has no consul, the previous one (bullseye) ships 1.8.7.
# Idempotent: does nothing when .tools/consul/usr/bin/consul already runs.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/.tools/consul"
binary="$dest/usr/bin/consul"

if [ -x "$binary" ] && "$binary" version >/dev/null 2>&1; then
  echo "consul already installed: $("$binary" version | head -n 1)"
  exit 0
fi

uri="$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)"
uri="${uri:-http://deb.debian.org/debian}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/archives/partial"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri bullseye main" >"$work/sources.list"

apt_opts=(
  -o "Dir::State::Lists=$work/lists"
  -o "Dir::Etc::SourceList=$work/sources.list"
  -o "Dir::Etc::SourceParts=/dev/null"
  -o "Dir::Cache::Archives=$work/archives"
  -o "APT::Sandbox::User=root"
)
apt-get "${apt_opts[@]}" update -qq
(cd "$work" && apt-get "${apt_opts[@]}" download consul)

mkdir -p "$dest"
dpkg -x "$work"/consul_*.deb "$dest"
"$binary" version | head -n 1
