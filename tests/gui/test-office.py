#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Presets an office shares, in the real window: the office's presets folder
reaches a running window (a file written there shows its preset in the
editor's Presets menu, under "From the Office", and goes with the file);
"Export Presets…" and "Export Office Settings…" through the file chooser,
never with a key; "Import Presets…" on another desk asking about the preset
it already has, and a key found in a file left out and said; and a new
desk's first start taking the office's settings, the key still to type."""

import json
import os
import pathlib
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from gi.repository import GLib  # noqa: E402
from signet_atspi import Atspi, Signet, TestFailure, check, choose_file, text_of_entry  # noqa: E402

DATA = os.environ["SIGNET_TEST_DATA"]
GROUP = "io/github/signetapp/Signet"


def preset(email):
    return {"version": 1, "rounds": [{}], "senderEmail": email}


def write_presets(folder, name, presets):
    """A presets file written as another desk would: a new file put in place."""
    text = json.dumps({"format": "signet-presets", "version": 1,
                       "presets": [{"name": n, "preset": p} for n, p in presets.items()]})
    part = pathlib.Path(folder, name + ".part")
    part.write_text(text)
    part.rename(pathlib.Path(folder, name))


def gvariant_presets(presets):
    """The "presets" setting (a{ss}) in GVariant text."""
    def quote(text):
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
    return "{" + ", ".join(f"{quote(n)}: {quote(json.dumps(p))}" for n, p in presets.items()) + "}"


def menu_items(signet):
    """The names of the menu items on screen now."""
    names = []
    for node in signet.find_all("menu item"):
        try:
            names.append(node.get_name())
        except Exception:  # noqa: BLE001 - a widget that went away while we looked
            continue
    return names


def open_presets_menu(signet):
    signet.click(signet.find_button("Presets"))
    signet.find("menu item", "Save as Preset…")


def open_office_preferences(signet):
    """Preferences, on the page with the Office group."""
    signet.click(signet.find_button("Main Menu"))
    signet.click(signet.find("menu item", "Preferences"))
    preferences = signet.find("frame", "Preferences")
    signet.click(signet.find("page tab", "Requests", root=preferences))
    return preferences


def close_preferences(signet):
    signet.key("Escape")

    def closed():
        try:
            return not any(w.get_name() == "Preferences" for w in signet.windows() if w is not None)
        except GLib.Error:
            return False  # a window that went away while we looked
    signet.wait_until(closed, "Preferences stayed open")


def shared_folder(signet, folder):
    """A preset written into the office's folder reaches the running window;
    removed, it goes; the office's presets are applied, never deletable."""
    open_presets_menu(signet)
    signet.find("menu item", "Office Lease")
    signet.find("label", "From the Office")
    check("Delete Preset" not in menu_items(signet), "an office preset can be deleted on the desk")
    signet.screenshot("office-presets-menu")

    started = time.monotonic()
    write_presets(folder, "b.json", {"Office Sale": preset("sale@example.sk")})
    signet.wait_until(lambda: "Office Sale" in menu_items(signet),
                      "a preset written into the office's folder never reached the open menu")
    print(f"a new office preset reached the window in {time.monotonic() - started:.1f} s")

    started = time.monotonic()
    os.remove(os.path.join(folder, "b.json"))
    signet.wait_until(lambda: "Office Sale" not in menu_items(signet),
                      "a preset removed from the office's folder stayed in the menu")
    print(f"a removed office preset left the window in {time.monotonic() - started:.1f} s")

    # Applied like the desk's own: its sender reaches the form.
    signet.key("Escape")
    open_presets_menu(signet)
    signet.click(signet.find("menu item", "Office Lease"))
    entry = signet.find("text", "Your E-mail Address")
    signet.wait_until(lambda: text_of_entry(entry) == "lease@example.sk",
                      "the office's preset did not fill in its sender")

    # Preferences › Requests › Office: stopped, the office's presets leave the
    # running window; chosen again through the folder chooser, they return.
    signet.key("Escape")
    preferences = open_office_preferences(signet)
    signet.find("label", folder, root=preferences)
    signet.screenshot("office-preferences")
    signet.click(signet.find_button("Stop Using the Folder", root=preferences))
    signet.find("label", "Off", root=preferences)
    close_preferences(signet)
    open_presets_menu(signet)
    check("Office Lease" not in menu_items(signet) and "From the Office" not in
          [label.get_name() for label in signet.find_all("label")],
          "the office's presets stayed after the folder was no longer used")
    signet.key("Escape")

    preferences = open_office_preferences(signet)
    signet.click(signet.find_button("Choose the Office’s Presets Folder", root=preferences))
    choose_file(signet, "Choose the Office’s Presets Folder", folder, "Choose")
    signet.find("label", folder, root=preferences)
    close_preferences(signet)
    open_presets_menu(signet)
    signet.find("menu item", "Office Lease")


def export_both(signet, out):
    """Exports the presets and the office's settings through the file chooser."""
    presets_path = os.path.join(out, "presets.json")
    signet.click(signet.find_button("Main Menu"))
    signet.click(signet.find("menu item", "Export Presets…"))
    choose_file(signet, "Export Presets", presets_path, "Export")
    signet.find_toast("2 presets saved in “presets.json”")

    settings_path = os.path.join(out, "office.json")
    signet.click(signet.find_button("Main Menu"))
    signet.click(signet.find("menu item", "Export Office Settings…"))
    choose_file(signet, "Export Office Settings", settings_path, "Export")
    signet.find_toast("Office settings saved in “office.json”, without the API key")

    exported = json.loads(pathlib.Path(presets_path).read_text())
    check(exported["format"] == "signet-presets"
          and sorted(p["name"] for p in exported["presets"]) == ["Lease", "Sale"],
          f"the exported presets are {exported}")
    office = json.loads(pathlib.Path(settings_path).read_text())
    check(office["format"] == "signet-office-settings"
          and office["settings"].get("tracking-interval") == 300, f"the exported settings are {office}")
    for path in (presets_path, settings_path):
        text = pathlib.Path(path).read_text().lower()
        check("apikey" not in text and "secret" not in text, f"{path} holds a key: {text}")


def import_presets(signet, path):
    signet.click(signet.find_button("Main Menu"))
    signet.click(signet.find("menu item", "Import Presets…"))
    choose_file(signet, "Import Presets", path, "Import")


def answer(signet, name, response):
    """Answers the question about the preset name this desk already has."""
    body = f"This desk already has a preset called “{name}”. Replace it with the one in the file?"
    dialog = signet.find("dialog", "Replace Preset?",
                         predicate=lambda n: any(label.get_name() == body
                                                 for label in signet.find_all("label", root=n)))
    # AdwMessageDialog keeps its buttons twice, for a wide and a narrow
    # layout; those shown are named once (signet_name_mnemonic_buttons_once()).
    signet.click(signet.find("push button", root=dialog,
                             predicate=lambda n: (n.get_name() or "").startswith(response)))

    def answered():
        try:
            return not any(label.get_name() == body for label in signet.find_all("label"))
        except GLib.Error:
            return False  # a window that went away while we looked
    signet.wait_until(answered, f"the question about {name!r} stayed on screen")


def import_on_another_desk(signet, out):
    """Desk B has its own "Lease": asked, replaced; then a file with a key."""
    import_presets(signet, os.path.join(out, "presets.json"))
    answer(signet, "Lease", "Replace")
    signet.find_toast("2 presets imported")
    keyfile = signet.keyfile.read_text()
    check("desk-a@example.sk" in keyfile and "sale@example.sk" in keyfile,
          f"the imported presets are not in the settings:\n{keyfile}")
    check("desk-b@example.sk" not in keyfile, "the replaced preset is still there")

    # A file that carries a key: the key is left out, stored nowhere, and said.
    with_key = json.loads(pathlib.Path(out, "presets.json").read_text())
    with_key["apiKey"] = "0123secretkey456"
    with_key["presets"][0]["preset"]["apiKey"] = "0123secretkey456"
    keyed = os.path.join(out, "with-key.json")
    pathlib.Path(keyed).write_text(json.dumps(with_key))
    import_presets(signet, keyed)
    answer(signet, "Lease", "Keep")
    answer(signet, "Sale", "Keep")
    toast = "0 presets imported; 2 kept as they were; 1 thing left out"
    signet.find_toast(toast)
    signet.screenshot("office-import-toast")
    # The toast's button (the overlay's last child), not the library's "Details".
    signet.click(signet.find_toast("Details", role="push button"))
    details = signet.find("dialog", "Left Out of the Import")
    signet.find("label", root=details, predicate=lambda n: "API key" in (n.get_name() or "")
                and "saved it nowhere" in (n.get_name() or ""))
    signet.screenshot("office-import-details")
    check("0123secretkey456" not in signet.keyfile.read_text(), "the key from the file was stored")


def first_start(signet, out):
    """A new desk takes the office's settings; the key is typed here."""
    office = json.loads(pathlib.Path(out, "office.json").read_text())
    office["settings"]["environment"] = "custom"
    office["settings"]["custom-url"] = "https://okdokument.example.sk"
    path = os.path.join(out, "office-custom.json")
    pathlib.Path(path).write_text(json.dumps(office))

    signet.click(signet.find_button("Import Settings From Your Office…"))
    choose_file(signet, "Import Settings From Your Office", path, "Import")
    signet.find("label", "Your office’s settings are in place, with 2 presets. Type this desk’s API "
                "key to finish.")
    url = signet.wait_visible(signet.find("text", "Server address"))
    check(text_of_entry(url) == "https://okdokument.example.sk",
          f"the server address is {text_of_entry(url)!r}")
    signet.screenshot("office-first-start")
    keyfile = signet.keyfile.read_text()
    check("tracking-interval=uint32 300" in keyfile or "tracking-interval=300" in keyfile,
          f"the office's tracking interval is not in the settings:\n{keyfile}")
    check("sale@example.sk" in keyfile, f"the office's presets are not in the settings:\n{keyfile}")
    # No account until this desk's key is typed and checked.
    check("environment='none'" in keyfile, f"an environment was saved without a key:\n{keyfile}")


def main():
    failed = False

    def case(name, test, *args, **options):
        nonlocal failed
        started = time.monotonic()
        signet = Signet(*args, **options)
        try:
            test(signet)
            print(f"PASS {name} ({time.monotonic() - started:.1f} s)")
        except TestFailure as failure:
            print(f"FAIL {name}: {failure}\n--- signet output ---\n{signet.output()}")
            failed = True
        finally:
            signet.close()

    with tempfile.TemporaryDirectory(prefix="signet-office-") as root:
        folder = os.path.join(root, "Office presets")
        out = os.path.join(root, "exported")
        os.makedirs(folder)
        os.makedirs(out)
        write_presets(folder, "a.json", {"Office Lease": preset("lease@example.sk")})
        case("shared-folder", lambda s: shared_folder(s, folder), os.path.join(DATA, "simple.pdf"),
             settings={GROUP: {"environment": "'sandbox'", "shared-presets-folder": repr(folder)}})
        desk_a = gvariant_presets({"Lease": preset("desk-a@example.sk"), "Sale": preset("sale@example.sk")})
        case("export", lambda s: export_both(s, out),
             settings={GROUP: {"environment": "'sandbox'", "tracking-interval": "300", "presets": desk_a}})
        desk_b = gvariant_presets({"Lease": preset("desk-b@example.sk")})
        case("import", lambda s: import_on_another_desk(s, out),
             settings={GROUP: {"environment": "'sandbox'", "presets": desk_b}})
        case("first-start", lambda s: first_start(s, out),
             settings={GROUP: {"environment": "'none'"}})
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
