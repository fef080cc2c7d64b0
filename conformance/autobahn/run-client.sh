#!/usr/bin/env bash
# Runs the official Autobahn|Testsuite fuzzing server (Docker) against Moonwire's client agent.
# Exit 0: no case FAILED; 1: some case FAILED; 3: no Docker engine answers (nothing was tested).
set -euo pipefail
cd "$(dirname "$0")"
if ! docker info >/dev/null 2>&1; then
  echo "autobahn: no Docker engine answers 'docker info'; the official suite did not run" >&2
  exit 3
fi
repo="$(cd ../.. && pwd)"
rm -rf reports/clients
docker run -d --rm --name moonwire-autobahn-server -p 9001:9001 \
  -v "$PWD:/config" -v "$PWD/reports:/reports" -w /config \
  crossbario/autobahn-testsuite wstest -m fuzzingserver -s /config/fuzzingserver.json >/dev/null
trap 'docker stop moonwire-autobahn-server >/dev/null 2>&1 || true' EXIT
sleep 5
dotnet run --project "$repo/runtime/Moonwire.Cli" -c Release -- echo-client --url ws://127.0.0.1:9001 --agent moonwire
python3 check-report.py reports/clients/index.json
