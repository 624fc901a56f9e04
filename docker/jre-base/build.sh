#!/usr/bin/env bash
# Builds the local base image for scoring containers, `ctkit/jre:17`, without any registry:
# a jlink runtime of the build JDK, the glibc libraries it links (found with ldd), a non-root
# user, imported with `docker import`. Skips the build when the image exists and this script
# is unchanged (the script's hash is an image label); --force rebuilds.
#   usage: docker/jre-base/build.sh [--force] [--tag NAME]
set -euo pipefail

tag="ctkit/jre:17"
force=0
while (($#)); do
  case "$1" in
    --force) force=1 ;;
    --tag) tag="$2"; shift ;;
    -h|--help) sed -n 2,6p "$0"; exit 0 ;;
    *) echo "build.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
self_hash="$({ cat "$0"; "$java_home/bin/java" -version 2>&1; } | sha256sum | cut -c1-16)"
if ((force == 0)) && [[ "$(docker image inspect -f '{{index .Config.Labels "io.ctkit.base.recipe"}}' "$tag" 2>/dev/null || true)" == "$self_hash" ]]; then
  echo "jre-base: $tag is up to date"
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"

# Modules the scoring server needs: Netty wants jdk.unsupported, Micrometer java.management,
# Ed25519 signature checks jdk.crypto.ec; java.naming/net.http/jdk.zipfs cover common libraries.
modules="java.base,java.logging,java.management,java.naming,java.net.http,java.sql,java.xml,jdk.crypto.ec,jdk.unsupported,jdk.zipfs,jdk.management"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress=2 --output "$root/opt/java" >/dev/null

# The glibc (and other) libraries the runtime links, plus the loader, copied with their paths.
libs="$( { ldd "$root/opt/java/bin/java"; find "$root/opt/java" -name '*.so' -exec ldd {} \; ; } 2>/dev/null \
  | grep -o '/[^ ]*' | sort -u)"
for lib in $libs; do
  [[ -e "$lib" ]] || continue
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done
# Name-service modules, loaded with dlopen (ldd cannot see them).
for lib in /lib/x86_64-linux-gnu/libnss_files.so.2 /lib/x86_64-linux-gnu/libnss_dns.so.2 /lib/x86_64-linux-gnu/libresolv.so.2; do
  [[ -e "$lib" ]] && { mkdir -p "$root$(dirname "$lib")"; cp -L "$lib" "$root$lib"; }
done
[[ -d /lib64 ]] && mkdir -p "$root/lib64" && cp -L /lib64/ld-linux-x86-64.so.2 "$root/lib64/"

mkdir -p "$root/etc" "$root/tmp" "$root/app" "$root/home/ctkit"
chmod 1777 "$root/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\nctkit:x:10001:10001:ctkit:/home/ctkit:/sbin/nologin\n' >"$root/etc/passwd"
printf 'root:x:0:\nctkit:x:10001:\n' >"$root/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$root/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n::1 localhost\n' >"$root/etc/hosts"
chown 10001:10001 "$root/home/ctkit"

old_id="$(docker image inspect -f '{{.Id}}' "$tag" 2>/dev/null || true)"
tar -C "$root" --numeric-owner -cf "$work/rootfs.tar" .
docker import \
  --change 'ENV PATH=/opt/java/bin:/usr/bin:/bin' \
  --change 'ENV JAVA_HOME=/opt/java' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'USER 10001:10001' \
  --change 'WORKDIR /app' \
  --change "LABEL io.ctkit.base.recipe=$self_hash" \
  --change "LABEL org.opencontainers.image.description=\"ctkit base JRE, jlink of $("$java_home/bin/java" -version 2>&1 | head -n1 | tr -d '"')\"" \
  "$work/rootfs.tar" "$tag" >/dev/null
if [[ -n "$old_id" && "$old_id" != "$(docker image inspect -f '{{.Id}}' "$tag")" ]]; then
  docker image rm "$old_id" >/dev/null 2>&1 || true   # the previous build, now untagged
fi
echo "jre-base: built $tag ($(docker image inspect -f '{{.Size}}' "$tag" | awk '{printf "%.0f MB", $1/1e6}'))"
