#!/usr/bin/env bash
# The main job: builds OperandoRig and starts the daemon with the simulated rig (one channel, a
# simple cell, simulated time at 600x) and the embedded SQLite store in ./data. The autostarted
# protocol (config/experiments/cc-charge-rest-discharge.yaml) prints every sample as it is stored;
# rigctl and Python clients can connect on 127.0.0.1:50051 meanwhile. Ctrl+C stops cleanly.
# Extra arguments go to the daemon (see: ./run.sh --help).
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
echo "run.sh: building (the first build takes a minute or two)..."
dotnet build src/Daemon/OperandoRig.Daemon.csproj -c Release -nologo -clp:ErrorsOnly -v q
dotnet build src/Cli/OperandoRig.Cli.csproj -c Release -nologo -clp:ErrorsOnly -v q
exec dotnet src/Daemon/bin/Release/net10.0/operando-rigd.dll --config config/rig.sim.yaml --print-samples "$@"
