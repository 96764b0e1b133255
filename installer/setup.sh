#!/usr/bin/env bash
# Sets up a fresh Debian/Ubuntu machine for the workbench: JDK 17, Maven, the full Fashion-MNIST
# (the bundled subset works without it), the libraries the window needs, then builds the jar.
# Usage: installer/setup.sh [--no-build]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# the last line: what installer/package.sh and the install test need beyond the build
packages=(openjdk-17-jdk-headless maven dataset-fashion-mnist libgtk-3-0 libgl1 xvfb
  unzip binutils fakeroot x11-utils)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [ "${1:-}" != "--no-build" ]; then
  (cd "$root" && mvn -q -B package -Dmaven.test.skip=true)
  echo "setup: built $root/target/wfnet.jar; run installer/wfnet --help" >&2
fi
