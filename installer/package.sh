#!/usr/bin/env bash
# Builds WF-Net Workbench as an application: a jpackage app-image (its own Java runtime, JavaFX, the
# jar and its libraries, PyTorch's native libraries already unpacked, the sample models and the
# bundled Fashion-MNIST subset) and a .deb of it for Debian/Ubuntu on amd64.
#
# Usage: installer/package.sh [--app-image]
#   --app-image   stop after the app-image: target/package/image/wfnet-workbench (runs from anywhere:
#                 bin/wfnet-workbench opens the window, bin/wfnet is the command line)
# Writes target/package/wfnet-workbench_<version>_amd64.deb, <version> being the pom's (a "-SNAPSHOT"
# becomes "~SNAPSHOT", which Debian sorts before the release).
# Environment: WFNET_DEB_COMPRESSION=zstd|xz|gzip|none (default zstd: 163 MB in seconds, read by the
#   dpkg of Debian 12 and Ubuntu 21.10 on; xz: 129 MB, readable by older dpkg too, but several
#   minutes of compression).
# Needs a JDK 17+ with jpackage (openjdk-17-jdk-headless), dpkg-deb (dpkg) and unzip; no network.
#
# What the installed program does differently from a clone: its launchers set -DPYTORCH_LIBRARY_PATH
# to the unpacked natives (DJL then loads them in place and never unpacks or downloads anything, so
# no ~/.djl.ai is made), -Dai.djl.offline=true, and the read-only data folders. TensorFlow's native
# libraries (tensorflow-core-native, used only to import a SavedModel) are likewise unpacked and
# stripped (about 495 MB, against 650 MB unpacked by JavaCPP into ~/.javacpp on first use from a
# clone), and found through JavaCPP's preload path (-Dorg.bytedeco.javacpp.pathsFirst=true
# -Dorg.bytedeco.javacpp.platform.preloadpath=$APPDIR/tensorflow), so nothing is unpacked. The .deb is assembled here rather than by jpackage --type deb,
# so that the desktop entry, icons, MIME type and the two commands on the PATH are files the package
# owns: dpkg removes every one of them, the desktop's own triggers register them, and the package
# installs into any root (dpkg --root), which the install test relies on.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/build-if-stale.sh" # sets $root and $dist (target/dist: jar and lib/)

app_image_only=false
[ "${1:-}" = "--app-image" ] && app_image_only=true
name=wfnet-workbench
out="$root/target/package"
input="$out/input"
image="$out/image"
started=$SECONDS

version="$(unzip -p "$dist/wfnet.jar" META-INF/MANIFEST.MF | sed -n 's/^Implementation-Version: *//p' | tr -d '\r')"
[ -n "$version" ] || { echo "package: $dist/wfnet.jar has no Implementation-Version" >&2; exit 1; }

# ---- the application folder jpackage copies to lib/app ----
rm -rf "$input" "$image"
mkdir -p "$input/lib" "$input/pytorch" "$input/tensorflow" "$input/assets" "$image"
cp "$dist/wfnet.jar" "$input/"
for jar in "$dist"/lib/*.jar; do
  case "$(basename "$jar")" in
    # unpacked below instead; the JNI jar's other platforms are of no use here
    pytorch-native-cpu-*|pytorch-jni-*) ;;
    # TensorFlow's native libraries: unpacked below instead
    tensorflow-core-native-*-linux-x86_64.jar) ;;
    *) cp "$jar" "$input/lib/" ;;
  esac
done
# PyTorch: libtorch, libc10, libgomp and DJL's JNI library in one folder, the layout DJL's
# PYTORCH_LIBRARY_PATH expects (it finds libdjl_torch.so beside libtorch.so)
unzip -q -j -o "$(ls "$dist"/lib/pytorch-native-cpu-*-linux-x86_64.jar)" 'pytorch/cpu/linux-x86_64/*' -d "$input/pytorch"
unzip -q -j -o "$(ls "$dist"/lib/pytorch-jni-*.jar)" 'jnilib/linux-x86_64/cpu/libdjl_torch.so' -d "$input/pytorch"
# TensorFlow (for importing SavedModels): libtensorflow_cc, libtensorflow_framework and the JNI library
unzip -q -j -o "$(ls "$dist"/lib/tensorflow-core-native-*-linux-x86_64.jar)" \
  'org/tensorflow/internal/c_api/linux-x86_64/*.so*' -d "$input/tensorflow"
# their static symbol tables serve debuggers only (the engines and JNA look symbols up in the dynamic
# table, which stays): about 90 MB less for PyTorch, 190 MB for TensorFlow
if command -v strip >/dev/null; then
  strip --strip-unneeded "$input"/pytorch/*.so* "$input"/tensorflow/*.so*
else
  echo "package: no strip (binutils): the engines' libraries keep their symbol tables (about 280 MB more)" >&2
fi
# JavaFX's natives beside its jars: JavaFX loads them from there instead of unpacking them into
# ~/.openjfx on first start (which fails where the home folder is not writable)
for jar in "$dist"/lib/javafx-*-linux.jar; do
  if unzip -Z1 "$jar" '*.so' >/dev/null 2>&1; then
    unzip -q -j -o "$jar" '*.so' -d "$input/lib"
  fi
done
# JNA's own native part likewise (the launchers point JNA at it), instead of ~/.cache/JNA
unzip -q -j -o "$(ls "$dist"/lib/jna-*.jar)" 'com/sun/jna/linux-x86-64/libjnidispatch.so' -d "$input/lib"
# read-only data: the sample models and banks, the bundled Fashion-MNIST subset, the icons
cp -r "$root/sample-models" "$input/"
cp -r "$root/assets/fashion-mnist" "$root/assets/icons" "$input/assets/"
cp "$root/installer/linux/logging.properties" "$input/"

# ---- the app-image ----
# the modules jdeps finds (java.desktop, java.logging, java.xml come with them), plus what is
# reached only at run time: zip file systems, the management extensions, EC crypto for jars
modules=java.base,java.compiler,java.desktop,java.logging,java.management,java.prefs,java.sql,java.xml,jdk.jfr
modules+=,jdk.unsupported,jdk.unsupported.desktop,jdk.zipfs,jdk.management,jdk.crypto.ec
jpackage --type app-image --dest "$image" --name "$name" --app-version "${version%%-*}" \
  --description "WF-Net Workbench: machine unlearning and explainability with WF-Net weight filtering" \
  --vendor "WF-Net Workbench" \
  --input "$input" --main-jar wfnet.jar --main-class dev.wfnet.app.WorkbenchLauncher \
  --add-launcher wfnet="$root/installer/linux/wfnet-launcher.properties" \
  --icon "$root/assets/icons/wfnet-workbench-256.png" \
  --add-modules "$modules" \
  --java-options '-Dai.djl.offline=true' \
  --java-options '-DPYTORCH_LIBRARY_PATH=$APPDIR/pytorch' \
  --java-options '-Dorg.bytedeco.javacpp.pathsFirst=true' \
  --java-options '-Dorg.bytedeco.javacpp.platform.preloadpath=$APPDIR/tensorflow' \
  --java-options '-Dwfnet.assets=$APPDIR/assets' \
  --java-options '-Dwfnet.samples=$APPDIR/sample-models' \
  --java-options '-Djna.boot.library.path=$APPDIR/lib' --java-options '-Djna.nounpack=true' \
  --java-options '-Djava.util.logging.config.file=$APPDIR/logging.properties' \
  --java-options '-XX:MaxRAMPercentage=60'
app="$image/$name"
echo "package: app-image $app ($(du -sh "$app" | cut -f1), $((SECONDS - started)) s)" >&2
$app_image_only && exit 0

# ---- the .deb ----
deb_started=$SECONDS
deb_version="${version//-/\~}"
deb="$out/${name}_${deb_version}_amd64.deb"
staging="$out/deb-root"
rm -rf "$staging" "$deb"
mkdir -p "$staging/opt" "$staging/usr/bin" "$staging/DEBIAN"
cp -a "$app" "$staging/opt/$name"
ln -s "../../opt/$name/bin/wfnet" "$staging/usr/bin/wfnet"
ln -s "../../opt/$name/bin/$name" "$staging/usr/bin/$name"
install -D -m 644 "$root/installer/linux/$name.desktop" "$staging/usr/share/applications/$name.desktop"
install -D -m 644 "$root/installer/linux/$name-mime.xml" "$staging/usr/share/mime/packages/$name.xml"
for size in 16 32 48 64 128 256; do
  install -D -m 644 "$root/assets/icons/$name-$size.png" "$staging/usr/share/icons/hicolor/${size}x${size}/apps/$name.png"
done
install -D -m 644 "$root/assets/icons/$name.svg" "$staging/usr/share/icons/hicolor/scalable/apps/$name.svg"
doc="$staging/usr/share/doc/$name"
mkdir -p "$doc"
[ -f "$root/CHANGELOG.md" ] && install -m 644 "$root/CHANGELOG.md" "$doc/changelog.md"
{
  echo "WF-Net Workbench $version"
  echo
  echo "Bundled third-party components and their licences (also under Help > About):"
  unzip -p "$dist/wfnet.jar" dev/wfnet/io/bundled-components.txt | grep -v '^#' | sed 's/^/  /'
  echo
  echo "The bundled Fashion-MNIST subset: /opt/$name/lib/app/assets/fashion-mnist/LICENSE (MIT)."
} > "$doc/copyright"
# everything readable by all and written by none but root; executables stay executable
chmod -R u+rwX,go+rX,go-w "$staging"
cat > "$staging/DEBIAN/control" <<EOF
Package: $name
Version: $deb_version
Architecture: amd64
Maintainer: ${WFNET_MAINTAINER:-WF-Net Workbench maintainers <maintainers@wfnet.invalid>}
Installed-Size: $(du -sk --exclude=DEBIAN "$staging" | cut -f1)
Depends: libc6, libstdc++6, libgcc-s1, zlib1g, libgtk-3-0, libgl1, libxtst6, libxi6, libxrender1
Section: science
Priority: optional
Description: machine unlearning and explainability workbench (WF-Net)
 Load a pretrained image classifier, train a WF-Net bank of per-class weight
 filters, forget classes live and see what the filters learned; the same on a
 command line (wfnet). Bundles its Java runtime, JavaFX and PyTorch (CPU),
 sample models and a Fashion-MNIST subset; works offline. Imports PyTorch,
 Keras and TensorFlow SavedModel files (TensorFlow's CPU library included).
EOF
dpkg-deb --root-owner-group -Z"${WFNET_DEB_COMPRESSION:-zstd}" --build "$staging" "$deb" >/dev/null
rm -rf "$staging"
echo "package: $deb ($(du -h "$deb" | cut -f1), installs $(dpkg-deb -f "$deb" Installed-Size) KB;" \
  "$((SECONDS - deb_started)) s for the .deb, $((SECONDS - started)) s in all)" >&2
