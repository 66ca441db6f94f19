#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The window and signet-cli sending on one journal at the same time
(issue 18, docs/cli.md): Signet's window sends four files with "Send 4
Requests" while a signet-cli process sends four others, both against one
signet-sandbox with the key in the keyring, as on a desk. Then the
sandbox's ledger holds exactly one request per file, the journal lists all
eight once, and the window's library shows the CLI's four too once that
process has ended (the owners' rule, docs/journal.md)."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
import gi  # noqa: E402

gi.require_version("Secret", "1")
from gi.repository import Secret  # noqa: E402
from signet_atspi import (DEFAULT_TIMEOUT, TIMEOUT_MULTIPLIER, Sandbox, Signet,  # noqa: E402
                          TestFailure, check, name_of)

KEY = "desk-and-cli-0123456789abcdef"
DATA = os.environ["SIGNET_TEST_DATA"]
CLI = os.environ["SIGNET_CLI_BIN"]
SCHEMA = Secret.Schema.new(os.environ["SIGNET_APPLICATION_ID"], Secret.SchemaFlags.NONE,
                           {"environment": Secret.SchemaAttributeType.STRING,
                            "server": Secret.SchemaAttributeType.STRING})


def copies(folder, prefix, count):
    paths = []
    for i in range(count):
        path = os.path.join(folder, f"{prefix}-{i}.pdf")
        shutil.copy(os.path.join(DATA, "simple.pdf"), path)
        paths.append(path)
    return paths


def get_json(url):
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(url, timeout=10) as answer:
        return json.loads(answer.read())


def all_documents(signet):
    """The count beside "All Documents" in the library's sidebar, or None."""
    for node in signet.find_all("list item"):
        name = name_of(node)
        if name.startswith("All Documents, "):
            return int(name.rsplit(", ", 1)[1])
    return None


def main():
    sandbox = Sandbox(KEY)
    folder = tempfile.mkdtemp(prefix="signet-cli-window-")
    signet = None
    try:
        # The desk's key, where the window and the CLI look for it.
        check(Secret.password_store_sync(SCHEMA, {"environment": "custom", "server": sandbox.url},
                                         Secret.COLLECTION_DEFAULT, "Signet test key", KEY, None),
              "could not store the key in the keyring")
        window_files = copies(folder, "window", 4)
        cli_files = copies(folder, "cli", 4)
        signet = Signet(*window_files, settings={"io/github/signetapp/Signet": {
            "environment": "'custom'", "custom-url": repr(sandbox.url),
            "archive-folder": repr(os.path.join(folder, "archive"))}})
        send = signet.find("push button", "Send 4 Requests",
                           predicate=lambda n: n.get_action_iface() is not None, timeout=60)
        signet.wait_until(lambda: send.get_state_set().contains(gi.repository.Atspi.StateType.SENSITIVE),
                          f"Send 4 Requests stayed off: {send.get_description()!r}", timeout=60)

        # The same folders as the window: one journal.
        home = signet.home_dir
        env = dict(os.environ)
        env.update({"XDG_CONFIG_HOME": os.path.join(home, "config"),
                    "XDG_DATA_HOME": os.path.join(home, "data"),
                    "XDG_CACHE_HOME": os.path.join(home, "cache"),
                    "XDG_STATE_HOME": os.path.join(home, "state"),
                    "GSETTINGS_BACKEND": "keyfile", "LANG": "C.UTF-8", "LANGUAGE": ""})
        cli = subprocess.Popen([CLI, "send", *cli_files], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
        signet.click(send)
        out, err = cli.communicate(timeout=DEFAULT_TIMEOUT * 4 * TIMEOUT_MULTIPLIER)
        check(cli.returncode == 0, f"signet-cli send: exit {cli.returncode}: {err}")
        links = out.split()
        check(len(links) == 4 and all(link.startswith(sandbox.url + "/openDocument/") for link in links),
              f"signet-cli printed {out!r}")
        signet.find_toast("4 requests sent", timeout=60)

        # One journal: all eight, each once, all open.
        listing = subprocess.run([CLI, "list", "--json"], env=env, capture_output=True, text=True,
                                 timeout=DEFAULT_TIMEOUT * TIMEOUT_MULTIPLIER)
        check(listing.returncode == 0, f"signet-cli list: {listing.stderr}")
        documents = json.loads(listing.stdout)
        names = sorted(d["filename"] for d in documents)
        expected = sorted(os.path.basename(p) for p in window_files + cli_files)
        check(names == expected, f"the journal lists {names}")
        check(all(d["status"] == "open" for d in documents), f"not all open: {documents}")

        # The sandbox's ledger: exactly one request per file.
        calls = get_json(sandbox.url + "/sandbox/calls")["routes"]
        check(calls.get("POST /JSON/signatureRequest", 0) == 8,
              f"the sandbox was asked for {calls.get('POST /JSON/signatureRequest', 0)} requests, not 8")
        documents_seen = set()
        for document in documents:
            answer = get_json(sandbox.url + "/sandbox/requests/" + document["signatureRequestId"])
            check(answer["documentId"] not in documents_seen, f"a document with two requests: {answer}")
            documents_seen.add(answer["documentId"])

        # The window follows the CLI's requests once that process is gone.
        signet.wait_until(lambda: all_documents(signet) == 8,
                          f"the library shows {all_documents(signet)} documents, not 8", timeout=60)
        signet.screenshot("cli-window")
        print("PASS window and signet-cli on one journal: 8 files, 8 requests")
    except TestFailure as failure:
        print(f"FAIL {failure}\n--- signet output ---\n{signet.output() if signet else ''}")
        sys.exit(1)
    finally:
        if signet is not None:
            signet.close()
        Secret.password_clear_sync(SCHEMA, {"environment": "custom", "server": sandbox.url}, None)
        sandbox.close()
        shutil.rmtree(folder, ignore_errors=True)


main()
