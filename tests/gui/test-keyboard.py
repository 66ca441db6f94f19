#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The main job with the keyboard only (issue 26, docs/keyboard.md).

Keys are synthesized on the display; AT-SPI is used only to read, never to
act: where the focus is (the node with the FOCUSED state) after each page
change, and the names a screen reader would read.

- "wide": a fresh Signet, onboarding with Tab and Enter (the connect page
  on the way), the built-in sandbox, Open Documents… focused; the file
  chooser with Ctrl+L, a path and Enter; the file focused in the queue; F6
  to the preview and to the editor; Ctrl+Return sends; Copy Link focused on
  the hand-over page; Done; the row "contract.pdf, <state>" focused in the
  library; Enter focuses the detail's first action; Escape and Alt+Left
  each go back to the row; Ctrl+F focuses the search.
- "narrow": the same library in a narrow window, where the list and the
  detail take turns: Escape and Alt+Left go back from the detail to the
  list, Escape from the list to the states.

In "wide", Alt and the underlined letter reach each main field of the
request editor (EDITOR_MNEMONICS), each named once; Shift+F6, F6 go back to
the editor's first field, from where Ctrl+Return sends (one key; the issue
asks for at most 3). "combos": a third start, without fatal criticals, for
the combo rows' letters (COMBO_MNEMONICS says why).

On every page, every focusable node of the window must have a name, not a
widget class's ("GtkImage") and not one read twice ("Title Title"). The
whole tree is walked while the file chooser is open and after it closed,
with criticals fatal (the issue saw a crash in g_variant_new_object_path()
there).
"""

import os
import re
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
import signet_atspi  # noqa: E402
from gi.repository import GLib  # noqa: E402
from signet_atspi import Atspi, Signet, TestFailure, check, text_of, walk  # noqa: E402

signet_atspi.KEYSYMS.update({"Left": 0xFF51, "F6": 0xFFC3, "BackSpace": 0xFF08})
signet_atspi.KEYSYMS.update({c: ord(c) for c in "abcdefghijklmnopqrstuvwxyz"})

DATA = os.environ["SIGNET_TEST_DATA"]
FILE_NAME = "contract.pdf"
COMBOS_FILE = "lease.pdf"
# What GTK 4.8 reads for a widget that has no name: its class, "GtkImage".
CLASS_NAME = re.compile(r"^(Gtk|Adw|Signet)[A-Z]\w*$")
# A window: a dialog is no frame (a walk up to the application would find
# it not VISIBLE and skip every node).
TOPLEVEL_ROLES = {"frame", "dialog", "alert", "application"}
CONTAINER_ROLES = {"scroll pane", "list", "list item", "viewport", "panel", "filler", "tree", "table"}
FRESH = {"io/github/signetapp/Signet": {"environment": "'none'"}}
# The request editor's mnemonics (tests/check-mnemonics.py checks that
# they do not clash, also in sk and cs): Alt+letter, the field's role and
# name (read once, without the underscore). Entries take the typing; an
# expander row opens or closes and keeps the focus.
EDITOR_MNEMONICS = [
    ("n", "text", "Name"),
    ("e", "text", "E-mail Address"),
    ("t", "list item", "One-Time Code"),
    ("y", "text", "Your E-mail Address"),
    ("m", "text", "Your Name"),
    ("o", "list item", "More E-mail Options"),
    ("l", "spin button", "Link Expires After"),
    ("a", "list item", "Advanced"),
    ("f", "list item", "Pre-filled Form Fields"),
]
# A combo row opens its list (Escape closes it, the focus stays on the
# row). Checked in a start of its own: GTK 4.8 on Xvfb says
# "gdk_monitor_get_geometry: assertion 'GDK_IS_MONITOR (monitor)' failed"
# when a popover opens, which the fatal criticals of "wide" would turn
# into a crash that has nothing to do with Signet.
COMBO_MNEMONICS = [
    ("s", "combo box", "Signers"),
    ("w", "combo box", "Where to Sign"),
]
# The detail page's first action: Open when a file is kept, else the
# Details/Timeline switch.
DETAIL_FIRST = ("Open", "Details")


def type_text(text):
    check(Atspi.generate_keyboard_event(0, text, Atspi.KeySynthType.STRING), f"could not type {text!r}")


def states(node):
    return node.get_state_set()


def focused(signet):
    """(role, name) of the node that has the keyboard focus, or None. The
    active window is looked at first; a window GTK does not report as
    active (no window manager on the test display) is looked at after."""
    windows = [w for w in signet.windows() if w is not None]

    def active(window):
        try:
            return states(window).contains(Atspi.StateType.ACTIVE)
        except GLib.Error:
            return False

    for window in sorted(windows, key=lambda w: not active(w)):
        for node in walk(window):
            try:
                if states(node).contains(Atspi.StateType.FOCUSED):
                    return node.get_role_name(), node.get_name() or ""
            except GLib.Error:
                continue
    return None


def wait_focus(signet, accept, what, timeout=30):
    """Waits until the focused node's name satisfies accept (a name, a tuple
    of names, or a predicate); returns its name."""
    if isinstance(accept, str):
        accept = (accept,)
    test = accept if callable(accept) else (lambda name: name in accept)
    seen = []

    def ok():
        now = focused(signet)
        if not seen or seen[-1] != now:
            seen.append(now)
        check(signet.process.poll() is None, f"signet {signet.ended()}")
        return now is not None and test(now[1]) and now

    try:
        return signet.wait_until(ok, f"the focus did not go to {what}", timeout)[1]
    except TestFailure as failure:
        raise TestFailure(f"{failure}; it was on {seen[-5:]}") from None


def wait_text_focus(signet, name, what, root=None, role="text"):
    """Waits until typing goes into the text field called name. GTK 4.8
    does not report FOCUSED on a text field inside an entry or a row (the
    focus is on its inner GtkText), so a key is typed and taken back."""
    field = signet.find(role, name, root=root)
    before = text_of(field)
    type_text("x")
    signet.wait_until(lambda: text_of(field) == before + "x",
                      f"typing did not go into {what}: it holds {text_of(field)!r}; the focus is on "
                      f"{focused(signet)}")
    signet.key("BackSpace")
    signet.wait_until(lambda: text_of(field) == before, f"BackSpace did not take the x back from {what}")


def tab_to(signet, name, limit=40):
    """Presses Tab until the node called name has the focus."""
    visited = []
    for _ in range(limit):
        now = focused(signet)
        if now is not None and now[1] == name:
            return
        visited.append(now)
        signet.key("Tab")
        signet.wait_until(lambda: focused(signet) != now, f"Tab did not move the focus from {now}",
                          timeout=10)
    raise TestFailure(f"{name!r} was not reached in {limit} Tabs; the focus went {visited}")


def doubled(name):
    """Whether name reads a part twice: "Title Title", or a label and a
    labelled-by together ("Link Expires After (Days) Link Expires After"):
    any run of two or more words said again."""
    words = name.replace("_", "").split()
    half = len(words) // 2
    if half > 0 and len(words) % 2 == 0 and words[:half] == words[half:]:
        return True
    for size in range(2, half + 1):
        runs = [tuple(words[i:i + size]) for i in range(len(words) - size + 1)]
        for i, run in enumerate(runs):
            if run in runs[i + size:]:
                return True
    return False


def where(node, depth=4):
    """The nearest named ancestors of node, for a failure message."""
    names = []
    try:
        node = node.get_parent()
        while node is not None and len(names) < depth:
            name = node.get_name() or ""
            if name and not CLASS_NAME.match(name):
                names.append(f"[{node.get_role_name()}] {name!r}")
            elif not names:
                names.append(f"[{node.get_role_name()}] {name!r}, {node.get_child_count()} children")
            node = node.get_parent()
    except GLib.Error:
        pass
    return " < ".join(names) or "?"


def focusable(node):
    node_states = states(node)
    return (node_states.contains(Atspi.StateType.FOCUSABLE)
            and node_states.contains(Atspi.StateType.VISIBLE))


def on_screen(node):
    """GTK 4.8 reports VISIBLE on the widgets of a stack's hidden pages too
    (and SHOWING on none): a widget never laid out has no size, and one in
    a closed popover has an ancestor that is not VISIBLE."""
    box = node.get_extents(Atspi.CoordType.WINDOW)
    if box.width <= 0 or box.height <= 0:
        return False
    ancestor = node.get_parent()
    while ancestor is not None and ancestor.get_role_name() not in TOPLEVEL_ROLES:
        if not states(ancestor).contains(Atspi.StateType.VISIBLE):
            return False
        # The value a combo row shows is a list item of libadwaita's inside
        # the row, which is the Tab stop and is named by its title.
        if ancestor.get_role_name() == "combo box" and node.get_role_name() == "list item":
            return False
        # libadwaita 1.2's toast has an unnamed close button; toasts come
        # and go on their own, left to issue 26's next step (docs/keyboard.md).
        if ancestor.get_name() == "AdwToastWidget":
            return False
        ancestor = ancestor.get_parent()
    return True


def passes_focus_on(node):
    """Whether node is a container that GTK only passes the focus through:
    a scrolled window or a list takes the focus itself only when nothing
    inside it can (then it is a Tab stop and needs a name)."""
    return node.get_role_name() in CONTAINER_ROLES and any(
        focusable(child) for child in list(walk(node))[1:])


def check_names(signet, root, page):
    """Every focusable node shown under root has a name a screen reader can
    read: not empty, not a widget class's, not read twice."""
    bad = []
    checked = 0
    for node in walk(root):
        try:
            if not focusable(node) or not on_screen(node):
                continue
            checked += 1
            role, name = node.get_role_name(), node.get_name() or ""
            if (not name.strip() or CLASS_NAME.match(name)) and passes_focus_on(node):
                continue
        except GLib.Error:
            continue  # a widget that went away while we looked
        if not name.strip() or CLASS_NAME.match(name) or doubled(name):
            bad.append(f"[{role}] {name!r} in {where(node)}")
    check(checked > 0, f"on {page}, no focusable node was found to check")
    check(not bad, f"on {page}, focusable nodes without a proper name: {bad}")


def walk_everything(signet):
    """Reads every node of every window, as a screen reader does."""
    count = 0
    for node in walk(signet.app):
        try:
            node.get_role_name()
            node.get_name()
            states(node)
            count += 1
        except GLib.Error:
            continue
    check(signet.process.poll() is None,
          f"signet died while its tree was walked ({signet.process.returncode}):\n{signet.output()}")
    return count


def chooser_open(signet):
    for window in signet.windows():
        try:
            if window is not None and window.get_name() == "Open Documents":
                return True
        except GLib.Error:
            continue
    return False


def chooser_focused(signet):
    """Whether a node of the file chooser has the focus (keys go there)."""
    for window in signet.windows():
        try:
            if window is not None and window.get_name() == "Open Documents":
                return any(states(node).contains(Atspi.StateType.FOCUSED) for node in walk(window))
        except GLib.Error:
            continue
    return False


def send_button(signet, frame):
    return signet.find("push button", root=frame,
                       predicate=lambda n: re.match(r"^Send( \d+ Requests)?$", n.get_name() or "")
                       and n.get_action_iface() is not None)


def is_row(name):
    return name.startswith(FILE_NAME + ", ")


def spin_value(node):
    return Atspi.Value.get_current_value(node)


def mnemonics(signet, frame, fields):
    """Alt+letter reaches each of fields in the request editor, and each
    is named once, as its label without the underscore."""
    for letter, role, name in fields:
        field = signet.find(role, name, root=frame)
        before_key = focused(signet)
        signet.key("Alt", letter)
        if role == "text":
            wait_text_focus(signet, name, f"{name!r} (Alt+{letter.upper()})", root=frame)
        elif role == "spin button":
            # Up and Down change the number in the field that has the focus.
            before = spin_value(field)
            step = "Down" if before > 1 else "Up"
            signet.key(step)
            signet.wait_until(lambda: spin_value(field) != before,
                              f"Alt+{letter.upper()} did not put the focus on {name!r}: {step} did not "
                              f"change it; the focus is on {focused(signet)}")
            signet.key("Up" if step == "Down" else "Down")
            signet.wait_until(lambda: spin_value(field) == before, f"{name!r} did not go back")
        elif role == "combo box":
            # The list takes the focus, then Escape gives it to the row.
            signet.wait_until(lambda: focused(signet) != before_key,
                              f"Alt+{letter.upper()} did not open the list of {name!r}")
            signet.key("Escape")
            wait_focus(signet, name, f"{name!r} after its list closed")
        else:
            wait_focus(signet, name, f"{name!r} (Alt+{letter.upper()})")
        check(field.get_name() == name, f"the field is named {field.get_name()!r}, not {name!r}")
    check_names(signet, frame, "the request editor, its rows opened by mnemonics")
    signet.screenshot("keyboard-mnemonics")


def back_from_detail(signet):
    """From the detail (the focus on its first action): Escape goes back to
    the row, Enter to the detail again, Alt+Left back to the row."""
    signet.key("Escape")
    wait_focus(signet, is_row, "the row, after Escape")
    signet.key("Return")
    wait_focus(signet, DETAIL_FIRST, "the detail's first action, again")
    signet.key("Alt", "Left")
    wait_focus(signet, is_row, "the row, after Alt+Left")


def open_file(signet, frame, folder, while_open=lambda signet: None, focus=True, name=FILE_NAME):
    """In the open file chooser: Ctrl+L, the path of name in folder, Enter;
    the file is then focused in the queue (unless focus is false)."""
    signet.wait_until(lambda: chooser_open(signet), "the file chooser did not open")
    while_open(signet)
    signet.wait_until(lambda: chooser_focused(signet), "the file chooser did not take the focus")
    signet.key("Control", "l")
    type_text(os.path.join(folder, name))
    signet.key("Return")
    documents = signet.find("list", "Documents", root=frame)
    signet.find("list item", name, root=documents)
    signet.wait_until(lambda: not chooser_open(signet), "the file chooser did not close")
    while_open(signet)
    if focus:
        wait_focus(signet, name, "the opened file in the queue")


def wide(signet, folder):
    frame = signet.find("frame", "Signet")

    # Onboarding, through the connect page and back.
    signet.find_button("Try Without an Account", root=frame)
    check_names(signet, frame, "the welcome page")
    tab_to(signet, "Connect to OKdokument")
    signet.key("Return")
    wait_text_focus(signet, "API key", "the API key", root=frame)
    check_names(signet, frame, "the connect page")
    tab_to(signet, "Back")
    signet.key("Return")
    tab_to(signet, "Try Without an Account")
    signet.key("Return")
    wait_focus(signet, "Open Documents…", "the empty state's Open Documents…", timeout=60)
    check_names(signet, frame, "the empty state")

    # The file chooser, with the tree walked while it is open and after.
    signet.key("Return")
    open_file(signet, frame, folder, walk_everything)

    # F6 to the preview, then to the editor; Ctrl+Return sends from there.
    send = send_button(signet, frame)
    signet.wait_until(lambda: states(send).contains(Atspi.StateType.SENSITIVE),
                      f"Send stayed off: {send.get_description()!r}", timeout=60)
    check_names(signet, frame, "the queue and the editor")
    signet.key("F6")
    preview_first = wait_focus(signet, lambda name: name != FILE_NAME, "the preview (F6)")
    signet.key("F6")
    editor_first = wait_focus(signet, lambda name: name != preview_first, "the editor (F6)")
    print(f"F6: {FILE_NAME!r} -> {preview_first!r} -> {editor_first!r}")
    mnemonics(signet, frame, EDITOR_MNEMONICS)
    # Back to the editor's first field (Shift+F6 to the preview, F6 back),
    # from where Send is one key away (issue 26: at most 3).
    signet.key("Shift", "F6")
    wait_focus(signet, preview_first, "the preview (Shift+F6)")
    signet.key("F6")
    wait_focus(signet, editor_first, "the editor's first field (F6)")
    signet.key("Control", "Return")
    wait_focus(signet, "Copy Link", "Copy Link on the hand-over page", timeout=60)
    check_names(signet, frame, "the hand-over page")
    signet.screenshot("keyboard-handover")

    # Done: the library, the new row focused and named by file and state.
    tab_to(signet, "Done")
    signet.key("Return")
    row = wait_focus(signet, is_row, "the sent document's row")
    check_names(signet, frame, "the library")
    signet.key("Return")
    wait_focus(signet, DETAIL_FIRST, "the detail's first action")
    check_names(signet, frame, "the detail page")
    signet.screenshot("keyboard-detail")
    back_from_detail(signet)
    signet.key("Control", "f")
    wait_text_focus(signet, "Search Documents", "the search entry", root=frame, role="entry")
    return row


def narrow(signet):
    frame = signet.find("frame", "Signet")
    # The journal loads after the window's first frame: Ctrl+F before the
    # library shows the document "wide" sent finds no search to go to.
    signet.find("list item", "All Documents, 1", root=frame)
    signet.key("Control", "f")
    wait_text_focus(signet, "Search Documents", "the search entry", root=frame, role="entry")
    signet.key("Return")  # the first result
    wait_focus(signet, is_row, "the first result")
    signet.key("Return")
    wait_focus(signet, DETAIL_FIRST, "the detail's first action")
    check_names(signet, frame, "the narrow detail page")
    back_from_detail(signet)
    signet.key("Escape")
    wait_focus(signet, lambda name: name.startswith("All Documents"), "the states, after Escape")
    check_names(signet, frame, "the narrow states")


def combos(signet, folder):
    """The combo rows' mnemonics, without fatal criticals (COMBO_MNEMONICS)."""
    frame = signet.find("frame", "Signet")
    signet.find("push button", "Open", root=frame)
    signet.key("Control", "o")
    open_file(signet, frame, folder, focus=False, name=COMBOS_FILE)
    send = send_button(signet, frame)
    signet.wait_until(lambda: states(send).contains(Atspi.StateType.SENSITIVE),
                      f"Send stayed off: {send.get_description()!r}", timeout=60)
    # The mnemonics work wherever the focus is in the window.
    mnemonics(signet, frame, COMBO_MNEMONICS)
    wait_focus(signet, "Where to Sign", "the editor's first field")


def main():
    folder = tempfile.mkdtemp(prefix="signet-keyboard-")
    shutil.copy(os.path.join(DATA, "fields.pdf"), os.path.join(folder, FILE_NAME))
    shutil.copy(os.path.join(DATA, "simple.pdf"), os.path.join(folder, COMBOS_FILE))
    home = tempfile.mkdtemp(prefix="signet-keyboard-home-")
    combos_home = tempfile.mkdtemp(prefix="signet-keyboard-combos-")
    failed = False
    try:
        for case in sys.argv[1:] or ("wide", "narrow", "combos"):
            if case == "wide":
                signet = Signet(home=home, settings=FRESH, env={"G_DEBUG": "fatal-criticals"})
            elif case == "narrow":
                signet = Signet(home=home, settings={"io/github/signetapp/Signet": {
                    "environment": "'sandbox'", "window-width": "560", "window-height": "720"}})
            else:
                # A home of its own: with sent documents the library shows,
                # and its list searches what is typed (it took the path).
                signet = Signet(home=combos_home, settings={"io/github/signetapp/Signet": {
                    "environment": "'sandbox'"}})
            try:
                if case == "wide":
                    wide(signet, folder)
                elif case == "narrow":
                    narrow(signet)
                else:
                    combos(signet, folder)
                print(f"PASS {case}")
            except (TestFailure, GLib.Error) as failure:
                print(f"FAIL {case}: {failure}\n--- signet output ---\n{signet.output()}")
                failed = True
                break
            finally:
                signet.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(home, ignore_errors=True)
        shutil.rmtree(combos_home, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
