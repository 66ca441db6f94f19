#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Names a screen reader reads, in the windows besides the main one (issue 26,
docs/keyboard.md): every focusable node of Preferences (each page), the
shortcuts window, About, the batch summary dialog and presenter mode has a
name, not a widget class's ("GtkImage") and not one read twice. The walk is
gui-keyboard's (check_names in test-keyboard.py); the windows are opened
with keys where a key opens them (Send is clicked: gui-keyboard proves
the keys to it).

One start on the built-in sandbox with two files in the queue: Preferences
(Ctrl+comma), the shortcuts window (Ctrl+?), About (F10, Down…, Enter), then Send with
the sandbox refusing one file: the summary dialog; Escape, Send again: the
hand-over page, and F11: presenter mode.
"""

import importlib
import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
import signet_atspi  # noqa: E402
from gi.repository import GLib  # noqa: E402
from signet_atspi import Signet, TestFailure, check  # noqa: E402

keyboard = importlib.import_module("test-keyboard")
editor = importlib.import_module("test-editor")
post = importlib.import_module("test-editor-batch").post
check_names, tab_to, wait_focus = keyboard.check_names, keyboard.tab_to, keyboard.wait_focus

signet_atspi.KEYSYMS.update({"F10": 0xFFC7, "F11": 0xFFC8, "space": 0x20})


def find_window(signet, name):
    """The toplevel (frame or dialog) of Signet called name, or None."""
    for node in signet.windows():
        try:
            if node is not None and node.get_name() == name:
                return node
        except GLib.Error:
            continue
    return None


def window(signet, name, timeout=30):
    return signet.wait_until(lambda: find_window(signet, name), f"no window {name!r} opened", timeout)


def gone(signet, name):
    signet.wait_until(lambda: find_window(signet, name) is None, f"the window {name!r} did not close")


def shows_focusable(root):
    """Whether a focusable node is laid out on screen under root yet: a
    window is announced before its content is, on a busy machine."""
    for node in keyboard.walk(root):
        try:
            if keyboard.focusable(node) and keyboard.on_screen(node):
                return True
        except GLib.Error:
            continue  # a widget that went away while we looked
    return False


def look_at(signet, name, page):
    """Checks the names in the window called name, once it shows something
    to focus, takes its screenshot and closes it with Escape."""
    shown = window(signet, name)
    signet.wait_until(lambda: shows_focusable(shown), f"{page} never showed anything to focus",
                      timeout=30)
    check_names(signet, shown, page)
    signet.screenshot("names-" + page.replace(" ", "-"))
    signet.key("Escape")
    gone(signet, name)


def preferences(signet):
    signet.key("Control", "comma")
    prefs = window(signet, "Preferences")
    # The view switcher's buttons (a second switcher for narrow windows
    # repeats them).
    pages = list(dict.fromkeys(node.get_name() for node in signet.find_all("page tab", root=prefs)))
    check(len(pages) > 1, f"the preferences show no pages to switch between: {pages}")
    print(f"preferences pages: {pages}")
    for page in pages:
        tab_to(signet, page)
        signet.key("space")
        signet.find("label", page, root=prefs)
        check_names(signet, prefs, f"the preferences' page {page!r}")
    signet.screenshot("names-preferences")
    signet.key("Escape")
    gone(signet, "Preferences")


def shortcuts(signet):
    signet.key("Control", "question")
    look_at(signet, "Keyboard Shortcuts", "the shortcuts window")


def about(signet):
    signet.key("F10")
    wait_focus(signet, "Import Presets…", "the primary menu (F10)")
    for _ in range(12):
        now = keyboard.focused(signet)
        if now is not None and now[1] == "About Signet":
            break
        signet.key("Down")
        signet.wait_until(lambda: keyboard.focused(signet) != now, "Down did not move in the menu")
    wait_focus(signet, "About Signet", "About Signet in the primary menu")
    signet.key("Return")
    look_at(signet, "About", "About")


def batch_and_presenter(signet):
    url = editor.sandbox_url(signet)
    send = editor.send_button(signet, "Send 2 Requests")
    signet.wait_until(lambda: editor.sensitive(send), f"Send stayed off: {send.get_description()!r}",
                      timeout=60)
    post(f"{url}/sandbox/faults", {"path": "/JSON/signatureRequest", "status": 400, "count": 1})
    signet.click(send)
    window(signet, "1 of 2 Requests Sent", timeout=60)
    look_at(signet, "1 of 2 Requests Sent", "the batch summary dialog")
    signet.wait_until(lambda: editor.queue_rows(signet) and len(editor.queue_rows(signet)) == 1,
                      f"the refused file should stay: {editor.queue_rows(signet)}")
    send = editor.send_button(signet)
    signet.wait_until(lambda: editor.sensitive(send), "Send stayed off for the refused file", timeout=60)
    signet.click(send)
    # The first batch's hand-over page already has the focus on its Copy
    # Link: F11 before the second batch is sent opens presenter mode on the
    # first, which the second's hand-over then closes. The file leaves the
    # list in the same step that shows the second batch's page.
    editor.wait_sent(signet)
    wait_focus(signet, "Copy Link", "Copy Link on the hand-over page", timeout=60)
    signet.key("F11")
    look_at(signet, "Presenter Mode", "presenter mode")


def main():
    started = time.monotonic()
    signet = Signet(*[os.path.join(editor.DATA, name) for name in ("simple.pdf", "tags.pdf")],
                    env=editor.ENV, settings=editor.DEFAULTS)
    steps = [preferences, shortcuts, about, batch_and_presenter]
    selected = sys.argv[1:] or [step.__name__ for step in steps]
    failed = False
    try:
        signet.find("list", "Documents")
        for step in steps:
            if step.__name__ not in selected:
                continue
            try:
                step(signet)
                print(f"PASS {step.__name__} ({time.monotonic() - started:.1f} s)")
            except (TestFailure, GLib.Error) as failure:
                # The next window is still worth a look: Escape closes this one.
                print(f"FAIL {step.__name__}: {failure}")
                failed = True
                signet.key("Escape")
        if failed:
            print(f"--- signet output ---\n{signet.output()}")
    finally:
        signet.close()
    sys.exit(1 if failed else 0)


main()
