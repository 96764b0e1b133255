#!/usr/bin/env bash
# The install test: builds the .deb (installer/package.sh), installs it into a fresh root with
# `dpkg --root` (no container, and this machine's own package database is not touched), then, with
# the network unreachable (unshare -n) and an empty home folder, as an unprivileged user when run as
# root:
#   - `wfnet --version` must print the pom's version;
#   - `wfnet evaluate` on the installed sample model and subset must report the 2,000 test images;
#   - `wfnet pretrain` writes a model whose provenance records that version;
#   - `wfnet import` of a TensorFlow SavedModel (a test fixture) runs TensorFlow from the installed,
#     already unpacked libraries and matches it;
#   - `wfnet-workbench` must map its window ("WF-Net Workbench") on an Xvfb display;
# and none of them may write into the installed tree, unpack natives (~/.djl.ai, ~/.openjfx) or
# reach the network. Then it purges the package and checks nothing of it is left in the root.
# Prints the installed size and the start times it saw (first starts after installing; only
# meaningful on an otherwise idle machine).
#
# Usage: installer/install-test.sh [PACKAGE.deb]   (without one it builds one)
# Needs: dpkg-deb, unshare and setpriv (util-linux), Xvfb (xvfb), xwininfo (x11-utils); fakeroot when
# not run as root.
set -euo pipefail
root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
name=wfnet-workbench
say() { echo "install-test: $*" >&2; }
fail() { say "FAILED: $*"; exit 1; }

for tool in dpkg dpkg-deb unshare setpriv Xvfb xwininfo; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (installer/setup.sh installs what the tests need)"
done
if [ "$(id -u)" -ne 0 ]; then
  command -v fakeroot >/dev/null || fail "fakeroot is needed to install without being root"
fi

deb="${1:-}"
if [ -z "$deb" ]; then
  "$root_dir/installer/package.sh"
  deb="$(ls -t "$root_dir"/target/package/${name}_*_amd64.deb | head -1)"
fi
version="$(unzip -p "$root_dir/target/dist/wfnet.jar" META-INF/MANIFEST.MF | sed -n 's/^Implementation-Version: *//p' | tr -d '\r')"
[ "$(dpkg-deb -f "$deb" Version)" = "${version//-/\~}" ] || fail "$deb is not version $version"

work="$(mktemp -d /tmp/wfnet-install-test.XXXXXX)"
display=""
cleanup() {
  [ -n "${window_pid:-}" ] && kill "$window_pid" 2>/dev/null || true
  [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
chmod 755 "$work"
target="$work/root"     # the fresh root
home="$work/home"       # the user's empty home folder
mkdir -p "$target/var/lib/dpkg/info" "$target/var/lib/dpkg/updates" "$target/var/lib/dpkg/triggers" \
  "$target/var/log" "$home"
touch "$target/var/lib/dpkg/status" "$target/var/lib/dpkg/available"

# ---- the package's dependencies are what this machine provides ----
for dependency in $(dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/[ (].*//' | grep .); do
  dpkg -s "$dependency" >/dev/null 2>&1 || fail "the package depends on $dependency, which is not installed here"
done

# ---- install ----
# the fresh root's database is empty, so dependencies are taken from this machine (checked above)
dpkg_root=(dpkg --root="$target" --log="$target/var/log/dpkg.log" --force-depends)
if [ "$(id -u)" -ne 0 ]; then
  dpkg_root=(fakeroot "${dpkg_root[@]}")
fi
started=$SECONDS
output="$("${dpkg_root[@]}" -i "$deb" 2>&1)" || fail "dpkg -i failed: $output"
say "installed $deb in $((SECONDS - started)) s"
installed="$target/opt/$name"
for file in usr/bin/wfnet usr/bin/$name usr/share/applications/$name.desktop usr/share/mime/packages/$name.xml \
  usr/share/icons/hicolor/256x256/apps/$name.png usr/share/doc/$name/copyright; do
  [ -e "$target/$file" ] || fail "the package did not install /$file"
done
grep -q '^MimeType=application/x-wfnet-session;$' "$target/usr/share/applications/$name.desktop" \
  || fail "the desktop entry does not open .wfsession files"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$target/usr/share/applications/$name.desktop" || fail "the desktop entry is not valid"
fi
size_kb="$(du -sk "$target/opt" "$target/usr" | awk '{s += $1} END {print s}')"
say "installed size: $((size_kb / 1024)) MB (dpkg's Installed-Size: $(( $(dpkg-deb -f "$deb" Installed-Size) / 1024 )) MB)"

# ---- run it: no network, an empty home, not the owner of the installed files ----
if [ "$(id -u)" -eq 0 ]; then
  chown nobody "$home"
  as_user=(unshare -n setpriv --reuid=nobody --regid=nogroup --clear-groups --)
else
  as_user=(unshare -rn --)
fi
# Java takes its home folder from the password database, not from $HOME: it is passed on explicitly
environment() { echo HOME="$home" JAVA_TOOL_OPTIONS=-Duser.home="$home" PATH="$target/usr/bin:/usr/bin:/bin" \
  OMP_NUM_THREADS=1 ${display:+DISPLAY=$display}; }
run() { "${as_user[@]}" env -i $(environment) "$@"; }
before="$work/tree-before"
find "$target/opt" "$target/usr" -printf '%p %s %m %T@\n' | sort > "$before"

started_ms=$(date +%s%3N)
printed="$(run "$target/usr/bin/wfnet" --version 2>/dev/null)"
say "wfnet --version: '$printed' in $(( $(date +%s%3N) - started_ms )) ms"
[ "$printed" = "wfnet $version" ] || fail "wfnet --version printed '$printed', not 'wfnet $version'"

started_ms=$(date +%s%3N)
evaluation="$(run "$target/usr/bin/wfnet" evaluate "$installed/lib/app/sample-models/small-cnn.safetensors" \
  --data fashion-mnist-bundled 2>&1)" || fail "wfnet evaluate failed: $evaluation"
say "wfnet evaluate on the installed sample: $(echo "$evaluation" | grep overall) in $(( $(date +%s%3N) - started_ms )) ms"
echo "$evaluation" | grep -q '| | \*\*overall\*\* | 2000 |' || fail "wfnet evaluate did not report 2,000 images: $evaluation"

model="$home/mlp.safetensors"
pretrained="$(run "$target/usr/bin/wfnet" pretrain --arch mlp --data fashion-mnist-bundled --epochs 1 \
  --train-limit 512 --batch 64 -o "$model" 2>&1)" || fail "wfnet pretrain failed: $pretrained"
info="$(run "$target/usr/bin/wfnet" info --json "$model" 2>&1)" || fail "wfnet info failed: $info"
echo "$info" | grep -q "\"wfnet\": \"$version\"" || fail "the model's provenance does not record $version: $info"
say "a model made by the installed wfnet records \"wfnet\": \"$version\" in its provenance"

savedmodel="$work/savedmodel"
cp -r "$root_dir/src/test/resources/imports/savedmodel/keras-objectgraph" "$savedmodel"
chmod -R a+rX "$savedmodel"
started_ms=$(date +%s%3N)
imported="$(run "$target/usr/bin/wfnet" import "$savedmodel" -o "$home/keras.safetensors" 2>&1)" \
  || fail "wfnet import of a SavedModel failed: $imported"
echo "$imported" | grep -q "matches the SavedModel's serving signature" \
  || fail "the SavedModel import was not verified by TensorFlow: $imported"
say "wfnet import of a SavedModel, verified by the installed TensorFlow, in $(( $(date +%s%3N) - started_ms )) ms"

for number in $(seq 90 140); do
  [ -e "/tmp/.X11-unix/X$number" ] || [ -e "/tmp/.X$number-lock" ] || { display=":$number"; break; }
done
[ -n "$display" ] || fail "no free X display number"
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 1 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
started_ms=$(date +%s%3N)
# not through run(): $! must be the program itself (unshare, setpriv and env exec into it), not a subshell
"${as_user[@]}" env -i $(environment) "$target/usr/bin/$name" > "$work/window.log" 2>&1 &
window_pid=$!
mapped=""
for _ in $(seq 1 900); do
  if DISPLAY="$display" xwininfo -root -tree 2>/dev/null | grep -q '"WF-Net Workbench"'; then
    mapped=$(( $(date +%s%3N) - started_ms )); break
  fi
  kill -0 "$window_pid" 2>/dev/null || break
  sleep 0.1
done
[ -n "$mapped" ] || fail "the window did not open within 90 s: $(cat "$work/window.log")"
say "wfnet-workbench mapped its window in $mapped ms"
sleep 5 # let it open the sample as a user would see it
kill -0 "$window_pid" 2>/dev/null || fail "the window closed by itself: $(cat "$work/window.log")"
# one window: an error dialog (a bad start, a sample that did not open) would be a second one
windows="$(DISPLAY="$display" xwininfo -root -tree | grep -c '"WF-Net Workbench"' || true)"
[ "$windows" -eq 1 ] || fail "$windows windows are open, not 1 (an error dialog?): $(cat "$work/window.log")"
# what it printed while running (closing it with a signal may add a complaint of its own)
cp "$work/window.log" "$work/window-running.log"
kill "$window_pid"; wait "$window_pid" 2>/dev/null || true
window_pid=""
if grep -v '^Picked up JAVA_TOOL_OPTIONS' "$work/window-running.log" | grep -q .; then
  fail "the window printed something: $(cat "$work/window-running.log")"
fi

after="$work/tree-after"
find "$target/opt" "$target/usr" -printf '%p %s %m %T@\n' | sort > "$after"
diff -q "$before" "$after" >/dev/null || fail "the programs wrote into the installed tree: $(diff "$before" "$after" | head)"
for unpacked in .djl.ai .javacpp .openjfx .cache/JNA; do
  # JavaCPP makes its (empty) cache folder even when it loads TensorFlow from the installed libraries
  [ -z "$(find "$home/$unpacked" -type f 2>/dev/null)" ] || fail "natives were unpacked into ~/$unpacked"
done
say "nothing was written into the installed tree; the home folder holds only the user's files: $(cd "$home" && ls -A | tr '\n' ' ')"

# ---- remove ----
output="$("${dpkg_root[@]}" --purge "$name" 2>&1)" || fail "dpkg --purge failed: $output"
left="$(find "$target" -mindepth 1 -not -path "$target/var" -not -path "$target/var/lib" \
  -not -path "$target/var/lib/dpkg" -not -path "$target/var/lib/dpkg/*" -not -path "$target/var/log" \
  -not -path "$target/var/log/dpkg.log")"
[ -z "$left" ] || fail "the purged package left: $left"
if dpkg --root="$target" -s "$name" >/dev/null 2>&1; then
  fail "dpkg still lists $name after the purge"
fi
say "purged: nothing left in the root but dpkg's own database"
say "PASSED ($version)"
