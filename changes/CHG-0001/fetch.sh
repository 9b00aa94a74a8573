#!/bin/sh
# Downloads the patch files of CHG-0001 (nginx from bookworm-security) next to this script and writes
# SHA256SUMS, which the change file reads for their digests. Safe to run again: it does nothing when
# the files are already there and intact.
#
#   changes/CHG-0001/fetch.sh
#
# The three packages are the ones `dpkg -i` needs together to move nginx-light from bookworm's
# 1.22.1-9+deb12u9 to 1.22.1-9+deb12u11: nginx-light depends on nginx of exactly its version, and
# nginx on nginx-common of exactly its version. Everything else they need (libnginx-mod-http-echo,
# libc6, libssl3, …) is bookworm's, already in the demo image.
#
# Needs apt with bookworm-security in its sources (Debian 12's default). The digests below are those
# of Debian's signed archive index; a download that does not match them is refused.
set -eu

cd "$(dirname "$0")"

version=1.22.1-9+deb12u11
files="nginx-common_${version}_all.deb nginx_${version}_amd64.deb nginx-light_${version}_all.deb"
expected() {
  cat <<SUMS
8ef1715ff5a9764fb5f810116acee417f4e092032212b6e4f392e8d2cd6b0952  nginx-common_${version}_all.deb
4e2778e675c07d0f2d8d3b6f5ff84f6483ade1d82c21c910eb9a2787e1cf1b1a  nginx_${version}_amd64.deb
427cf48ee34070a71e1cec1757eb076bcc3069660965687982542559e985b01d  nginx-light_${version}_all.deb
SUMS
}

if [ -f SHA256SUMS ] && sha256sum --check --status SHA256SUMS 2>/dev/null \
   && expected | sha256sum --check --status 2>/dev/null; then
  echo "CHG-0001: patch files already present in $(pwd)"
  exit 0
fi

if ! apt-cache show "nginx-light=$version" >/dev/null 2>&1; then
  echo "CHG-0001: apt does not know nginx-light $version; running apt-get update" >&2
  apt-get update -qq
fi

# Downloaded into a fresh folder first, so a failed or tampered download never sits beside the change.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# apt drops to its sandbox user to download; a folder that user may write to avoids apt's warning.
chmod 0755 "$work"
chown _apt "$work" 2>/dev/null || true
(cd "$work" && apt-get download -qq "nginx-common=$version" "nginx=$version" "nginx-light=$version")

if ! (cd "$work" && expected | sha256sum --check --quiet); then
  echo "CHG-0001: the downloaded packages do not match the expected digests; refusing them" >&2
  exit 1
fi
for name in $files; do cp "$work/$name" "./$name"; done
# shellcheck disable=SC2086 # the names hold no spaces; one word each is the point
sha256sum $files > SHA256SUMS.tmp
mv SHA256SUMS.tmp SHA256SUMS
echo "CHG-0001: patch files ready in $(pwd)"
