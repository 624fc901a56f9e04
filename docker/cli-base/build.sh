#!/usr/bin/env bash
# Builds the local base image of the ctkit CLI image, `ctkit/cli-base:17`, without any registry.
# It differs from ctkit/jre:17 (the scoring base) in what the CLI needs and the scoring server
# does not: java.desktop (the evaluation plots, headless, with the DejaVu fonts and fontconfig),
# the C++ and math libraries that ND4J's native code links, and a POSIX shell with a few core
# utilities, because Tekton runs a Task's `script` with /bin/sh. glibc comes from the build host,
# as for ctkit/jre:17. Skips the build when the image exists and this script is unchanged (the
# script's hash is an image label); --force rebuilds. The CLI image itself is built with Jib on
# top of this base (io.ctkit.image.CliImageBuilder, bin/ctkit-image).
#   usage: docker/cli-base/build.sh [--force] [--tag NAME]
set -euo pipefail

tag="ctkit/cli-base:17"
force=0
while (($#)); do
  case "$1" in
    --force) force=1 ;;
    --tag) tag="$2"; shift ;;
    -h|--help) sed -n 2,10p "$0"; exit 0 ;;
    *) echo "build.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
self_hash="$({ cat "$0"; "$java_home/bin/java" -version 2>&1; } | sha256sum | cut -c1-16)"
if ((force == 0)) && [[ "$(docker image inspect -f '{{index .Config.Labels "io.ctkit.base.recipe"}}' "$tag" 2>/dev/null || true)" == "$self_hash" ]]; then
  echo "cli-base: $tag is up to date"
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"

modules="java.se,jdk.unsupported,jdk.crypto.ec,jdk.zipfs,jdk.management,jdk.naming.dns,jdk.net"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress=2 --output "$root/opt/java" >/dev/null

# The shell and the utilities a Task script may use; everything else is the CLI's job.
mkdir -p "$root/bin"
cp -L "$(command -v dash)" "$root/bin/sh"
tools="cat cp mkdir mv rm ls env id date sha256sum tee head tail wc sleep"
for tool in $tools; do
  cp -L "$(command -v "$tool")" "$root/bin/$tool"
done

# Libraries found by name: ND4J's and OpenBLAS's natives (extracted from the jar at run time)
# link libstdc++ and libm; Java loads fontconfig with dlopen, which ldd cannot see.
named=""
for name in libstdc++.so.6 libm.so.6 libdl.so.2 libpthread.so.0 libz.so.1 libgcc_s.so.1 libfontconfig.so.1; do
  path="$(ldconfig -p | awk -v n="$name" '$1 == n && /x86-64/ {print $NF; exit}')"
  [[ -n "$path" ]] || { echo "cli-base: the build host lacks $name" >&2; exit 1; }
  named="$named $path"
done
libs="$( { for f in $named "$root/opt/java/bin/java" "$root"/bin/*; do ldd "$f"; done
           find "$root/opt/java" -name '*.so' -exec ldd {} \; ; } 2>/dev/null | grep -o '/[^ ]*' | sort -u)"
for lib in $named $libs /lib/x86_64-linux-gnu/libnss_files.so.2 /lib/x86_64-linux-gnu/libnss_dns.so.2 \
           /lib/x86_64-linux-gnu/libresolv.so.2; do
  [[ -e "$lib" && "$lib" != "$root"* ]] || continue
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done
for lib in $(ldd $named 2>/dev/null | grep -o '/[^ ]*' | sort -u); do
  [[ -e "$lib" && ! -e "$root$lib" ]] || continue
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done
[[ -d /lib64 ]] && mkdir -p "$root/lib64" && cp -L /lib64/ld-linux-x86-64.so.2 "$root/lib64/"

# Fonts for the plots' labels.
if [[ ! -d /usr/share/fonts/truetype/dejavu || ! -d /etc/fonts ]]; then
  echo "cli-base: the DejaVu fonts and fontconfig are needed (apt-get install fonts-dejavu-core fontconfig)" >&2
  exit 1
fi
mkdir -p "$root/usr/share/fonts/truetype" "$root/etc"
cp -rL /usr/share/fonts/truetype/dejavu "$root/usr/share/fonts/truetype/"
cp -rL /etc/fonts "$root/etc/"

# The C.UTF-8 locale, so that Java's console encoding is UTF-8 (the reports print "95% CI a–b").
if [[ -d /usr/lib/locale/C.utf8 ]]; then
  mkdir -p "$root/usr/lib/locale"
  cp -r /usr/lib/locale/C.utf8 "$root/usr/lib/locale/"
fi

mkdir -p "$root/tmp" "$root/app" "$root/home/ctkit" "$root/workspace" "$root/var/cache/fontconfig"
chmod 1777 "$root/tmp" "$root/var/cache/fontconfig"
printf 'root:x:0:0:root:/root:/sbin/nologin\nctkit:x:10001:10001:ctkit:/home/ctkit:/bin/sh\n' >"$root/etc/passwd"
printf 'root:x:0:\nctkit:x:10001:\n' >"$root/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$root/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n::1 localhost\n' >"$root/etc/hosts"
chown 10001:10001 "$root/home/ctkit" "$root/workspace"

old_id="$(docker image inspect -f '{{.Id}}' "$tag" 2>/dev/null || true)"
tar -C "$root" --numeric-owner -cf "$work/rootfs.tar" .
docker import \
  --change 'ENV PATH=/opt/java/bin:/usr/bin:/bin' \
  --change 'ENV JAVA_HOME=/opt/java' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'ENV HOME=/home/ctkit' \
  --change 'USER 10001:10001' \
  --change 'WORKDIR /workspace' \
  --change "LABEL io.ctkit.base.recipe=$self_hash" \
  --change "LABEL org.opencontainers.image.description=\"ctkit CLI base, jlink of $("$java_home/bin/java" -version 2>&1 | head -n1 | tr -d '"')\"" \
  "$work/rootfs.tar" "$tag" >/dev/null
if [[ -n "$old_id" && "$old_id" != "$(docker image inspect -f '{{.Id}}' "$tag")" ]]; then
  docker image rm "$old_id" >/dev/null 2>&1 || true   # the previous build, now untagged
fi
echo "cli-base: built $tag ($(docker image inspect -f '{{.Size}}' "$tag" | awk '{printf "%.0f MB", $1/1e6}'))"
