#!/usr/bin/env bash
# Selects a JDK >= 21 for latent-mpc and exports JAVA_HOME and PATH.
#
# Source it (`source deploy/bin/java-env.sh`) from a script or a shell: JAVA_HOME is kept when it
# already points at a JDK >= 21; otherwise the newest JDK >= 21 under /usr/lib/jvm is chosen.
# Run it directly to print the choice. Sourcing leaves the caller's shell options alone; it
# returns non-zero (and says what to install) when no suitable JDK exists.
#
# On JDK 24+ it also adds --sun-misc-unsafe-memory-access=allow to MAVEN_OPTS, which silences a
# warning that Maven 3.8's bundled Guava triggers on every build; it changes nothing else.

latent_mpc_min_java=21
latent_mpc_jvm_dir=/usr/lib/jvm

# Prints the feature release (17, 21, 25, ...) of the JDK at $1, or nothing if it is no JDK.
latent_mpc_jdk_major() {
  local home=$1 version=""
  [[ -x $home/bin/java && -x $home/bin/javac ]] || return 0
  if [[ -r $home/release ]]; then
    version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")
  fi
  if [[ -z $version ]]; then
    version=$("$home/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  version=${version#1.} # JDK 8 and older report 1.8.0_x
  version=${version%%[.+_-]*}
  [[ $version =~ ^[0-9]+$ ]] && printf '%s\n' "$version"
  return 0
}

# Prints the newest JDK >= the minimum under /usr/lib/jvm, or nothing.
latent_mpc_newest_jdk() {
  local dir major best="" best_major=0
  for dir in "$latent_mpc_jvm_dir"/*/; do
    dir=${dir%/}
    [[ -L $dir ]] && continue # Debian adds alias symlinks; the real directory is listed too
    major=$(latent_mpc_jdk_major "$dir")
    if [[ -n $major ]] && ((major >= latent_mpc_min_java && major > best_major)); then
      best=$dir
      best_major=$major
    fi
  done
  [[ -n $best ]] && printf '%s\n' "$best"
  return 0
}

latent_mpc_java_env() {
  local current_major="" chosen major
  if [[ -n ${JAVA_HOME:-} ]]; then
    current_major=$(latent_mpc_jdk_major "$JAVA_HOME")
  fi
  if [[ -n $current_major ]] && ((current_major >= latent_mpc_min_java)); then
    chosen=$JAVA_HOME
  else
    chosen=$(latent_mpc_newest_jdk)
  fi
  if [[ -z $chosen ]]; then
    {
      echo "latent-mpc: no JDK ${latent_mpc_min_java} or newer found."
      echo "  JAVA_HOME=${JAVA_HOME:-<unset>}; searched ${latent_mpc_jvm_dir}/*."
      echo "  Install a JDK >= ${latent_mpc_min_java} under ${latent_mpc_jvm_dir}, e.g. Eclipse Temurin"
      echo "  (package temurin-21-jdk or temurin-25-jdk from the Adoptium apt repository) or"
      echo "  Debian's openjdk-21-jdk-headless where the release has it, or set JAVA_HOME to one."
    } >&2
    return 1
  fi
  major=$(latent_mpc_jdk_major "$chosen")
  export JAVA_HOME=$chosen
  case ":$PATH:" in
    "$JAVA_HOME/bin:"*) ;;
    *) export PATH="$JAVA_HOME/bin:$PATH" ;;
  esac
  if ((major >= 24)) && [[ ${MAVEN_OPTS:-} != *sun-misc-unsafe-memory-access* ]]; then
    export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow"
  fi
  return 0
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -euo pipefail
  latent_mpc_java_env
  printf 'JAVA_HOME=%s\n' "$JAVA_HOME"
  "$JAVA_HOME/bin/java" -version
else
  latent_mpc_java_env
fi
