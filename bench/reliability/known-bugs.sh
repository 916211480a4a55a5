#!/usr/bin/env bash
# Runs the tests that show known server faults (tagged server-bug, excluded from CI).
set -euo pipefail
cd "$(dirname "$0")/../.."
./gyre mvn -q -B -pl gyre-server -am install -DskipTests
./gyre mvn -B -pl gyre-reliability test -Dreliability.excluded=none -Dreliability.groups=server-bug
