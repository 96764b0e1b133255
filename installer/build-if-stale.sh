# Sourced by installer/wfnet and installer/workbench: builds the jar when it is missing or older
# than the sources, and publishes it to target/dist by rename, so a build never rewrites a jar
# that a running workbench or wfnet still reads. Sets $root and $dist.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dist="$root/target/dist"
if [ ! -f "$dist/wfnet.jar" ] || [ -n "$(find "$root/src/main" "$root/pom.xml" -newer "$dist/wfnet.jar" -print -quit)" ]; then
  echo "wfnet: building (mvn package)..." >&2
  (cd "$root" && { mvn -q -o package -Dmaven.test.skip=true 2>/dev/null || mvn -q package -Dmaven.test.skip=true; }) >&2
  staging="$(mktemp -d "$root/target/.dist.XXXXXX")"
  cp -r "$root/target/wfnet.jar" "$root/target/lib" "$staging/"
  rm -rf "$dist.old"; [ -d "$dist" ] && mv "$dist" "$dist.old"
  mv "$staging" "$dist"
fi
