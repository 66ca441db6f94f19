#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when the shortcuts window (src/gui/gtk/help-overlay.ui) lists a key
that no code binds, or code binds a key it does not list (issue 26: "the
shortcuts window lists every shortcut that works, and nothing that does
not"; docs/keyboard.md).

The keys in code are read from the sources: the accelerators given to
gtk_application_set_accels_for_action() (arrays named *_accels),
gtk_widget_class_add_binding*() calls, gtk_keyval_trigger_new() in shortcut
controllers (with the table of keys a loop passes to it), and <trigger> and
accel attributes in .ui files. They are compared as keys (modifiers and key
name), not per action: one key may do different things in different
places (Escape), and the window's titles say what.
"""

import pathlib
import re
import sys
import xml.etree.ElementTree as ET

MASKS = {"GDK_CONTROL_MASK": "Control", "GDK_SHIFT_MASK": "Shift", "GDK_ALT_MASK": "Alt",
         "GDK_SUPER_MASK": "Super", "0": None}
# The same key in another place on the keyboard: the window shows one.
ALIASES = {"equal": "plus", "KP_Add": "plus", "KP_Subtract": "minus", "KP_Enter": "Return"}
# Listed, and done by GTK itself rather than a binding of Signet's: Enter
# activates the focused row of a GtkListView (a sent document's page).
BY_GTK = {((), "Return")}


def key(modifiers, name):
    name = ALIASES.get(name, name)
    if len(name) == 1:
        name = name.lower()
    return (tuple(sorted(m for m in modifiers if m)), name)


def shown(k):
    return "".join(f"<{m}>" for m in k[0]) + k[1]


def parse_accelerator(text):
    modifiers = re.findall(r"<(\w+)>", text)
    modifiers = ["Control" if m in ("Primary", "Ctrl") else m for m in modifiers]
    return key(modifiers, re.sub(r"<\w+>", "", text))


def parse_mask(text):
    modifiers = []
    for part in text.split("|"):
        part = part.strip()
        if part not in MASKS:
            raise ValueError(f"unknown modifier {part!r}")
        modifiers.append(MASKS[part])
    return modifiers


def keys_in_code(root):
    """{key: [where, …]} of every key bound in src/."""
    found = {}

    def add(k, where):
        found.setdefault(k, []).append(where)

    for path in sorted((root / "src").rglob("*.c")):
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(root)
        for match in re.finditer(r"static const char \*\w*accels\[\]\s*=\s*\{([^}]*)\}", text):
            for accel in re.findall(r'"([^"]+)"', match.group(1)):
                add(parse_accelerator(accel), f"{rel} (accels)")
        for match in re.finditer(
                r"gtk_widget_class_add_binding\w*\s*\(\s*\w+\s*,\s*GDK_KEY_(\w+)\s*,\s*([^,]+),", text):
            add(key(parse_mask(match.group(2)), match.group(1)), f"{rel} (binding)")
        for match in re.finditer(r"gtk_keyval_trigger_new\s*\(\s*([^,]+),\s*([^)]+)\)", text):
            keyval, mask = match.group(1).strip(), match.group(2)
            if keyval.startswith("GDK_KEY_"):
                add(key(parse_mask(mask), keyval[len("GDK_KEY_"):]), f"{rel} (shortcut)")
            else:
                # A loop over a table of keys in the same file.
                table = re.findall(r"\{\s*GDK_KEY_(\w+)\s*,\s*\"", text)
                if not table:
                    raise ValueError(f"{rel}: cannot tell the keys of {match.group(0)!r}")
                for name in table:
                    add(key(parse_mask(mask), name), f"{rel} (shortcut table)")
    for path in sorted((root / "src").rglob("*.ui")):
        if path.name == "help-overlay.ui":
            continue
        rel = path.relative_to(root)
        for element in ET.parse(path).iter():
            if element.tag == "trigger" or (element.tag == "attribute" and element.get("name") == "accel"):
                for accel in (element.text or "").split("|"):
                    if accel.strip():
                        add(parse_accelerator(accel.strip()), f"{rel} (.ui)")
    return found


def keys_listed(root):
    """{key: [title, …]} of the shortcuts window."""
    listed = {}
    for shortcut in ET.parse(root / "src/gui/gtk/help-overlay.ui").iter("object"):
        if shortcut.get("class") != "GtkShortcutsShortcut":
            continue
        props = {p.get("name"): (p.text or "") for p in shortcut.findall("property")}
        for accel in props.get("accelerator", "").split():
            listed.setdefault(parse_accelerator(accel), []).append(props.get("title", "?"))
    return listed


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    code, listed = keys_in_code(root), keys_listed(root)
    failures = []
    for k in sorted(set(code) - set(listed)):
        failures.append(f"{shown(k)} works ({', '.join(code[k])}) but the shortcuts window does not list it")
    for k in sorted(set(listed) - set(code) - BY_GTK):
        failures.append(f"the shortcuts window lists {shown(k)} ({', '.join(listed[k])}) but no code binds it")
    for failure in failures:
        print(failure)
    print(f"{len(code)} keys bound in code, {len(listed)} listed; {len(failures)} problems")
    return 1 if failures else 0


sys.exit(main())
