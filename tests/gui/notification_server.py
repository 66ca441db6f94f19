#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A stand-in org.freedesktop.Notifications on the session bus, for the GUI
tests. GLib sends an application's GNotifications there when nothing owns
org.gtk.Notifications and no portal is used, as in the headless session
(docs/testing.md). It writes every Notify call as one JSON line to stdout
({"id", "app", "summary", "body", "actions": [[key, label], …]}), and emits
ActionInvoked as a person clicking a button would when the test calls
org.example.NotificationTest.Invoke(id, action_key) on it."""

import json
import sys

from gi.repository import Gio, GLib

XML = """
<node>
  <interface name="org.freedesktop.Notifications">
    <method name="Notify">
      <arg type="s" direction="in"/><arg type="u" direction="in"/><arg type="s" direction="in"/>
      <arg type="s" direction="in"/><arg type="s" direction="in"/><arg type="as" direction="in"/>
      <arg type="a{sv}" direction="in"/><arg type="i" direction="in"/>
      <arg type="u" direction="out"/>
    </method>
    <method name="CloseNotification"><arg type="u" direction="in"/></method>
    <method name="GetCapabilities"><arg type="as" direction="out"/></method>
    <method name="GetServerInformation">
      <arg type="s" direction="out"/><arg type="s" direction="out"/>
      <arg type="s" direction="out"/><arg type="s" direction="out"/>
    </method>
    <signal name="ActionInvoked"><arg type="u"/><arg type="s"/></signal>
    <signal name="NotificationClosed"><arg type="u"/><arg type="u"/></signal>
  </interface>
  <interface name="org.example.NotificationTest">
    <method name="Invoke"><arg type="u" direction="in"/><arg type="s" direction="in"/></method>
  </interface>
</node>
"""
PATH = "/org/freedesktop/Notifications"
last_id = 0


def method_call(connection, sender, path, interface, method, parameters, invocation):
    global last_id
    if method == "Notify":
        app, replaces, _icon, summary, body, actions, _hints, _timeout = parameters.unpack()
        last_id = replaces or last_id + 1
        pairs = [list(actions[i:i + 2]) for i in range(0, len(actions), 2)]
        print(json.dumps({"id": last_id, "app": app, "summary": summary, "body": body, "actions": pairs}),
              flush=True)
        invocation.return_value(GLib.Variant("(u)", (last_id,)))
    elif method == "GetCapabilities":
        invocation.return_value(GLib.Variant("(as)", (["actions", "body"],)))
    elif method == "GetServerInformation":
        invocation.return_value(GLib.Variant("(ssss)", ("stand-in", "Signet tests", "1", "1.2")))
    elif method == "CloseNotification":
        invocation.return_value(None)
    elif method == "Invoke":
        connection.emit_signal(None, PATH, "org.freedesktop.Notifications", "ActionInvoked", parameters)
        invocation.return_value(None)


def main():
    loop = GLib.MainLoop()
    node = Gio.DBusNodeInfo.new_for_xml(XML)
    connection = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    for interface in node.interfaces:
        connection.register_object(PATH, interface, method_call, None, None)

    def acquired(*_):
        print(json.dumps({"ready": True}), flush=True)

    def lost(*_):
        print("notification_server: could not own org.freedesktop.Notifications", file=sys.stderr)
        loop.quit()

    Gio.bus_own_name_on_connection(connection, "org.freedesktop.Notifications",
                                   Gio.BusNameOwnerFlags.DO_NOT_QUEUE, acquired, lost)
    # Stops when the test closes our stdin.
    GLib.io_add_watch(GLib.IOChannel.unix_new(sys.stdin.fileno()), GLib.PRIORITY_DEFAULT,
                      GLib.IOCondition.HUP | GLib.IOCondition.IN, lambda *_: loop.quit())
    loop.run()


main()
