#!/bin/sh
# Prepares a Payara Micro root directory whose launcher starts with a class data sharing archive.
# Used by the Dockerfile (at image build time) and by the benchmark's --cds option alike.
#
#   sh class-data-sharing.sh PAYARA_JAR ROOT_DIR [Payara Micro options of the real launch]
#
# 1. `--rootdir ROOT_DIR --outputlauncher` unpacks Payara's runtime into ROOT_DIR/runtime and writes
#    ROOT_DIR/launch-micro.jar, whose class path names those jars: the JVM's application class loader
#    then loads Payara itself, so the archive can hold it (it cannot hold classes read out of the
#    nested jars of payara-micro.jar).
# 2. One training start with the given options and --warmup (boot, deploy, shut down), which writes
#    ROOT_DIR/app.jsa at its exit: every class it loaded, Payara's and the application's (also those
#    of WEB-INF, loaded by Payara's web application class loader), parsed and verified.
#
# Launch afterwards with the same JVM and the same ROOT_DIR path, and the same options less --deploy:
#   java -XX:SharedArchiveFile=ROOT_DIR/app.jsa ... -jar ROOT_DIR/launch-micro.jar [options]
# The training installed the application in ROOT_DIR (its domain.xml keeps what was deployed), so it starts
# with it; a --deploy of it would load the installed copy, then undeploy it and deploy it again.
# A JVM that finds the archive unusable (another JDK, a runtime jar changed) warns and starts without it.
# One ROOT_DIR serves one server at a time.
#
# The training start keeps its data (for Parley: the embedded database, the generated token key) in a
# directory of its own, deleted at the end: nothing of it stays in ROOT_DIR or in an image.
set -eu
if [ $# -lt 2 ]; then
    echo "usage: $0 PAYARA_JAR ROOT_DIR [Payara Micro options]" >&2
    exit 2
fi
jar=$1
root=$2
shift 2
java -jar "$jar" --rootdir "$root" --outputlauncher
training=$(mktemp -d)
trap 'rm -rf "$training"' EXIT
PARLEY_DATA_DIR="$training" java -XX:ArchiveClassesAtExit="$root/app.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
    -jar "$root/launch-micro.jar" "$@" --warmup
test -s "$root/app.jsa"
