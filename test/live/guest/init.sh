#!/bin/busybox sh
# PID 1 of the live-test guest (busybox ash, from the initramfs built by scripts/live/initramfs.ts).
# Reads the job the harness wrote to the `cxlout` share, prepares devices, MCTP and a root to run in, runs the
# vitest live suite with the host's node, writes the exit code back to the share, and powers off.
# It must never exit: PID 1 exiting panics the kernel, so every path ends in `poweroff -f`.
/bin/busybox --install -s /bin
export PATH=/bin:/sbin

say() { echo "CXLNVME: $* (uptime $(cut -d' ' -f1 /proc/uptime))"; }
die() { say "FATAL: $*"; [ -d /out ] && echo "$*" > /out/fatal; sync; poweroff -f; sleep 10; }

mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
mount -t tmpfs tmp /tmp
say "init on $(uname -r)"

mkdir -p /out /host /rw /newroot
mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 cxlout /out || die "cannot mount the cxlout share"
[ -f /out/job.env ] || die "no job.env in the cxlout share"
# job.env sets REPO NODE VITEST_ARGS MCTP_EIDS WAIT_FOR WAIT_SECS and exports CXL_NVME_LIVE_* for the tests.
. /out/job.env

# Drivers bind asynchronously; wait (bounded) for the nodes the topology promises, and let tests report what
# is missing rather than failing here.
i=0
while [ "$i" -lt $((WAIT_SECS * 10)) ]; do
  missing=""
  for p in $WAIT_FOR; do [ -e "$p" ] || missing="$missing $p"; done
  [ -z "$missing" ] && break
  sleep 0.1; i=$((i + 1))
done
if [ -n "$missing" ]; then say "still missing after ${WAIT_SECS}s:$missing"; else say "devices ready"; fi

{
  echo "kernel: $(uname -a)"
  echo "cmdline: $(cat /proc/cmdline)"
  echo "--- /dev/cxl"; ls -l /dev/cxl 2>&1
  echo "--- nvme"; ls -l /dev/nvme* /dev/ng* 2>&1
  echo "--- /sys/bus/cxl/devices"; ls /sys/bus/cxl/devices 2>&1
  echo "--- PCI (address vendor device class)"
  for d in /sys/bus/pci/devices/*; do echo "${d##*/} $(cat $d/vendor) $(cat $d/device) $(cat $d/class)"; done
  for m in /sys/bus/cxl/devices/mem*; do [ -e "$m/serial" ] && echo "$m serial=$(cat "$m/serial")"; done
} > /out/guest-info.txt
# Tests read the outcome from $CXL_NVME_LIVE_MCTP_LO instead of discovering a half-configured lo later.
echo "--- mctp-lo" >> /out/guest-info.txt
if /bin/mctp-lo $MCTP_EIDS >> /out/guest-info.txt 2>&1; then
  export CXL_NVME_LIVE_MCTP_LO=ok
else
  export CXL_NVME_LIVE_MCTP_LO=failed
fi
cat /out/guest-info.txt

# A writable root: the read-only host root (9p) under a tmpfs overlay, so tools that write next to the code
# (vite's .vite-temp, caches) work and nothing reaches the host. Fall back to the bare read-only root.
mount -t 9p -o trans=virtio,version=9p2000.L,ro,cache=loose,msize=512000 hostroot /host || die "cannot mount hostroot"
mount -t tmpfs rw /rw && mkdir -p /rw/upper /rw/work
if mount -t overlay overlay -o lowerdir=/host,upperdir=/rw/upper,workdir=/rw/work /newroot; then
  ROOT=/newroot
else
  say "overlay failed; running on the read-only host root"
  ROOT=/host
fi
mount -t proc proc $ROOT/proc
mount -t sysfs sys $ROOT/sys
mount -t devtmpfs dev $ROOT/dev
mkdir -p $ROOT/dev/pts $ROOT/dev/shm
mount -t devpts devpts $ROOT/dev/pts
mount -t tmpfs shm $ROOT/dev/shm
mount -t tmpfs tmp $ROOT/tmp
mount -t tmpfs run $ROOT/run
mkdir -p "$ROOT$CXL_NVME_LIVE_OUT"
mount --bind /out "$ROOT$CXL_NVME_LIVE_OUT" || die "cannot bind the cxlout share into the root"

export HOME=/tmp
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export CXL_NVME_LIVE=1
say "running vitest in $REPO"
eval "set -- $VITEST_ARGS"
# Piped through tee: vitest then sees no TTY and prints a plain log (not live-redrawn ANSI) on the console,
# and the same text lands in vitest.log. The exit code is saved inside the braces, before the pipe.
{
  chroot $ROOT /bin/sh -c 'cd "$1" && shift && exec "$@"' sh "$REPO" \
    "$NODE" node_modules/vitest/vitest.mjs run --config test/live/vitest.live.config.ts "$@"
  echo "$?" > /out/exit-code
} 2>&1 | tee /out/vitest.log
say "vitest exit $(cat /out/exit-code 2>/dev/null || echo unknown)"
sync
poweroff -f
sleep 10
