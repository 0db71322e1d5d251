#!/usr/bin/env bash
# Run by the Maven build (generate-resources). Usage: build-shims.sh CLASSES_DIR JCUDNN_NATIVES_JAR JCUDA_VERSION JCUDNN_VERSION
#
# 1. Builds the two forwarding libraries (see forward.c) into CLASSES_DIR/rosetta/cuda/native/:
#      libcublas.so.12: soname and version node libcublas.so.12, forwards to libcublas.so.13
#      libcudnn.so.8:   soname and version node libcudnn.so.8,   forwards to libcudnn.so.9
# 2. Copies JCudnn's JNI library to CLASSES_DIR/lib/ under the JCuda version: JCudnn 11.7.0 asks
#    jcuda.LibUtils for "JCudnn-" + JCudaVersion.get(), which is 12.6.0 with JCuda 12.6.0 on the class
#    path, so the natives jar's libJCudnn-11.7.0-linux-x86_64.so alone is never found.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
classes="$1"
natives_jar="$2"
jcuda_version="$3"
jcudnn_version="$4"

shims="$classes/rosetta/cuda/native"
mkdir -p "$shims"
build() { # old-soname real-soname symbols prefix missing-status
    local script
    script="$(mktemp)"
    printf '%s {\n  global: %s*;\n  local: *;\n};\n' "$1" "$4" > "$script"
    gcc -shared -fPIC -O2 -Wall -Wextra -Werror -o "$shims/$1" "$here/forward.c" \
        -DSHIM_SONAME="\"$1\"" -DREAL_SONAME="\"$2\"" -DSYMBOLS="\"$here/$3\"" -DMISSING_STATUS="$5" \
        -Wl,-soname,"$1" -Wl,--version-script="$script" -Wl,-z,defs -ldl
    rm -f "$script"
}
# CUBLAS_STATUS_NOT_SUPPORTED = 15 (cublas_api.h); CUDNN_STATUS_NOT_SUPPORTED = 3000 in cuDNN 9 (cudnn_graph.h)
build libcublas.so.12 libcublas.so.13 cublas12-symbols.def cublas 15
build libcudnn.so.8 libcudnn.so.9 cudnn8-symbols.def cudnn 3000

jni="libJCudnn-$jcudnn_version-linux-x86_64.so"
mkdir -p "$classes/lib"
unzip -p "$natives_jar" "lib/$jni" > "$classes/lib/libJCudnn-$jcuda_version-linux-x86_64.so"
