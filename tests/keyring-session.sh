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
trap 'rm -rf "$tmp"' EXIT
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
    printf signet-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  fi
  "$@"' sh "$@"
