#!/usr/bin/env bash
# Builds and runs the README's library quick start as a user would: quickstart/ is a project outside the reactor
# that imports the BOM and gets UXP's published artifacts from the file repository `./mvnw deploy` wrote
# (target/repository), never from the reactor or ~/.m2's io.uxp. It is compiled and run on the module path, then a
# copy without module-info.java (a class-path user's project) is compiled and run on the class path; each run must print "reply: hello" with a logging
# binding in place. First it checks that the README's quick-start blocks are quickstart/'s files, and that the
# repository holds exactly the published modules, each with its -sources and -javadoc jars.
#
# Needs a deploy of the reactor first: scripts/test.sh runs one (`./mvnw deploy -Dmaven.install.skip=true`).
# Offline: third-party artifacts and plugins come read-only from the reactor's local repository
# (UXP_MAVEN_REPO, default ~/.m2/repository, seen without its io/uxp); what this build downloads (io.uxp only)
# goes under target/.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

log() { printf 'uxp-quickstart: %s\n' "$*" >&2; }
fail() { log "FAILED: $*"; exit 1; }

repo="$root/target/repository"
head="$root/target/quickstart-m2"
tail="${UXP_MAVEN_REPO:-$HOME/.m2/repository}"
version=0.1.0-SNAPSHOT
published="uxp-api uxp-bom uxp-cc-bbr uxp-cli uxp-crypto-chacha uxp-crypto-mac uxp-crypto-salsa uxp-fec uxp-kcp uxp-parent
uxp-provider-checks uxp-runtime"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# The n-th fenced block of a language in the README's "Library quick start" section.
readme_block() {
    awk -v fence='```'"$1" -v want="$2" '
        /^## / { in_section = ($0 == "## Library quick start"); next }
        in_block && $0 == "```" { exit }
        in_block { print; next }
        in_section && $0 == fence && ++n == want { in_block = 1 }' README.md
}

same_as_readme() { # $1 = what, $2 = README text, $3 = file text
    if [ "$2" != "$3" ]; then
        diff <(printf '%s\n' "$2") <(printf '%s\n' "$3") >&2 || true
        fail "README.md's quick start ($1) differs from quickstart/ (diff above: README, then the file)"
    fi
}

same_as_readme "pom.xml" "$(readme_block xml 1 | sed 's/^ *//')" \
    "$(sed -n '/<!-- README begins -->/,/<!-- README ends -->/p' quickstart/pom.xml | sed '1d;$d' | sed 's/^ *//')"
same_as_readme "module-info.java" "$(readme_block java 1)" "$(cat quickstart/src/main/java/module-info.java)"
same_as_readme "EchoExample.java" "$(readme_block java 2)" "$(cat quickstart/src/main/java/example/EchoExample.java)"
log "README.md's quick start is quickstart/'s pom.xml, module-info.java and EchoExample.java"

[ -d "$repo/io/uxp" ] || fail "no $repo: run ./mvnw deploy -Dmaven.install.skip=true first"
actual="$(ls "$repo/io/uxp" | sort | tr '\n' ' ')"
expected="$(printf '%s\n' $published | sort | tr '\n' ' ')"
[ "$actual" = "$expected" ] || fail "target/repository holds [$actual], the published modules are [$expected]"
for artifact in $published; do
    case "$artifact" in uxp-parent | uxp-bom) continue ;; esac
    for classifier in sources javadoc; do
        ls "$repo/io/uxp/$artifact/$version/$artifact"-*-"$classifier".jar >/dev/null 2>&1 \
            || fail "$artifact has no -$classifier jar in target/repository"
    done
done
log "target/repository holds the $(wc -w <<<"$published") published artifacts, each jar with -sources and -javadoc"

# a fresh head each time, so nothing from an earlier deploy is reused
rm -rf "$head" quickstart/target
# the read-only tail without io.uxp: a snapshot someone installed into ~/.m2 must not stand in for the deployed one
filtered="$root/target/quickstart-tail"
rm -rf "$filtered"
mkdir -p "$filtered"
for entry in "$tail"/*; do
    [ -e "$entry" ] || continue
    if [ "$(basename "$entry")" = io ]; then
        mkdir -p "$filtered/io"
        for group in "$entry"/*; do
            [ "$(basename "$group")" = uxp ] || ln -s "$group" "$filtered/io/"
        done
    else
        ln -s "$entry" "$filtered/"
    fi
done
tail="$filtered"
quickstart_mvn() { # $1 = the project directory
    ./mvnw -B -ntp -q -o -Daether.offline.protocols=file -f "$1/pom.xml" -Dmaven.repo.local="$head" \
        -Dmaven.repo.local.tail="$tail" -Duxp.repository="file://$repo" package
}

run() { # $1 = label, then the java arguments
    local label="$1" output
    shift
    if ! output="$(timeout 60 "$java" "$@" 2>&1)"; then
        printf '%s\n' "$output" >&2
        fail "$label: the example failed (output above)"
    fi
    grep -qx 'reply: hello' <<<"$output" || { printf '%s\n' "$output" >&2; fail "$label: no 'reply: hello'"; }
    if grep -q 'No SLF4J providers' <<<"$output"; then
        fail "$label: SLF4J found no provider although the quick start declares slf4j-simple"
    fi
    log "$label: $(grep -x 'reply: hello' <<<"$output")"
}

# ~/.m2 (the tail) may hold io.uxp artifacts another checkout installed: every io.uxp jar used must be the one deployed
from_repository() { # $1 = the lib directory
    local jar name deployed
    for jar in "$1"/uxp-*.jar; do
        name="$(basename "$jar" "-$version.jar")"
        deployed="$(ls -t "$repo/io/uxp/$name/$version/$name-${version%-SNAPSHOT}"-*[0-9].jar | head -n 1)"
        cmp -s "$jar" "$deployed" || fail "$jar is not the jar in target/repository ($deployed)"
    done
}

quickstart_mvn quickstart
from_repository quickstart/target/lib
run "module path" -p quickstart/target/lib:quickstart/target/uxp-quickstart-1.0.jar -m example/example.EchoExample

# the same project as a class-path user has it: no module-info.java
classpath="$root/target/quickstart-classpath"
rm -rf "$classpath"
mkdir -p "$classpath/src/main/java"
cp quickstart/pom.xml "$classpath/"
cp -r quickstart/src/main/java/example "$classpath/src/main/java/"
quickstart_mvn "$classpath"
from_repository "$classpath/target/lib"
run "class path" -cp "$classpath/target/lib/*:$classpath/target/uxp-quickstart-1.0.jar" example.EchoExample
log "the quick start builds and runs against the published artifacts on the module path and the class path"
