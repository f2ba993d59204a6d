#!/usr/bin/env bash
# Builds the container image from ./Dockerfile with buildah (no Docker daemon needed) and runs
# `conformance demo` in it with podman, offline and as the image's non-root user.
#
#   scripts/build-image.sh            build, then run the demo and the checks below
#   scripts/build-image.sh --no-run   build only
#
# Environment (all optional):
#   IMAGE           the tag to build (default localhost/metaverse-conformance:local)
#   BASE_IMAGE      the Dockerfile's base. Unset: a local Debian bookworm base with python3 and
#                   venv, made once with debootstrap from DEBIAN_MIRROR and imported as
#                   localhost/conformance-base:bookworm (needs root). Set it to python:3.12-slim
#                   where a container registry is reachable.
#   DEBIAN_MIRROR   default http://deb.debian.org/debian
#   STORAGE_DRIVER  containers/storage driver for buildah and podman (default vfs: works on any
#                   file system and inside other containers, at the cost of disk space)
#   OCI_RUNTIME     podman's runtime (default runc when installed: crun refuses hybrid cgroups)
#   BUILD_CA_FILE   a CA bundle the build's pip and npm trust, for a TLS-intercepting proxy
#                   (default $PIP_CERT when that names a file); mounted only during the build
# The last lines printed are the demo's summary, then `uid <n>` and `node v<x.y.z>`.
set -euo pipefail
cd "$(dirname "$0")/.."

run_demo=1
case "${1:-}" in
    --no-run) run_demo=0 ;;
    "") ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "build-image.sh: unknown option '$1' (use --no-run or --help)" >&2; exit 2 ;;
esac

IMAGE=${IMAGE:-localhost/metaverse-conformance:local}
LOCAL_BASE=localhost/conformance-base:bookworm
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
STORAGE_DRIVER=${STORAGE_DRIVER:-vfs}
BUILD_CA_FILE=${BUILD_CA_FILE:-${PIP_CERT:-}}

for tool in buildah podman; do
    command -v "$tool" >/dev/null 2>&1 || { echo "build-image.sh: $tool is not installed (Debian: apt-get install buildah podman)" >&2; exit 2; }
done
store=(--storage-driver "$STORAGE_DRIVER")
started=$SECONDS
phase() { echo "== $1 ($((SECONDS - started)) s)"; }

if [ -z "${BASE_IMAGE:-}" ]; then
    BASE_IMAGE=$LOCAL_BASE
    if ! podman "${store[@]}" image exists "$LOCAL_BASE"; then
        command -v debootstrap >/dev/null 2>&1 || { echo "build-image.sh: no $LOCAL_BASE and no debootstrap to make it (apt-get install debootstrap, or set BASE_IMAGE)" >&2; exit 2; }
        [ "$(id -u)" = 0 ] || { echo "build-image.sh: debootstrap needs root to make $LOCAL_BASE (or set BASE_IMAGE)" >&2; exit 2; }
        phase "debootstrap bookworm with python3 from $DEBIAN_MIRROR"
        scratch=$(mktemp -d /var/tmp/conformance-base.XXXXXX)  # mode 0700: the root is a folder in it
        trap 'rm -rf "$scratch"' EXIT
        rootfs=$scratch/rootfs
        debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates bookworm "$rootfs" "$DEBIAN_MIRROR" >"$scratch/log" 2>&1 \
            || { tail -20 "$scratch/log" >&2; echo "build-image.sh: debootstrap failed" >&2; exit 1; }
        rm -rf "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
        phase "import $LOCAL_BASE"
        tar -C "$rootfs" -c . | podman "${store[@]}" import --change 'ENV LANG=C.UTF-8' --change 'CMD ["python3"]' - "$LOCAL_BASE" >/dev/null
        rm -rf "$scratch"
        trap - EXIT
    fi
fi

build_args=(--build-arg "BASE_IMAGE=$BASE_IMAGE")
if [ -n "$BUILD_CA_FILE" ] && [ -f "$BUILD_CA_FILE" ]; then
    build_args+=(--volume "$(readlink -f "$BUILD_CA_FILE"):/run/build-ca.pem:ro"
                 --build-arg PIP_CERT=/run/build-ca.pem --build-arg NODE_EXTRA_CA_CERTS=/run/build-ca.pem)
fi
phase "buildah bud -t $IMAGE (base $BASE_IMAGE)"
buildah "${store[@]}" bud --isolation chroot "${build_args[@]}" -t "$IMAGE" -f Dockerfile .
phase "built $IMAGE"
[ "$run_demo" = 1 ] || exit 0

# podman (as root) sets the container's open-file and process limits above this shell's hard
# limits; a sandbox that forbids raising them then refuses to start the container ("error
# setting rlimit"). The container gets the shell's hard limits instead, its process limit no
# higher than the kernel's pid_max.
files=$(ulimit -Hn); procs=$(ulimit -Hu); pid_max=$(cat /proc/sys/kernel/pid_max 2>/dev/null || echo 32768)
[ "$files" = unlimited ] && files=-1
{ [ "$procs" = unlimited ] || [ "$procs" -gt "$pid_max" ]; } && procs=$pid_max
run=(podman "${store[@]}")
runtime=${OCI_RUNTIME:-$(command -v runc || true)}
[ -n "$runtime" ] && run+=(--runtime "$runtime")
run+=(run --rm --network none --ulimit "nofile=$files:$files" --ulimit "nproc=$procs:$procs")

phase "podman run $IMAGE demo (no network)"
"${run[@]}" "$IMAGE" demo --out /tmp/demo --no-progress
"${run[@]}" --entrypoint python "$IMAGE" -c '
import os, subprocess
from conformance.areas.assets.khronos import node_executable
print("uid", os.getuid())
print("node", subprocess.run([node_executable(), "--version"], capture_output=True, text=True, check=True).stdout.strip())
'
phase "done"
