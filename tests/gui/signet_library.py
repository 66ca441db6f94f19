# SPDX-License-Identifier: GPL-3.0-or-later
"""What the library tests share: a Signet home seeded with requests in every
state (tests/library-seed.c) and a sandbox on the same data, the library's
list and search, and the sandbox's counters over HTTP."""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
from gi.repository import GLib  # noqa: E402
from signet_atspi import TIMEOUT_MULTIPLIER, Atspi, Signet, TestFailure, check, wait_for  # noqa: E402

DEMO_KEY = "signet-sandbox-demo-key"
SEED = os.environ["SIGNET_LIBRARY_SEED"]
SANDBOX_BIN = os.environ["SIGNET_SANDBOX_BIN"]
DOCUMENT_NAMES = {"Lease agreement.pdf", "Kúpna zmluva.pdf", "Loan contract.pdf", "Insurance policy.pdf",
                  "Draft on the test server.pdf", "Withdrawn order.pdf", "Old offer.pdf"}
COUNTS = {"Waiting for Signature": 2, "Preparing": 1, "Signed": 1, "Cancelled": 1, "Failed": 1,
          "Expired": 1, "All Documents": 7}


def seed(home):
    """Fills the journal of a new Signet home and a sandbox data folder."""
    os.makedirs(os.path.join(home, "data"), exist_ok=True)
    sandbox_dir = os.path.join(home, "sandbox")
    archive = os.path.join(home, "archive")
    os.makedirs(sandbox_dir, exist_ok=True)
    os.makedirs(archive, exist_ok=True)
    env = dict(os.environ, XDG_DATA_HOME=os.path.join(home, "data"), no_proxy="127.0.0.1", LC_ALL="C.UTF-8")
    seeded = subprocess.run([SEED, sandbox_dir, archive], env=env, cwd=home, capture_output=True, text=True,
                            timeout=120 * TIMEOUT_MULTIPLIER)
    check(seeded.returncode == 0, f"library-seed failed ({seeded.returncode}):\n{seeded.stderr[-3000:]}")
    out = seeded.stdout
    documents = {}
    for line in out.splitlines():
        group, srid, name = line.split(" ", 2)
        documents[name] = (group, srid)
    # Signet's own sandbox keeps its data in the same folder.
    wrapper = os.path.join(home, "sandbox.sh")
    with open(wrapper, "w") as script:
        # Last, so that it wins over the app's own --data-dir.
        script.write(f"#!/bin/sh\nexec '{SANDBOX_BIN}' \"$@\" --data-dir '{sandbox_dir}'\n")
    os.chmod(wrapper, 0o755)
    return documents, wrapper, sandbox_dir


def opened_file(home):
    """The file the stand-in PDF application of install_opener() writes to."""
    return os.path.join(home, "opened")


def install_opener(home):
    """PDFs open with a stand-in that writes down what it was given, so that
    Open is checked and no viewer window covers later screenshots."""
    applications = os.path.join(home, "data", "applications")
    os.makedirs(applications, exist_ok=True)
    opened = opened_file(home)
    with open(os.path.join(applications, "signet-test-opener.desktop"), "w") as desktop:
        desktop.write("[Desktop Entry]\nType=Application\nName=Opener\nMimeType=application/pdf;\n"
                      f"Exec=sh -c 'echo \"$1\" >> {opened}' sh %u\n")
    with open(os.path.join(applications, "mimeapps.list"), "w") as mimeapps:
        mimeapps.write("[Default Applications]\napplication/pdf=signet-test-opener.desktop\n")
    return opened


def start(home, wrapper, width=1200, height=760, dark=False):
    install_opener(home)
    settings = {"io/github/signetapp/Signet": {"environment": "'sandbox'", "window-width": str(width),
                                               "window-height": str(height),
                                               "archive-folder": repr(os.path.join(home, "archive"))}}
    env = {"SIGNET_SANDBOX_BIN": wrapper,
           "G_MESSAGES_DEBUG": "signet-sandbox-process,signet-library-view,signet-application,signet-deletions,signet-tracker,signet-client",
           "XDG_DATA_HOME": os.path.join(home, "data")}
    if dark:
        settings["org/gnome/desktop/interface"] = {"color-scheme": "'prefer-dark'"}
    return Signet("--sandbox", env=env, settings=settings)


def call(url, method="GET", body=None, key=DEMO_KEY):
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json"}
    if key:
        headers["x-api-key"] = key
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=10) as answer:
            return answer.status, json.loads(answer.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, None


def deleted(url):
    status, counter = call(url + "/JSON/counter")
    check(status == 200, f"the counter answered {status}")
    return int(counter["actual"]["sandbox.deleted.f"])


def type_text(text):
    check(Atspi.generate_keyboard_event(0, text, Atspi.KeySynthType.STRING), f"could not type {text!r}")


def search(signet, text):
    signet.key("Control", "f")  # selects what was searched before
    type_text(text)


def showing(signet, name):
    """Whether a row or page shows a label called name."""
    for node in signet.find_all("label"):
        try:
            if node.get_name() == name and signet.is_visible(node):
                return True
        except GLib.Error:
            continue
    return False


def walk_last_first(node):
    """Depth-first, last child first: toasts are the overlay's last child, so
    this reaches them before the whole window."""
    yield node
    try:
        count = node.get_child_count()
    except GLib.Error:
        return
    for i in reversed(range(count)):
        try:
            child = node.get_child_at_index(i)
        except GLib.Error:
            continue
        if child is not None:
            yield from walk_last_first(child)


def find_undo(signet, timeout=4.0):
    """The toast's Undo button, found before the toast goes (GTK 4.8 names
    it "Undo Undo": the button and its label)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        for node in walk_last_first(signet.app):
            try:
                if node.get_role_name() == "push button" and node.get_name() in ("Undo", "Undo Undo"):
                    return node
            except GLib.Error:
                continue
        time.sleep(0.05)
    raise TestFailure("no Undo button appeared")


def listed(signet):
    """The names of the documents the list shows now."""
    documents = signet.find("list", "Sent Documents")
    names = set()
    for node in signet.find_all("label", root=documents):
        try:
            if node.get_name() in DOCUMENT_NAMES and signet.is_visible(node):
                names.add(node.get_name())
        except GLib.Error:
            continue
    return names


def open_document(signet, name, query=None):
    """Finds a document by typing (ASCII) query, then goes to its page with
    Enter. The search entry waits a moment before it searches: Enter goes
    only once the list shows the one document."""
    search(signet, query or name)
    signet.wait_until(lambda: listed(signet) == {name}, f"the search did not narrow the list to {name!r}")
    signet.key("Return")  # the first result
    signet.key("Return")  # its page, with the focus on Open
    signet.find("heading", name)


def processes_using(path):
    """The ids of the processes whose command line names path (the sandbox
    Signet started on a home's data keeps running a moment after Signet)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                if path.encode() in cmdline.read():
                    found.append(int(entry))
        except OSError:
            continue  # a process that ended while we looked
    return found


def end_processes_using(path):
    """Waits for the processes on a case's home to end (the sandbox stops
    when Signet has gone); any left after 10 s (a PDF viewer a failed case
    started) is killed, so that the next case's home is not written to."""
    try:
        wait_for(lambda: not processes_using(path), "processes stayed", timeout=10)
    except TestFailure:
        for pid in processes_using(path):
            print(f"killing process {pid}, left by the last case")
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        wait_for(lambda: not processes_using(path), f"processes on {path} stayed: {processes_using(path)}")


def run_cases(cases):
    """Runs each case against a fresh seeded home and Signet instance: a case
    is (name, options for start(), [steps]); the steps run in order on the
    same instance, each test(signet, home, documents).

    The home is seeded once (library-seed waits some 8 s for its request to
    expire) and copied aside; each later case gets that copy back, at the
    same path, since the journal names its files by absolute path."""
    only = sys.argv[1:]
    failed = False
    with tempfile.TemporaryDirectory(prefix="signet-library-") as root:
        home = os.path.join(root, "home")
        seeded = os.path.join(root, "seeded")
        documents = wrapper = None
        for name, options, steps in cases:
            if only and name not in only:
                continue
            try:
                if documents is None:
                    shutil.rmtree(home, ignore_errors=True)
                    os.makedirs(home)
                    documents, wrapper, _ = seed(home)
                    check(set(documents) == DOCUMENT_NAMES, f"the seed made {sorted(documents)}")
                    shutil.copytree(home, seeded, symlinks=True)
                else:
                    end_processes_using(home)
                    shutil.rmtree(home)
                    shutil.copytree(seeded, home, symlinks=True)
            except TestFailure as failure:
                print(f"FAIL {name}: seeding: {failure}")
                failed = True
                documents = None
                continue
            signet = start(home, wrapper, **options)
            step = None
            try:
                for step in steps:
                    step(signet, home, dict(documents))
                    print(f"PASS {name}: {step.__name__}")
            except TestFailure as failure:
                try:
                    signet.screenshot(f"library-failed-{name}")
                except Exception:
                    pass
                print(f"FAIL {name}: {step.__name__}: {failure}\n--- signet output ---\n{signet.output()}")
                failed = True
            finally:
                signet.close()
    sys.exit(1 if failed else 0)
