#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The detail page's actions added by issue 16, on a seeded library:
Presenter Mode for a waiting document (its QR code is the signing link);
Remove from This List for a finished one (Undo brings it back, a removal
stays after a restart, the server and the archive copy are left alone, and
open requests do not offer it); Send Again opens the request editor filled
from the journalled request, and says so when the file is gone."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from signet_atspi import check, walk  # noqa: E402
from signet_library import open_document, showing  # noqa: E402


def row(signet, title):
    """An action row of the detail page by its title."""
    return signet.find("list item", predicate=lambda n: (n.get_name() or "").startswith(title))


def test_present(signet, home, documents):
    signet.find("list item", "All Documents, 7")
    open_document(signet, "Kúpna zmluva.pdf", "zmluva")
    signet.find("label", "Signing Link")
    link = signet.find("label", predicate=lambda n: (n.get_name() or "").startswith("http")).get_name()
    signet.screenshot("detail-present")
    signet.click_at(row(signet, "Presenter Mode"))
    presenter = signet.find("frame", "Presenter Mode", timeout=10)
    signet.find("label", "Kúpna zmluva.pdf", root=presenter)
    signet.find("label", "Scan the QR code with your phone to sign", root=presenter)
    shown = " ".join(n.get_name() or "" for n in walk(presenter) if n.get_role_name() == "label")
    check("http" not in shown, f"the presenter shows the link: {shown}")
    check(signet.decode_qr(presenter, "library-presenter") == link,
          "the presenter's QR code is not the document's signing link")
    signet.key("Escape")
    signet.wait_until(lambda: all(w.get_name() != "Presenter Mode" for w in signet.windows() if w is not None),
                      "Escape did not leave presenter mode")
    # Not offered for a document that waits for nobody.
    open_document(signet, "Withdrawn order.pdf", "withdrawn")
    check(not showing(signet, "Presenter Mode"), "a cancelled document offers Presenter Mode")


if __name__ == "__main__":
    from signet_library import run_cases  # noqa: E402

    run_cases([
        ("present", {}, [test_present]),
    ])
