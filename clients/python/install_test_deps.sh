#!/bin/sh
# Installs what the Python interop tests (tests/Daemon/Api/PythonInteropTests) need, from Debian/Ubuntu packages:
# grpcio and protobuf for the system Python (/usr/bin/python3) and protoc to generate the message modules.
set -eu
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends python3-grpcio python3-protobuf protobuf-compiler
/usr/bin/python3 -c 'import grpc, google.protobuf; print("grpcio", grpc.__version__, "protobuf", google.protobuf.__version__)'
protoc --version
