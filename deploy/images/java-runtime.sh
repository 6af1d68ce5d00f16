#!/bin/sh
# Builds the root filesystem every Labelstream image starts from, without a container registry: a Java
# runtime made by jlink from the building JDK, the shared libraries that runtime loads (taken from the
# building machine, found with ldd), and the account of user 185, which the Kubernetes manifests run as.
# The Jib build (deploy/images/pom.xml, Maven profile "images") adds it to an empty ("scratch") base image.
#
# usage: java-runtime.sh OUTPUT_DIRECTORY
# The output is reused while it was made from the same JDK; delete it to build it again.
set -eu

out="$1"
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
# the modules of Java SE plus the JDK ones Quarkus, Kafka and the PostgreSQL driver use at run time
modules="java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.management,jdk.zipfs,jdk.naming.dns,jdk.net,jdk.localedata"
origin="$java_home $(sed -n 's/^JAVA_RUNTIME_VERSION=//p' "$java_home/release") $modules"

if [ -d "$out" ] && [ -f "$out.origin" ] && [ "$(cat "$out.origin")" = "$origin" ]; then
    exit 0
fi
rm -rf "$out"
mkdir -p "$out/opt" "$out/etc" "$out/tmp" "$out/deployments"

"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
    --compress=2 --output "$out/opt/java"

# Debian's JDK links its trust store to the system's; an image has no system, so it gets a copy
if [ ! -s "$out/opt/java/lib/security/cacerts" ] || [ -L "$out/opt/java/lib/security/cacerts" ]; then
    rm -f "$out/opt/java/lib/security/cacerts"
    cp -L "$java_home/lib/security/cacerts" "$out/opt/java/lib/security/cacerts"
fi

# every library a binary or library of the runtime loads, and the dynamic loader, at their own paths;
# libraries of the runtime itself (found through its RUNPATH) are already there
find "$out/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' -o -name jspawnhelper \) -exec ldd {} \; 2>/dev/null \
    | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' \
    | grep -v "^$out" | sort -u \
    | while read -r library; do
        mkdir -p "$out$(dirname "$library")"
        cp -L "$library" "$out$library"
    done

cat > "$out/etc/passwd" <<PASSWD
root:x:0:0:root:/root:/sbin/nologin
labelstream:x:185:185:Labelstream:/deployments:/sbin/nologin
PASSWD
cat > "$out/etc/group" <<GROUP
root:x:0:
labelstream:x:185:
GROUP
echo "$origin" > "$out.origin"
