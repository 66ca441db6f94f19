#!/usr/bin/python3
# test-watched-folder.py: `signet-cli watch` against the signet-sandbox
# program over loopback: 50 PDFs dropped at once (a few of them bad), the
# watcher killed with SIGKILL in the middle and started again; then one
# request per good file in the sandbox, every file in Sent/ or Failed/ with
# its note, nothing left and nothing lost (docs/watched-folder.md).
# Usage: test-watched-folder.py SIGNET_CLI SIGNET_SANDBOX TESTDATA_DIR

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

CLI, SANDBOX, DATA = sys.argv[1:4]
KEY = "watch-test-key-93be1f07"
MULTIPLIER = float(os.environ.get("SIGNET_TEST_TIMEOUT_MULTIPLIER", "1"))
DEADLINE = 45 * MULTIPLIER
PRESET = '{"version": 1, "expiryHours": 48, "rounds": [{"signerName": "Front Desk"}]}'
GOOD = 46
BAD = {"scan-password.pdf": "password.pdf", "scan-not-a-pdf.pdf": "not-a-pdf.pdf",
       "scan-truncated.pdf": "truncated.pdf", "scan-empty.pdf": "empty.pdf"}
passed = 0


def fail(message):
    print("not ok -", message)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def ok(name):
    global passed
    passed += 1
    print(f"ok {passed} - {name}")


def wait_for(condition, what):
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    fail(f"{what} within {DEADLINE:.0f} s")


class Sandbox:
    def __init__(self):
        self.process = subprocess.Popen(
            [SANDBOX, "--port", "0", "--api-key", KEY, "--enable-controls"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.url = self.process.stdout.readline().strip()
        check(self.url.startswith("http://127.0.0.1:"), "the sandbox never started")

    def call(self, method, path, body=None, key=False):
        request = urllib.request.Request(
            self.url + path, method=method,
            data=json.dumps(body).encode() if body is not None else None)
        if key:
            request.add_header("x-api-key", KEY)
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.loads(answer.read() or b"null")

    def creates(self):
        return self.call("GET", "/sandbox/calls")["routes"].get("POST /JSON/signatureRequest", 0)

    def documents(self):
        """Every stored document, from the service's own list."""
        return self.call("GET", "/JSON/list/flat?state=*", key=True)

    def paid(self):
        """The signature requests the account paid for."""
        actual = self.call("GET", "/JSON/counter", key=True)["actual"]
        return int(next(v for k, v in actual.items() if k.endswith(".usedSignatureRequests")))

    def stop(self):
        self.process.terminate()
        self.process.wait()


def main():
    print("1..6")
    sandbox = Sandbox()
    root = tempfile.mkdtemp(prefix="signet-watch-")
    env = dict(os.environ)
    for name in ["HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"]:
        env[name] = os.path.join(root, name.lower())
        os.makedirs(env[name])
    env["GSETTINGS_BACKEND"] = "keyfile"
    env["SECRET_SERVICE_BUS_NAME"] = "org.example.NoSecretService"
    env["LC_ALL"] = "C.UTF-8"
    settings = os.path.join(env["XDG_CONFIG_HOME"], "glib-2.0", "settings")
    os.makedirs(settings)
    with open(os.path.join(settings, "keyfile"), "w") as f:
        f.write("[io/github/signetapp/Signet]\nenvironment='custom'\n"
                f"custom-url='{sandbox.url}'\narchive-folder='{root}/archive'\n"
                f"presets={{'Office': '{PRESET}'}}\n")
    key = os.path.join(root, "key")
    with open(key, "w") as f:
        f.write(KEY + "\n")
    folder = os.path.join(root, "Inbox")
    staging = os.path.join(root, "staging")
    os.makedirs(folder)
    os.makedirs(staging)

    def watch(*extra):
        return subprocess.Popen([CLI, "watch", folder, "--preset", "Office", "--interval", "300",
                                 "--api-key-file", key, *extra], env=env,
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)

    # A missing preset is refused before anything is looked at.
    refused = subprocess.run([CLI, "watch", folder, "--preset", "Nope", "--api-key-file", key],
                             env=env, capture_output=True, text=True, timeout=DEADLINE)
    check(refused.returncode == 1 and "Nope" in refused.stderr,
          f"an unknown preset: exit {refused.returncode}: {refused.stderr}")
    ok("an unknown preset is refused (exit 1)")

    good = [f"contract-{i:02}.pdf" for i in range(GOOD)]
    for i, name in enumerate(good):
        shutil.copy(os.path.join(DATA, "simple.pdf" if i % 2 else "fields.pdf"),
                    os.path.join(staging, name))
    for name, source in BAD.items():
        shutil.copy(os.path.join(DATA, source), os.path.join(staging, name))

    # Each create takes a while, so that the kill lands in the middle.
    sandbox.call("POST", "/sandbox/faults",
                 {"path": "/JSON/signatureRequest", "count": 1000, "delay": 60})
    first = watch()
    started = time.monotonic()
    for name in sorted(os.listdir(staging)):  # all 50 at once, each appearing whole
        os.rename(os.path.join(staging, name), os.path.join(folder, name))
    # Killed after a random number of creates (SIGNET_WATCH_KILL_AT repeats a
    # run), so that runs together cover the journalling, the sending and the
    # filing of the first watcher.
    kill_at = int(os.environ.get("SIGNET_WATCH_KILL_AT", random.randint(1, 40)))
    print(f"# killing after {kill_at} creates (SIGNET_WATCH_KILL_AT={kill_at} repeats this run)")
    wait_for(lambda: sandbox.creates() >= kill_at, "the first watcher never sent")
    # The second watcher of one folder is refused while the first runs.
    second = subprocess.run([CLI, "watch", folder, "--api-key-file", key], env=env,
                            capture_output=True, text=True, timeout=DEADLINE)
    check(second.returncode == 7, f"a second watcher: exit {second.returncode}: {second.stderr}")
    first.send_signal(signal.SIGKILL)
    first.wait()
    sent_before = sandbox.creates()
    left = [n for n in os.listdir(folder) if n.endswith(".pdf")]
    check(left, "everything was done before the kill: nothing was tested")
    ok(f"killed with SIGKILL after {sent_before} creates, {len(left)} files still in the folder; "
       "a second watcher meanwhile was refused (exit 7)")

    sandbox.call("DELETE", "/sandbox/faults")
    restarted = watch("--once")
    out, err = restarted.communicate(timeout=DEADLINE)
    elapsed = time.monotonic() - started
    # 6 when a bad file was still left for it, 0 when the first had filed them all.
    check(restarted.returncode in (0, 6),
          f"the restarted watcher: exit {restarted.returncode}: {err}")
    check(out.count("Signing link:") + err.count("was not sent") <= GOOD + len(BAD),
          "the restarted watcher filed more files than were dropped")
    ok(f"the restarted watcher worked the folder off (exit {restarted.returncode}), "
       f"{elapsed:.1f} s from the drop")

    # Nothing left, nothing lost.
    check(sorted(os.listdir(folder)) == ["Failed", "Sent"],
          f"left in the folder: {sorted(os.listdir(folder))}")
    sent = os.listdir(os.path.join(folder, "Sent"))
    failed = os.listdir(os.path.join(folder, "Failed"))
    check(sorted(n for n in sent if n.endswith(".pdf")) == sorted(good),
          f"Sent/ holds {sorted(sent)}")
    check(sorted(n for n in failed if n.endswith(".pdf")) == sorted(BAD),
          f"Failed/ holds {sorted(failed)}")
    links = {}
    for name in good:
        with open(os.path.join(folder, "Sent", name[:-4] + ".txt"), encoding="utf-8") as f:
            note = f.read()
        check(f"“{name}” was sent for signing" in note, f"the note of {name}: {note!r}")
        link = note.split("Signing link: ", 1)[1].strip()
        check(link.startswith(sandbox.url + "/openDocument/"), f"the link of {name}: {link!r}")
        links[name] = link.rsplit("/", 1)[1]
    for name in BAD:
        with open(os.path.join(folder, "Failed", name[:-4] + ".txt"), encoding="utf-8") as f:
            note = f.read()
        check(f"“{name}” was not sent: " in note and "put it into the watched folder again" in note,
              f"the note of {name}: {note!r}")
    with open(os.path.join(folder, "Failed", "scan-password.txt"), encoding="utf-8") as f:
        check("password" in f.read(), "the password note does not say what to do")
    ok(f"{GOOD} files in Sent/ and {len(BAD)} in Failed/, each with its note")

    # The sandbox's ledger: exactly one paid request per good file. A kill
    # between an upload and its journal write may leave a spare stored
    # document with no request (docs/journal.md), never a second request.
    filenames = {d["id"]: d.get("filename") for d in sandbox.documents()}
    check(set(good) <= set(filenames.values()), "a good file never reached the sandbox")
    requested = {}
    for name, request_id in links.items():
        request = sandbox.call("GET", "/sandbox/requests/" + request_id)
        check(filenames.get(request["documentId"]) == name,
              f"the link in the note of {name} is for {filenames.get(request['documentId'])}")
        check("Front Desk" in json.dumps(request), f"{name} was not sent with the preset")
        requested[request["documentId"]] = name
    check(len(requested) == GOOD, "two notes name the same document")
    paid = sandbox.paid()
    check(paid == GOOD, f"the sandbox counted {paid} paid requests for {GOOD} good files")
    journal = json.loads(subprocess.run([CLI, "list", "--json", "--api-key-file", key], env=env,
                                        capture_output=True, text=True,
                                        timeout=DEADLINE).stdout)
    journalled = sorted(d["filename"] for d in journal)
    check(journalled == sorted(good), f"journalled: {journalled}")
    spare = len(filenames) - GOOD
    ok(f"the sandbox holds exactly one paid request per good file ({paid} for {GOOD}), each with "
       f"the preset; {sandbox.creates()} creates in all, {spare} spare upload(s) from the kill")

    # The same file dropped again, after it was filed, is a new request:
    # the journal's `filed` mark keeps it from being taken for the old one.
    # One the restarted watcher filed (the killed one may have died between
    # a rename and its mark: docs/watched-folder.md).
    name = sorted(n for n in left if n in good)[0]
    stem = name[:-4]
    shutil.copy2(os.path.join(folder, "Sent", name), os.path.join(folder, name))
    rerun = watch("--once")
    out, err = rerun.communicate(timeout=DEADLINE)
    check(rerun.returncode == 0, f"the file dropped again: exit {rerun.returncode}: {err}")
    with open(os.path.join(folder, "Sent", f"{stem} (2).txt"), encoding="utf-8") as f:
        link = f.read().split("Signing link: ", 1)[1].strip().rsplit("/", 1)[1]
    check(os.path.exists(os.path.join(folder, "Sent", f"{stem} (2).pdf")),
          "the file dropped again is not beside its note")
    check(link != links[name], "the file dropped again got the old request's link")
    check(sandbox.paid() == GOOD + 1, f"{sandbox.paid()} paid after the file was dropped again")
    ok(f"the same file dropped again after it was filed is sent anew, as “{stem} (2).pdf”")

    sandbox.stop()
    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
