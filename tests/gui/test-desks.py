#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A document made straight through the sandbox's API (as the web app or
another desk would) shows in the library's "Sent Elsewhere" group, its
page says where it comes from, and deleting it asks first
(docs/shared-account.md)."""

import base64
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from signet_atspi import Sandbox, TestFailure, check  # noqa: E402
from signet_library import DEMO_KEY, call, search, showing, start  # noqa: E402

NAME = "From the front desk.pdf"


def main():
    with tempfile.TemporaryDirectory(prefix="signet-desks-") as home:
        sandbox_dir = os.path.join(home, "sandbox")
        os.makedirs(sandbox_dir)
        os.makedirs(os.path.join(home, "archive"))
        with open(os.path.join(os.environ["SIGNET_TEST_DATA"], "fields.pdf"), "rb") as pdf:
            content = base64.b64encode(pdf.read()).decode()

        # The web app: an upload on the account, in the sandbox's folder.
        web_app = Sandbox(DEMO_KEY, data_dir=sandbox_dir)
        try:
            status, _ = call(web_app.url + "/JSON/document", "POST",
                             {"filename": NAME, "file": {"content": content}})
            check(status == 200, f"the upload answered {status}")
        finally:
            web_app.close()

        wrapper = os.path.join(home, "sandbox.sh")
        with open(wrapper, "w") as script:
            script.write(f"#!/bin/sh\nexec '{os.environ['SIGNET_SANDBOX_BIN']}' \"$@\" "
                         f"--data-dir '{sandbox_dir}'\n")
        os.chmod(wrapper, 0o755)

        signet = start(home, wrapper)
        try:
            group = signet.find("list item", "Sent Elsewhere, 1")
            signet.find("list item", "All Documents, 1")
            signet.screenshot("library-sent-elsewhere")
            signet.click_at(group)
            signet.wait_until(lambda: showing(signet, NAME), "the group does not list the document")
            print("PASS desks: group")

            search(signet, "front desk")
            signet.wait_until(lambda: showing(signet, NAME), "the search lost the document")
            signet.key("Return")  # the first result
            signet.key("Return")  # its page
            signet.find("heading", NAME)
            signet.find("label", predicate=lambda node: "Sent elsewhere · last seen on the server"
                        in (node.get_name() or ""))
            signet.screenshot("detail-sent-elsewhere")
            print("PASS desks: page")

            # Deleting it asks first, and says it was sent elsewhere.
            signet.key("Delete")
            signet.find("label", "Delete a Document Sent Elsewhere?")
            signet.find("label", predicate=lambda node: "was sent from another desk"
                        in (node.get_name() or ""))
            signet.screenshot("delete-sent-elsewhere")
            signet.key("Escape")  # Keep
            signet.wait_until(lambda: not showing(signet, "Delete a Document Sent Elsewhere?"),
                              "the question did not go")
            check(not showing(signet, f"“{NAME}” is deleted from the server"),
                  "kept, but a deletion was offered to undo")
            print("PASS desks: delete asks")
        except TestFailure as failure:
            print(f"FAIL desks: {failure}\n{signet.output()[-3000:]}")
            signet.close()
            return 1
        signet.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
