#!/usr/bin/env bash
# Golden image recipe: Debian 12 (bookworm) for PatchLab labs.
#
#   labs/images/debian-12/build.sh OUTDIR
#
# Writes to OUTDIR exactly: disk.qcow2 (ext4 on the whole disk, root=/dev/vda), vmlinuz,
# initrd.img and cmdline (one line) for libvirt's direct kernel boot. Run as root on Debian 12.
#
# The guest is debootstrap's minbase of the `bookworm` suite only (no -updates, no -security:
# patch rehearsals upgrade from bookworm's base versions), plus systemd, udev, the QEMU guest
# agent and nginx-light. The kernel is the host's Debian kernel (package linux-image-amd64), and
# the guest gets the subset of its modules a virtio machine uses. Boot time under TCG decides
# the rest: the kernel is shipped uncompressed for QEMU's PVH entry (no decompression under
# TCG), the initrd is a few modules and busybox instead of udev (see initrd-init), and units
# that do nothing useful in a throwaway lab VM are masked.
#
# Environment:
#   PATCHLAB_DEBIAN_MIRROR  mirror to bootstrap from (default http://deb.debian.org/debian)
#   PATCHLAB_GUEST_KERNEL   kernel version to ship, e.g. 6.1.0-56-amd64 (default: newest in /boot)
#   PATCHLAB_KERNEL_BOOT    pvh (default: uncompressed ELF vmlinux, SeaBIOS direct kernel boot
#                           only) or bzimage (the compressed /boot/vmlinuz-*, also for UEFI)
#   TMPDIR                  where the temporary work directory goes (default /var/tmp)
#   PATCHLAB_MATCH          a folder written by `patchlab image build --match` (see match_production
#                           below): install production's package versions, enable its services,
#                           copy the files captured on purpose; a report is written back into it
set -euo pipefail

readonly suite=bookworm
readonly mirror="${PATCHLAB_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
readonly headroom_mib=600
readonly hostname=patchlab-guest
readonly cmdline="root=/dev/vda rw console=ttyS0 quiet net.ifnames=0"
readonly packages=(
  systemd-sysv udev kmod            # init, device manager (starts the agent), module loading
  qemu-guest-agent                  # the harness talks to the guest only through it
  nginx-light                       # the service lab plans test and patch
  iproute2 iputils-ping procps curl # what tests use inside the guest
  busybox-static                    # the initrd's only program (and handy in the guest)
)

# fd 3 is the caller's stderr, still reachable from inside commands whose output is redirected.
exec 3>&2
say() { printf 'image: %s\n' "$*"; }
die() { printf 'image: error: %s\n' "$*" >&3; exit 1; }

if [ $# -ne 1 ] || [ -z "$1" ]; then die "usage: $0 OUTDIR"; fi
[ "$(id -u)" -eq 0 ] || die "must run as root (debootstrap, chroot and device nodes need it)"

# extract_vmlinux BZIMAGE OUT: the ELF kernel inside a bzImage, if it can enter through PVH.
extract_vmlinux() {
  local bz="$1" out="$2" magic offset
  local -a tool
  grep -q '^CONFIG_PVH=y' "/boot/config-$kver" 2>/dev/null || return 1
  for magic in xz zstd gzip; do
    case "$magic" in
      xz) offset=$(LC_ALL=C grep -abo $'\xfd7zXZ' "$bz" | head -n 1 | cut -d: -f1); tool=(xz -dc) ;;
      zstd) offset=$(LC_ALL=C grep -abo $'\x28\xb5\x2f\xfd' "$bz" | head -n 1 | cut -d: -f1); tool=(zstd -dcq) ;;
      gzip) offset=$(LC_ALL=C grep -abo $'\x1f\x8b\x08' "$bz" | head -n 1 | cut -d: -f1); tool=(gzip -dc) ;;
    esac
    if [ -z "$offset" ] || ! command -v "${tool[0]}" >/dev/null 2>&1; then continue; fi
    # The decompressor complains about the bytes after the stream; the ELF check below decides.
    tail -c +$((offset + 1)) "$bz" | "${tool[@]}" >"$out" 2>/dev/null || true
    if [ "$(head -c 4 "$out" | od -An -tx1 | tr -d ' \n')" = 7f454c46 ]; then
      return 0
    fi
  done
  rm -f "$out"
  return 1
}

need() { command -v "$1" >/dev/null 2>&1 || die "missing $1 (apt-get install $2)"; }
need debootstrap debootstrap
need mkfs.ext4 e2fsprogs
need qemu-img qemu-utils
need cpio cpio
need xz xz-utils
need depmod kmod
need modprobe kmod

kver="${PATCHLAB_GUEST_KERNEL:-}"
if [ -z "$kver" ]; then
  kver="$(find /boot -maxdepth 1 -name 'vmlinuz-*' -printf '%f\n' | sed 's/^vmlinuz-//' | sort -V | tail -n 1)"
fi
[ -n "$kver" ] || die "no kernel in /boot (apt-get install linux-image-amd64)"
[ -r "/boot/vmlinuz-$kver" ] || die "no /boot/vmlinuz-$kver (apt-get install linux-image-amd64)"
[ -d "/lib/modules/$kver/kernel" ] || die "no modules for $kver in /lib/modules/$kver"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[ -r "$here/initrd-init" ] || die "missing $here/initrd-init"
outdir="$1"
mkdir -p "$outdir" || die "cannot create $outdir"
outdir="$(cd "$outdir" && pwd)"

work="$(mktemp -d "${TMPDIR:-/var/tmp}/patchlab-image.XXXXXX")"
root="$work/rootfs"

# Unmount whatever debootstrap or we left mounted inside the work dir before deleting it, so a
# failed run can never delete through a bind mount into the host.
cleanup() {
  local status=$?
  set +e
  if [ -n "${child:-}" ]; then
    kill -TERM -- "-$child" 2>/dev/null
    wait "$child" 2>/dev/null
  fi
  if [ -n "${work:-}" ] && [ -d "$work" ]; then
    awk -v w="$work/" 'index($2, w) == 1 { print $2 }' /proc/mounts | sort -r |
      while read -r mnt; do umount -l "$mnt" 2>/dev/null; done
    if awk -v w="$work/" 'index($2, w) == 1 { found = 1 } END { exit !found }' /proc/mounts; then
      printf 'image: error: mounts left under %s, not deleting it\n' "$work" >&3
    else
      rm -rf --one-file-system "$work"
    fi
  fi
  rm -f "$outdir"/.disk.qcow2.new.$$ "$outdir"/.vmlinuz.new.$$ "$outdir"/.initrd.img.new.$$ \
        "$outdir"/.cmdline.new.$$
  [ $status -eq 0 ] || printf 'image: failed (exit %s)\n' "$status" >&3
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Long steps run in their own process group, so an interrupted build stops them (and everything
# they started) before the cleanup unmounts and deletes their tree.
child=
run() {
  local rc=0
  setsid "$@" &
  child=$!
  wait "$child" || rc=$?
  child=
  return "$rc"
}

started=$SECONDS

# --- root file system -----------------------------------------------------------------------

say "debootstrap $suite from $mirror…"
include="$(IFS=,; echo "${packages[*]}")"
if ! run debootstrap --variant=minbase --include="$include" --components=main \
       "$suite" "$root" "$mirror" >"$work/debootstrap.log" 2>&1; then
  tail -n 20 "$work/debootstrap.log" >&2
  [ -f "$root/debootstrap/debootstrap.log" ] && tail -n 20 "$root/debootstrap/debootstrap.log" >&2
  die "debootstrap failed (mirror $mirror reachable?)"
fi

say "configuring the guest…"
echo "$hostname" >"$root/etc/hostname"
cat >"$root/etc/hosts" <<EOF
127.0.0.1	localhost
127.0.1.1	$hostname
::1		localhost ip6-localhost ip6-loopback
ff02::1		ip6-allnodes
ff02::2		ip6-allrouters
EOF
# debootstrap copied the host's resolver; the guest lives on isolated networks
: >"$root/etc/resolv.conf"
# Root is mounted rw by the kernel; the journal replays after a hard stop, so no fsck pass.
echo "/dev/vda / ext4 defaults,errors=remount-ro 0 0" >"$root/etc/fstab"
# Empty: systemd gives each clone its own at first boot (from the libvirt domain's UUID).
: >"$root/etc/machine-id"
rm -f "$root/var/lib/dbus/machine-id"

mkdir -p "$root/etc/systemd/network"
cat >"$root/etc/systemd/network/80-patchlab-dhcp.network" <<'EOF'
# Any ethernet NIC takes DHCP (lab networks are isolated libvirt networks with DHCP).
[Match]
Type=ether
Name=eth* en*

[Network]
DHCP=yes

[DHCPv4]
# MAC-based, so libvirt <dhcp><host mac=…> reservations match
ClientIdentifier=mac

[Link]
RequiredForOnline=no
EOF

# The journal stays in memory: no flush to disk at boot, and clones do not grow with logs.
mkdir -p "$root/etc/systemd/journald.conf.d"
cat >"$root/etc/systemd/journald.conf.d/patchlab.conf" <<'EOF'
[Journal]
Storage=volatile
RuntimeMaxUse=32M
EOF
rm -rf "$root/var/log/journal"

# Runs a command in the guest tree, quiet unless it fails.
in_root() {
  local out
  out="$(chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@" 2>&1)" \
    || { printf '%s\n' "$out" >&2; die "in the guest tree: $* failed"; }
}
in_root systemctl set-default multi-user.target
in_root systemctl enable systemd-networkd.service nginx.service
# Useless in a throwaway lab VM: each costs boot time under TCG or wakes up mid-test.
masked_units=(
  systemd-networkd-wait-online.service                # no NIC, or a slow DHCP, must not hold boot
  apt-daily.timer apt-daily.service apt-daily-upgrade.timer apt-daily-upgrade.service
  e2scrub_all.timer e2scrub_all.service e2scrub_reap.service fstrim.timer fstrim.service
  man-db.timer man-db.service dpkg-db-backup.timer dpkg-db-backup.service
  getty-static.service                                # gettys on tty2-6 of a machine with no screen
  systemd-network-generator.service                   # ip= on the kernel command line: unused
  systemd-pstore.service modprobe@efi_pstore.service  # no EFI
  modprobe@dm_mod.service modprobe@loop.service       # autoloaded on first use anyway
  modprobe@fuse.service modprobe@configfs.service sys-kernel-config.mount
  dev-hugepages.mount
  systemd-random-seed.service                         # every clone has the golden image's seed;
                                                      # waiting for entropy holds sysinit for seconds
  systemd-update-utmp.service systemd-update-utmp-runlevel.service  # nobody logs in
)
for unit in "${masked_units[@]}"; do
  case "$unit" in
    *@*.*) template="${unit%%@*}@.${unit##*.}" ;;
    *) template="$unit" ;;
  esac
  if [ -e "$root/lib/systemd/system/$template" ]; then
    in_root systemctl mask "$unit"
  fi
done
in_root systemctl disable getty@tty1.service   # the serial getty on ttyS0 stays
# Generators run at every boot, one process each; these have nothing to find in a lab VM.
mkdir -p "$root/etc/systemd/system-generators"
for gen in systemd-cryptsetup-generator systemd-integritysetup-generator \
           systemd-veritysetup-generator systemd-gpt-auto-generator \
           systemd-hibernate-resume-generator systemd-system-update-generator \
           systemd-run-generator; do
  ln -sf /dev/null "$root/etc/systemd/system-generators/$gen"
done
[ -L "$root/etc/systemd/system/multi-user.target.wants/nginx.service" ] || die "nginx.service not enabled"
[ -L "$root/etc/systemd/system/multi-user.target.wants/systemd-networkd.service" ] || die "systemd-networkd not enabled"

# --- matching a production capture (PATCHLAB_MATCH) ---------------------------------------------

# Installs production's package versions that Debian's archives still have, from inside the tree on
# this host: apt downloads them itself and checks the archive's signed InRelease (with the tree's
# debian-archive-keyring) and every Packages and .deb hash; the guest never has a network. Then
# enables production's enabled services and copies the files captured with --copy (never other
# files: config can hold secrets). Everything it could not match is written to $match/report.
match_production() {
  local match="$1" report="$1/report" codename wanted have
  codename="$(cat "$match/codename")"
  # name=version without a multi-arch qualifier (apt and dpkg name libssl3:amd64 libssl3 here).
  plain() { printf '%s' "$1" | sed 's/:[^=]*=/=/'; }
  [ "$codename" = "$suite" ] || die "production runs $codename; this recipe builds $suite"
  : >"$report"
  say "matching production: $(grep -c . "$match/packages" || true) packages, $(grep -c . "$match/services" || true) services…"
  {
    echo "deb $mirror $suite main contrib non-free non-free-firmware"
    echo "deb $mirror $suite-updates main contrib non-free non-free-firmware"
    echo "deb ${PATCHLAB_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security} $suite-security main contrib non-free non-free-firmware"
  } >"$root/etc/apt/sources.list.d/patchlab-match.list"
  # No package script may start a service in the tree. apt needs a resolver for the download (the
  # guest's resolv.conf stays empty) and some package scripts read /proc.
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
  chmod 0755 "$root/usr/sbin/policy-rc.d"
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  mount -t proc proc "$root/proc"
  if ! run chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
        apt-get -qq -o Acquire::Languages=none update >"$work/match-update.log" 2>&1; then
    echo "failed apt-get update: $(tail -n 1 "$work/match-update.log")" >>"$report"
  fi
  # Which wanted name=version apt can find: madison lists every version the archives offer.
  sed 's/=.*//; s/:.*//' "$match/packages" | sort -u >"$work/match-names"
  chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C apt-cache madison $(cat "$work/match-names") 2>/dev/null \
    | awk -F' [|] ' '{ gsub(/ /, "", $1); gsub(/ /, "", $2); print $1 "=" $2 }' | sort -u >"$work/match-available"
  : >"$work/match-install"
  while IFS= read -r wanted; do
    [ -n "$wanted" ] || continue
    if grep -qxF "$(plain "$wanted")" "$work/match-available"; then
      echo "$wanted" >>"$work/match-install"
    else
      echo "unavailable $wanted" >>"$report"
    fi
  done <"$match/packages"
  if [ -s "$work/match-install" ]; then
    if ! run chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
          apt-get -y -qq --no-install-recommends --allow-downgrades -o Dpkg::Options::=--force-confold \
          install $(cat "$work/match-install") >"$work/match-install.log" 2>&1; then
      echo "failed apt-get install: $(grep '^E:' "$work/match-install.log" | head -n 1)" >>"$report"
    fi
  fi
  # What the tree holds now decides what was matched.
  chroot "$root" dpkg-query -W -f='${db:Status-Status} ${binary:Package}=${Version}\n' 2>/dev/null \
    | sed -n 's/^installed //p' >"$work/match-have"
  while IFS= read -r wanted; do
    [ -n "$wanted" ] || continue
    if grep -qxF "$wanted" "$work/match-have" || grep -qxF "$(plain "$wanted")" "$work/match-have"; then
      echo "installed $wanted" >>"$report"
    else
      echo "failed $wanted was not installed" >>"$report"
    fi
  done <"$work/match-install"
  while IFS= read -r unit; do
    [ -n "$unit" ] || continue
    if [ -L "$root/etc/systemd/system/$unit" ] && [ "$(readlink "$root/etc/systemd/system/$unit")" = /dev/null ]; then
      echo "not-enabled $unit masked in the lab image (it slows every boot under TCG or acts mid-test)" >>"$report"
    elif [ ! -e "$root/lib/systemd/system/$unit" ] && [ ! -e "$root/etc/systemd/system/$unit" ]; then
      echo "not-enabled $unit no unit file in the image" >>"$report"
    elif chroot "$root" systemctl enable "$unit" >/dev/null 2>&1; then
      echo "enabled $unit" >>"$report"
    else
      echo "not-enabled $unit systemctl enable failed" >>"$report"
    fi
  done <"$match/services"
  while IFS= read -r path; do
    [ -n "$path" ] || continue
    # Never through a link: a symbolic link in the tree could point the copy at the host.
    if [ "$(realpath -m "$root$path")" != "$root$path" ] || [ -L "$root$path" ]; then
      echo "refused $path a symbolic link in the image's path" >>"$report"
      continue
    fi
    install -D -m 0644 "$match/files$path" "$root$path" && echo "copied $path" >>"$report"
  done <"$match/copied"
  umount "$root/proc"
  : >"$root/etc/resolv.conf"
  rm -f "$root/etc/apt/sources.list.d/patchlab-match.list" "$root/usr/sbin/policy-rc.d"
}

if [ -n "${PATCHLAB_MATCH:-}" ]; then
  match_production "$PATCHLAB_MATCH"
fi

# --- kernel, modules, initrd ------------------------------------------------------------------

say "kernel $kver: copying modules…"
src="/lib/modules/$kver"
dst="$root/lib/modules/$kver"
mkdir -p "$dst"
# What a virtio machine (and the network/file system tests run in it) can use. Left out: GPU,
# sound, wireless, USB, ATA, floppy, KVM and most physical NIC drivers; udev would load them for
# the emulated legacy devices of a pc machine and spend seconds of TCG time probing.
( cd "$src" && find kernel/arch kernel/block kernel/crypto kernel/lib kernel/mm kernel/virt \
      kernel/fs kernel/net \
      kernel/drivers/virtio kernel/drivers/block kernel/drivers/char kernel/drivers/cdrom \
      kernel/drivers/md kernel/drivers/nvme kernel/drivers/firmware \
      kernel/drivers/watchdog kernel/drivers/vhost \
      kernel/drivers/scsi/*.ko \
      kernel/drivers/net/*.ko kernel/drivers/net/bonding kernel/drivers/net/team \
      kernel/drivers/net/ethernet/intel/e1000 kernel/drivers/net/ethernet/intel/e1000e \
      kernel/drivers/net/ethernet/realtek/8139*.ko \
      \( -path kernel/net/wireless -o -path kernel/net/mac80211 -o -path kernel/net/bluetooth \
         -o -path kernel/fs/ocfs2 -o -path kernel/fs/gfs2 -o -path kernel/fs/ceph \
         -o -path kernel/fs/afs -o -path kernel/net/ceph -o -path kernel/arch/x86/kvm \
         -o -path kernel/drivers/block/floppy.ko \) -prune -o \
      -name '*.ko*' -print 2>/dev/null ) >"$work/modules.list" || true
[ -s "$work/modules.list" ] || die "found no modules in $src"
grep -q '/virtio_console\.ko' "$work/modules.list" || die "virtio_console not among $src's modules"
tar -C "$src" -cf - -T "$work/modules.list" | tar -C "$dst" -xf -
cp -a "$src"/modules.order "$src"/modules.builtin "$src"/modules.builtin.modinfo "$dst"/
depmod -b "$root" "$kver" || die "depmod failed"

say "kernel $kver: making the initrd…"
# Not initramfs-tools: its udev-based initrd spends ~5 s of TCG time finding a disk we already
# know. Ours is busybox-static (from the guest), the modules that reach ext4 on virtio-blk, and
# initrd-init as /init.
ird="$work/initrd"
mkdir -p "$ird/bin" "$ird/dev" "$ird/lib/modules"
cp "$root/bin/busybox" "$ird/bin/busybox"
for applet in sh mount insmod mkdir cat sleep findfs switch_root poweroff echo; do
  ln -s busybox "$ird/bin/$applet"
done
mknod -m 600 "$ird/dev/console" c 5 1
install -m 0755 "$here/initrd-init" "$ird/init"
: >"$ird/modules"
for mod in virtio_pci virtio_blk crc32c_generic ext4; do
  modprobe -d "$root" -S "$kver" --show-depends "$mod" || die "modprobe cannot resolve $mod for $kver"
done | sed -n "s|^insmod .*/lib/modules/$kver/||p" | awk '!seen[$0]++' | while read -r rel; do
  mkdir -p "$ird/lib/modules/$(dirname "$rel")"
  cp "$dst/$rel" "$ird/lib/modules/$rel"
  echo "$rel" >>"$ird/modules"
done
if ! grep -q 'virtio_blk' "$ird/modules" || ! grep -q 'ext4' "$ird/modules"; then
  die "could not collect virtio_blk and ext4 for the initrd"
fi
# Uncompressed: the kernel unpacks it at native speed instead of decompressing under TCG.
( cd "$ird" && find . -mindepth 1 | LC_ALL=C sort | cpio --quiet -o -H newc -R 0:0 ) >"$work/initrd.img" \
  || die "cpio failed"

# The bzImage's own decompressor runs under TCG (~3 s for Debian's xz kernel). QEMU boots the
# uncompressed ELF kernel directly through its PVH entry point (CONFIG_PVH), so ship that.
kernel_boot="${PATCHLAB_KERNEL_BOOT:-pvh}"
if [ "$kernel_boot" = pvh ]; then
  say "kernel $kver: unpacking vmlinux for PVH boot…"
  if extract_vmlinux "/boot/vmlinuz-$kver" "$work/vmlinuz"; then
    :
  else
    say "kernel $kver: no PVH-capable vmlinux inside, shipping the bzImage"
    kernel_boot=bzimage
  fi
fi
if [ "$kernel_boot" = bzimage ]; then
  cp "/boot/vmlinuz-$kver" "$work/vmlinuz"
elif [ "$kernel_boot" != pvh ]; then
  die "PATCHLAB_KERNEL_BOOT must be pvh or bzimage, not $kernel_boot"
fi
echo "$cmdline" >"$work/cmdline"

# --- clean up and write the disk ------------------------------------------------------------

say "cleaning apt caches…"
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/cache/apt/archives/partial/* \
       "$root"/var/cache/apt/*.bin "$root"/var/lib/apt/lists/* "$root"/var/log/apt/* \
       "$root"/var/cache/debconf/*-old "$root"/var/lib/dpkg/*-old "$root"/tmp/* "$root"/var/tmp/*
mkdir -p "$root/var/lib/apt/lists/partial"
rm -f "$root"/var/log/bootstrap.log "$root"/var/log/alternatives.log
rm -rf "$root/debootstrap"

# Stamp /etc and /var as up to date with /usr, so ConditionNeedsUpdate= units (sysusers,
# hwdb, catalog, ldconfig) do not run at every clone's first boot.
touch -r "$root/usr" "$root/etc/.updated" "$root/var/.updated"

used_mib=$(du -sx --block-size=1M "$root" | cut -f1)
# ext4 keeps ~10% plus the journal for itself; the headroom is what the guest sees as free.
size_mib=$(( used_mib + used_mib / 10 + 64 + headroom_mib ))
say "writing ext4 (${used_mib} MiB used, ${size_mib} MiB file system)…"
truncate -s "${size_mib}M" "$work/disk.raw"
# Inode tables and journal are zeroed now, so the guest's ext4lazyinit thread does not spend
# TCG time (and overlay space) doing it after every first boot.
run mkfs.ext4 -q -F -L patchlab-root -m 1 -E lazy_itable_init=0,lazy_journal_init=0 \
  -d "$root" "$work/disk.raw" || die "mkfs.ext4 failed"
say "converting to qcow2…"
run qemu-img convert -c -O qcow2 "$work/disk.raw" "$work/disk.qcow2" || die "qemu-img convert failed"

# Replace the outputs by rename, so a running clone keeps the old inode of its backing file.
for f in disk.qcow2 vmlinuz initrd.img cmdline; do
  cp "$work/$f" "$outdir/.$f.new.$$"
  chmod 0644 "$outdir/.$f.new.$$"
done
for f in disk.qcow2 vmlinuz initrd.img cmdline; do
  mv -f "$outdir/.$f.new.$$" "$outdir/$f"
done

say "done in $(( SECONDS - started )) s: $outdir ($(du -h --apparent-size "$outdir/disk.qcow2" | cut -f1) disk, kernel $kver)"
