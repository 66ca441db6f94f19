#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`signet --sandbox --demo` fills a fresh sandbox and the journal with
documents in every state; Signet quit and started again on the same home
still lists them, on the same sandbox address, and the signing links the
journal keeps still open; a second --demo adds nothing
(docs/sandbox.md)."""

import os
import sys
import tempfile
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
from signet_atspi import Signet, TestFailure, check  # noqa: E402
from signet_library import call  # noqa: E402

ENV = {"SIGNET_SANDBOX_BIN": os.environ["SIGNET_SANDBOX_BIN"],
       "G_MESSAGES_DEBUG": "signet-sandbox-process,signet-application,signet-sandbox-demo"}
SETTINGS = {"io/github/signetapp/Signet": {"environment": "'sandbox'", "tracking-interval": "10"}}
GROUPS = ["Waiting for Signature, 2", "Signed, 1", "Cancelled, 1", "Failed, 1", "Expired, 1",
          "All Documents, 6"]


def states(url):
    status, listed = call(f"{url}/JSON/list/flat?state=*")
    check(status == 200, f"the sandbox's list answered {status}")
    return sorted(document["state"] for document in listed)


def link_opens(url, srid):
    """GET of the signing link, without following the redirect."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args):
            return None

    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), NoRedirect)
    try:
        opener.open(f"{url}/openDocument/{srid}", timeout=10)
    except urllib.error.HTTPError as error:
        return error.code
    return 200


def stage(name, signet, steps):
    """Runs steps(signet); on a failure prints the app's output and exits."""
    try:
        result = steps(signet)
    except TestFailure as failure:
        print(f"FAIL {name}: {failure}\n--- signet output ---\n{signet.output()}")
        signet.close()
        sys.exit(1)
    signet.close()
    print(f"PASS {name}")
    return result


def quit_cleanly(signet):
    signet.key("Control", "q")
    check(signet.wait_exit() == 0, "signet did not quit cleanly")


def demo(signet):
    url = signet.sandbox_url()
    for group in GROUPS:
        signet.find("list item", group, timeout=120)
    signet.wait_until(lambda: "The demo documents are in place" in signet.output(),
                      "the demo never said it was done")
    # Signed, the first of two rounds signed (its second waits), cancelled;
    # the gone one is not there any more.
    found = states(url)
    check(found == ["canceled", "signed", "tosign", "tosign", "tosign"], f"the sandbox holds {found}")
    urls = [line.split()[-1] for line in signet.output().splitlines()
            if "Demo: POST" in line and "/sandbox/cancel/" in line]
    check(len(urls) == 1, "the demo cancelled no request")
    signet.screenshot("sandbox-demo")
    quit_cleanly(signet)
    return url, found, urls[0].rsplit("/", 1)[1]


def main():
    with tempfile.TemporaryDirectory(prefix="signet-demo-") as home:
        url, found, cancelled = stage("demo", Signet("--sandbox", "--demo", env=ENV, settings=SETTINGS,
                                                     home=home), demo)

        # Started again, without --demo: the same documents, the same address.
        def restart(again):
            check(again.sandbox_url() == url, f"the sandbox moved from {url} to {again.sandbox_url()}")
            for group in GROUPS:
                again.find("list item", group)
            check(states(url) == found, "the sandbox's documents changed across the restart")
            status = link_opens(url, cancelled)
            check(status == 302, f"the cancelled request's signing link answered {status}")
            quit_cleanly(again)

        stage("restart", Signet("--sandbox", env=ENV, home=home), restart)

        # A second --demo on a sandbox with documents adds none, and says why.
        def twice(signet):
            signet.wait_until(lambda: "has documents already" in signet.output(),
                              "a second --demo did not say it added nothing")
            signet.find("list item", "All Documents, 6")

        stage("twice", Signet("--sandbox", "--demo", env=ENV, home=home), twice)


main()
