#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The library against the sandbox, looked at: requests in every state show
in the right group with the right counts; search narrows the list; a
keyboard-only path goes from the list to Open. Screenshots of the library
light and dark, wide and narrow, and of each detail state. (Changes that
reach the server are in test-library-server.py.)"""

import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from signet_atspi import check  # noqa: E402
from signet_library import COUNTS, open_document, opened_file, run_cases, search, showing  # noqa: E402


def check_groups(signet):
    for title, count in COUNTS.items():
        signet.find("list item", f"{title}, {count}")


def test_groups(signet, home, documents):
    check_groups(signet)
    signet.screenshot("library-wide")


def test_search(signet, home, documents):
    signet.find("list item", "All Documents, 7")
    check(showing(signet, "Lease agreement.pdf"), "the list does not show every document")
    search(signet, "novakova")
    signet.wait_until(lambda: not showing(signet, "Lease agreement.pdf"), "the search did not narrow the list")
    check(showing(signet, "Kúpna zmluva.pdf"), "the search lost the document it was after")
    search(signet, "example.sk")
    signet.wait_until(lambda: showing(signet, "Kúpna zmluva.pdf") and not showing(signet, "Loan contract.pdf"),
                      "searching by e-mail did not find the document")
    search(signet, "zzz nothing")
    signet.find("label", "No Results Found")
    signet.screenshot("library-no-results")


def test_keyboard(signet, home, documents):
    signet.find("list item", "All Documents, 7")
    open_document(signet, "Insurance policy.pdf")
    signet.key("Return")  # Open, where the focus is
    signet.wait_until(lambda: re.search(r"Opening file://\S*Insurance", signet.output()),
                      "Enter on Open did not open the signed copy")
    # The file start() had the stand-in write to (installing the stand-in
    # again here rewrote its files while Signet looked for the application,
    # which then was the system's PDF viewer).
    opened = opened_file(home)
    signet.wait_until(lambda: os.path.exists(opened) and "Insurance" in open(opened).read(),
                      "the PDF application was not started with the signed copy")


def test_screens(signet, home, documents):
    signet.find("list item", "All Documents, 7")
    for name, shot in [("Draft on the test server.pdf", "detail-preparing"),
                       ("Loan contract.pdf", "detail-cancelled"),
                       ("Withdrawn order.pdf", "detail-failed"),
                       ("Old offer.pdf", "detail-expired"),
                       ("Lease agreement.pdf", "detail-rounds"),
                       ("Insurance policy.pdf", "detail-archived")]:
        open_document(signet, name)
        signet.screenshot(shot)
    # The preview of the signed copy, made when first asked for.
    signet.click(signet.find_button("Preview"))
    signet.find("push button", "Next Page")
    signet.screenshot("detail-preview")


def test_dark(signet, home, documents):
    check_groups(signet)
    signet.screenshot("library-wide-dark")


def test_narrow(signet, home, documents):
    signet.find("list item", "All Documents, 7")
    signet.screenshot("library-narrow")


# Each case is one start of Signet; its steps run one after the other.
run_cases([
    ("wide", {}, [test_groups, test_search, test_keyboard, test_screens]),
    ("dark", {"dark": True}, [test_dark]),
    ("narrow", {"width": 400, "height": 700}, [test_narrow]),
])
