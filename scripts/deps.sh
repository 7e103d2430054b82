#!/usr/bin/env bash
# Install the Debian 12 packages cvegate builds, tests and benchmarks with.
set -euo pipefail
pkgs=(build-essential cmake pkg-config
      libsqlite3-dev zlib1g-dev libxml2-dev libssl-dev libyajl-dev libarchive-dev libcurl4-openssl-dev
      libcmocka-dev libxml2-utils sqlite3 clang clang-format python3 python3-jsonschema time git
      chromium)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
