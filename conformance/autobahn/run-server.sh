#!/usr/bin/env bash
# Runs the official Autobahn|Testsuite fuzzing client (Docker) against Moonwire's echo server.
# Exit 0: no case FAILED; 1: some case FAILED; 3: no Docker engine answers (nothing was tested).
set -euo pipefail
cd "$(dirname "$0")"
if ! docker info >/dev/null 2>&1; then
  echo "autobahn: no Docker engine answers 'docker info'; the official suite did not run" >&2
  exit 3
fi
repo="$(cd ../.. && pwd)"
dotnet run --project "$repo/runtime/Moonwire.Cli" -c Release -- echo-server --host 0.0.0.0 --port 9001 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
sleep 5
rm -rf reports/servers
docker run --rm --add-host=host.docker.internal:host-gateway \
  -v "$PWD:/config" -v "$PWD/reports:/reports" -w /config \
  crossbario/autobahn-testsuite wstest -m fuzzingclient -s /config/fuzzingclient.json
python3 check-report.py reports/servers/index.json
