#!/usr/bin/env bash
# Explore: fuzz request parsing (RequestParsingFuzzTest, Jazzer) for a set time with a new seed, beside CI's
# fixed-seed, fixed-size run. Usage: web-module/fuzz.sh [seconds (default 600)] [seed (default: random)]
# A finding fails the run and is written as crash-<sha1> into the module's directory (and printed with its
# seed); reproduce it with `JAZZER_FUZZ=1 mvn -pl web-module test -Dtest=RequestParsingFuzzTest -Dfuzz.seed=<seed>`,
# fix it, and keep the file in src/test/resources/dev/concert/web/api/RequestParsingFuzzTestInputs/
# anyBodyIsAnsweredOrRefusedNeverBroken/ so every later build replays it as a regression input.
# Run it from the repository root after `mvn -B install -DskipTests` (the module needs the others built).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds="${1:-600}"
seed="${2:-$(( (RANDOM << 15 | RANDOM) + 1 ))}"
echo "[fuzz] RequestParsingFuzzTest for ${seconds} s, seed ${seed}"
JAZZER_FUZZ=1 mvn -B -pl web-module test -Dtest=RequestParsingFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dfuzz.seed="$seed" -Dfuzz.runs=-1 -Dfuzz.seconds="$seconds"
