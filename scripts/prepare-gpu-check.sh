#!/usr/bin/env bash
# Prepares .device-carry/ (ignored by git) for scripts/gpu-check.sh, which runs on a GPU machine that
# has no Maven, no network and maybe no Java. Run from anywhere; then hand the GPU machine a copy of
# the repository plus .device-carry/ (e.g. the device tool's carry=[".device-carry"]) and run
# `bash scripts/gpu-check.sh` there. The repository and the carry together must stay under 60 MiB.
#
# .device-carry/
#   rosetta.jar   the rosetta CLI (it holds the CUDA backend and its checks), slimmed for the GPU machine:
#                 without OpenBLAS's natives (the checks' CPU reference runs on the Java GEMM there,
#                 -Drosetta.cpu.sgemm=java-blocked) and without JCuda's PTX-compiler and NVRTC JNI
#                 libraries, which the engine does not use
#   jre.tar.xz    a Java runtime made with jlink from the modules jdeps finds (plus jdk.unsupported,
#                 used reflectively, and java.desktop for the CIFAR converter), debug info stripped
#   tools/        MakeCifarBinary, compiled (it turns the JPEG archive into the binary batches)
#   cifar-10-jpeg75.tar.gz   the CIFAR-10 copy of shared/data (19 MB)
set -euo pipefail
cd "$(dirname "$0")/.."
carry=.device-carry
limit_mib=60

shared=""
for candidate in "${ROSETTA_SHARED:-}" ../shared ../../shared /work/shared; do
    if [ -n "$candidate" ] && [ -d "$candidate/data/cifar-10-jpeg75" ]; then
        shared="$candidate"
        break
    fi
done
[ -n "$shared" ] || { echo "shared/data/cifar-10-jpeg75 not found; set ROSETTA_SHARED" >&2; exit 1; }

maven() { mvn -B -q -o "$@" || mvn -B -q "$@"; }

rm -rf "$carry"
mkdir -p "$carry/tools"
maven package -DskipTests -pl cli -am
cp cli/target/rosetta.jar "$carry/rosetta.jar"
zip -q -d "$carry/rosetta.jar" 'org/bytedeco/openblas/linux-x86_64/*' 'lib/libJNvPTXCompiler*' 'lib/libJNvrtc*' \
    'org/apache/pdfbox/resources/*' >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

javac --release 17 -d "$carry/tools" "$shared/data/cifar-10-jpeg75/MakeCifarBinary.java"
cp "$shared/data/cifar-10-jpeg75/cifar-10-jpeg75.tar.gz" "$carry/"

modules="$(jdeps --ignore-missing-deps --print-module-deps --multi-release 17 "$carry/rosetta.jar" "$carry/tools" \
    2>/dev/null | tail -1)"
modules="$modules,jdk.unsupported,java.desktop"
echo "jlink modules: $modules"
# uncompressed modules packed with xz: 17 MB, against 30 MB for jlink's own compression under gzip
jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=0 --output "$work/jre"
find "$work/jre" -name '*.so' -exec strip --strip-unneeded {} +
# Debian's runtime links the system JPEG and colour libraries the CIFAR converter needs; its libraries
# look beside themselves first ($ORIGIN), so copies in jre/lib travel with it
for lib in libjpeg.so.62 liblcms2.so.2; do
    cp -L "$(ldconfig -p | awk -v l="$lib" '$1 == l && /x86-64/ {print $NF; exit}')" "$work/jre/lib/"
done
tar -C "$work" -cJf "$carry/jre.tar.xz" jre

carry_bytes="$(du -sb "$carry" | cut -f1)"
repo_bytes="$(git ls-files -z | xargs -0 du -cb 2>/dev/null | tail -1 | cut -f1)"
total_mib=$(( (carry_bytes + repo_bytes) / 1048576 ))
printf '%s: %d MiB + repository %d MiB = %d MiB (limit %d MiB)\n' "$carry" $((carry_bytes / 1048576)) \
    $((repo_bytes / 1048576)) "$total_mib" "$limit_mib"
du -sh "$carry"/* | sed 's/^/  /'
[ "$total_mib" -lt "$limit_mib" ] || { echo "too big for the GPU machine's carry" >&2; exit 1; }
