#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""GNOME Shell's search: Signet's org.gnome.Shell.SearchProvider2, called
over the session bus as the Shell calls it, on a Signet whose journal holds
documents in every state (the library's seed). Words find documents by file
name, signer's name or e-mail address (case and accents folded, every word
needed); a result's meta has the file name and the state; activating a
result opens its detail page in the window (read back through AT-SPI)."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from gi.repository import Gio, GLib  # noqa: E402
from signet_atspi import check, wait_for  # noqa: E402
from signet_library import run_cases  # noqa: E402

INTERFACE = "org.gnome.Shell.SearchProvider2"


def provider(signet):
    """(bus name, object path) of the running Signet's search provider."""
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)

    def name():
        names = bus.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                              "ListNames", None, GLib.VariantType("(as)"), Gio.DBusCallFlags.NONE, -1,
                              None).unpack()[0]
        ours = [n for n in names if n.startswith("io.github.signetapp.Signet")]
        return ours[0] if ours else None

    bus_name = wait_for(name, "Signet has no name on the session bus")
    return bus, bus_name, "/" + bus_name.replace(".", "/") + "/SearchProvider"


def call(target, method, args, reply):
    bus, name, path = target
    return bus.call_sync(name, path, INTERFACE, method, args, GLib.VariantType(reply) if reply else None,
                         Gio.DBusCallFlags.NONE, 10000, None).unpack()


def initial(target, *terms):
    return call(target, "GetInitialResultSet", GLib.Variant("(as)", (list(terms),)), "(as)")[0]


def metas(target, ids):
    return call(target, "GetResultMetas", GLib.Variant("(as)", (ids,)), "(aa{sv})")[0]


def names_of(target, ids):
    return {meta["name"] for meta in metas(target, ids)}


def test_search_provider(signet, home, documents):
    signet.find("list item", "All Documents, 7")
    target = provider(signet)

    # The signer's name, without its accents: the one document.
    found = initial(target, "novakova")
    check(names_of(target, found) == {"Kúpna zmluva.pdf"}, f"'novakova' found {names_of(target, found)}")
    meta = metas(target, found)[0]
    check(meta["id"] == found[0], f"the meta's id is {meta['id']!r}, not {found[0]!r}")
    check("·" in meta["description"] and meta["description"].split(" · ")[1],
          f"the description {meta['description']!r} does not give the state and the signer")
    check(meta.get("gicon"), "the result has no icon")

    # The e-mail domain, the file name in two words, nothing.
    by_mail = names_of(target, initial(target, "example.sk"))
    check("Kúpna zmluva.pdf" in by_mail and "Loan contract.pdf" not in by_mail,
          f"'example.sk' found {by_mail}")
    by_words = initial(target, "Lease", "AGREEMENT")
    check(names_of(target, by_words) == {"Lease agreement.pdf"}, f"'Lease AGREEMENT' found {by_words}")
    check(initial(target, "zzz", "nothing") == [], "a search for nothing found something")

    # Narrowed as the person types on; unknown ids are left out of the metas.
    everything = initial(target, "pdf")
    check(len(everything) == 7, f"'pdf' found {len(everything)} of 7 documents")
    narrowed = call(target, "GetSubsearchResultSet", GLib.Variant("(asas)", (everything, ["pdf", "kupna"])),
                    "(as)")[0]
    check(names_of(target, narrowed) == {"Kúpna zmluva.pdf"}, f"narrowing to 'kupna' found {narrowed}")
    check(metas(target, ["999999", "not-a-number", ""]) == [], "unknown ids got metas")

    # Activating a result shows its page.
    call(target, "ActivateResult", GLib.Variant("(sasu)", (found[0], ["novakova"], 0)), None)
    signet.find("heading", "Kúpna zmluva.pdf")
    signet.screenshot("search-provider-activated")


run_cases([("search", {}, [test_search_provider])])
