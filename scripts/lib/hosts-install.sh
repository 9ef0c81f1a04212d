#!/usr/bin/env bash
# Installs nginx and Apache httpd from Debian for tests/hosts/run.mjs, which
# runs each one from a temporary config of its own: neither is ever started
# as a system service, so none is left listening on :80.
#
#   scripts/lib/hosts-install.sh      (or source it and call hosts_install)
#
# Idempotent: with both binaries there, it only checks.
hosts_install() {
  local missing=()
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
  command -v apache2 >/dev/null || [ -x /usr/sbin/apache2 ] || missing+=(apache2)
  [ ${#missing[@]} -eq 0 ] && return 0

  local sudo=
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  # Debian's postinst scripts start the service through invoke-rc.d, which asks
  # /usr/sbin/policy-rc.d first: exit 101 means "action forbidden". Keep any
  # policy already in place (Docker images ship one) and put it back after.
  local policy=/usr/sbin/policy-rc.d backup=
  if [ -e "$policy" ]; then
    backup=$(mktemp)
    $sudo cp -p "$policy" "$backup"
  fi
  printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
  $sudo chmod 755 "$policy"
  local status=0
  printf '\033[1m==> apt-get install %s\033[0m\n' "${missing[*]}"
  $sudo apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
    status=$?
  if [ -n "$backup" ]; then
    $sudo cp -p "$backup" "$policy"
    rm -f "$backup"
  else
    $sudo rm -f "$policy"
  fi
  # Should a service have started anyway (a systemd machine ignores
  # policy-rc.d), stop it by the pid its own pid file names, and disable it.
  local pidfile pid
  for pidfile in /run/nginx.pid /run/apache2/apache2.pid; do
    pid=$(cat "$pidfile" 2>/dev/null) || continue
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      echo "hosts-install: stopping the service the package started (pid $pid from $pidfile)" >&2
      $sudo kill "$pid" || true
    fi
  done
  if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
    $sudo systemctl disable --now nginx apache2 >/dev/null 2>&1 || true
  fi
  return $status
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  hosts_install
fi
