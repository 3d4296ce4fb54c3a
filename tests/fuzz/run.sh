#!/usr/bin/env bash
# Builds the libFuzzer target with clang and runs it for SECONDS (default 30; CI runs it
# briefly, run it longer on demand: bash tests/fuzz/run.sh 3600).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-30}"
cmake -S . -B build-fuzz -G Ninja -DDYGW_FUZZ=ON -DBUILD_TESTING=OFF \
      -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build build-fuzz --target fuzz_request
mkdir -p build-fuzz/corpus
cp -n tests/fuzz/corpus/* build-fuzz/corpus/ 2>/dev/null || true
# -detect_leaks=0: libFuzzer's leak check after every input that allocated more than it
# freed costs ~12 ms (Qt's sockets and event loop almost always do), 95% of the run time.
# LeakSanitizer still checks the whole run when the process exits, and fails it on a leak.
build-fuzz/tests/fuzz/fuzz_request -max_total_time="$seconds" -max_len=4096 -detect_leaks=0 \
    -print_final_stats=1 build-fuzz/corpus
