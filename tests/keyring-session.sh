#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# keyring-session.sh MODE CMD…: runs CMD with SIGNET_TEST_KEYRING=MODE in a
# private D-Bus session with a throwaway HOME, so keyring tests neither
# depend on nor touch the caller's keyring:
#   unlocked  gnome-keyring with a login keyring unlocked by a known password
#   locked    the same keyring, which the test locks itself
#   none      a session bus with no Secret Service at all
set -eu
mode=$1; shift
tmp=$(mktemp -d /tmp/signet-keyring.XXXXXX)

# gnome-keyring-daemon forks into the background and may outlive the bus by
# a while; as long as it holds the test's stdout or stderr, meson waits for
# it, up to the test's timeout. Every process of this session carries
# SIGNET_KEYRING_SESSION in its environment: whichever is left at the end
# is stopped.
export SIGNET_KEYRING_SESSION="$tmp"
stop_leftovers() {
  for environ in /proc/[0-9]*/environ; do
    pid=${environ#/proc/}; pid=${pid%/environ}
    [ "$pid" != $$ ] || continue
    if { tr '\0' '\n' < "$environ"; } 2>/dev/null | grep -qx "SIGNET_KEYRING_SESSION=$tmp"; then
      kill "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$tmp"
}
trap stop_leftovers EXIT
mkdir -p "$tmp/home" "$tmp/services"
if [ "$mode" != none ]; then
  ln -s /usr/share/dbus-1/services/org.freedesktop.secrets.service "$tmp/services/"
fi
cat > "$tmp/session.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=$tmp</listen>
  <auth>EXTERNAL</auth>
  <servicedir>$tmp/services</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/home/.local/share" XDG_RUNTIME_DIR="$tmp"
export SIGNET_TEST_KEYRING="$mode"
dbus-run-session --config-file="$tmp/session.conf" -- sh -c '
  if [ "$SIGNET_TEST_KEYRING" != none ]; then
    printf signet-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
  fi
  "$@"' sh "$@"
