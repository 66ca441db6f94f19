#!/usr/bin/python3
# test-cli.py: signet-cli end to end against the signet-sandbox program over
# loopback, and two signet-cli processes sending on one journal
# (docs/cli.md). Usage: test-cli.py SIGNET_CLI SIGNET_SANDBOX TESTDATA_DIR

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

CLI, SANDBOX, DATA = sys.argv[1:4]
KEY = "cli-test-key-4f1c9a2e7b"
MULTIPLIER = float(os.environ.get("SIGNET_TEST_TIMEOUT_MULTIPLIER", "1"))
DEADLINE = 60 * MULTIPLIER
passed = 0


def fail(message):
    print("not ok -", message)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


class Sandbox:
    def __init__(self, port=0):
        self.process = subprocess.Popen(
            [SANDBOX, "--port", str(port), "--api-key", KEY, "--enable-controls",
             "--processing-delay", "100"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.url = self.process.stdout.readline().strip()
        check(self.url.startswith("http://127.0.0.1:"), "the sandbox never started")
        self.port = int(self.url.rsplit(":", 1)[1])

    def call(self, method, path, body=None, key=False):
        request = urllib.request.Request(
            self.url + path, method=method,
            data=json.dumps(body).encode() if body is not None else None)
        if key:
            request.add_header("x-api-key", KEY)
        with urllib.request.urlopen(request, timeout=30) as answer:
            data = answer.read()
        return data if key else json.loads(data or b"null")

    def created(self):
        return self.call("GET", "/sandbox/calls")["routes"].get("POST /JSON/signatureRequest", 0)

    def used(self):
        return json.loads(self.call("GET", "/JSON/counter", key=True))

    def stop(self):
        self.process.terminate()
        self.process.wait()


class World:
    """Own XDG folders, settings in a key file, and the key in a file."""

    def __init__(self, sandbox):
        self.dir = tempfile.mkdtemp(prefix="signet-cli-")
        self.env = dict(os.environ)
        for name in ["HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"]:
            self.env[name] = os.path.join(self.dir, name.lower())
            os.makedirs(self.env[name])
        self.env["GSETTINGS_BACKEND"] = "keyfile"
        # No keyring on this bus: the key comes from the file or stdin.
        self.env["SECRET_SERVICE_BUS_NAME"] = "org.example.NoSecretService"
        self.archive = os.path.join(self.dir, "archive")
        settings = os.path.join(self.env["XDG_CONFIG_HOME"], "glib-2.0", "settings")
        os.makedirs(settings)
        with open(os.path.join(settings, "keyfile"), "w") as f:
            f.write("[io/github/signetapp/Signet]\nenvironment='custom'\n"
                    f"custom-url='{sandbox.url}'\narchive-folder='{self.archive}'\n"
                    "tracking-interval=uint32 10\n")
        self.key = os.path.join(self.dir, "key")
        with open(self.key, "w") as f:
            f.write(KEY + "\n")
        self.outputs = []

    def pdf(self, name, source="fields.pdf"):
        path = os.path.join(self.dir, name)
        shutil.copy(os.path.join(DATA, source), path)
        return path

    def start(self, *args, key_file=None, stdin=None):
        key = key_file if key_file is not None else self.key
        return subprocess.Popen([CLI, *args, "--api-key-file", key], env=self.env,
                                stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def run(self, *args, key_file=None, stdin=None, status=0):
        process = self.start(*args, key_file=key_file, stdin=stdin)
        out, err = process.communicate(stdin, timeout=DEADLINE)
        self.outputs.append(out + err)
        check(process.returncode == status,
              f"signet-cli {' '.join(args)}: exit {process.returncode}, not {status}: {err}")
        return out, err

    def documents(self):
        return json.loads(self.run("list", "--json")[0])


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


def test_send_list_show(sandbox, world):
    path = world.pdf("contract.pdf")
    out, _ = world.run("send", path)
    link = out.strip()
    check(link.startswith(sandbox.url + "/openDocument/"), f"no signing link: {out!r}")
    documents = world.documents()
    check(len(documents) == 1, f"one document listed, not {len(documents)}")
    document = documents[0]
    check(document["status"] == "open" and document["filename"] == "contract.pdf",
          f"listed as {document}")
    check(document["signingUrl"] == link, "the listed link is the printed one")
    request = sandbox.call("GET", "/sandbox/requests/" + document["signatureRequestId"])
    check(request["signatureRequestId"] == document["signatureRequestId"], "the sandbox has it")
    shown = json.loads(world.run("show", str(document["id"]), "--json")[0])
    kinds = [event["kind"] for event in shown["events"]]
    check(kinds == ["journalled", "uploaded", "created"], f"history {kinds}")
    check(world.documents() == world.documents(), "list --json is stable")
    check(json.loads(world.run("list", "--state", "archived", "--json")[0]) == [],
          "--state filters")
    world.run("list", "--state", "nonsense", status=2)
    world.run("show", "999", status=5)
    ok("send, list --json, show")
    return document


def test_wait_and_download(sandbox, world):
    path = world.pdf("wait.pdf")
    process = world.start("send", "--wait", path)
    document = wait_for(lambda: next((d for d in world.documents()
                                      if d["filename"] == "wait.pdf" and d["status"] == "open"),
                                     None), "the request was never open")
    sandbox.call("POST", "/sandbox/sign/" + document["signatureRequestId"],
                 {"name": "Jana Novakova"})
    out, err = process.communicate(timeout=DEADLINE)
    world.outputs.append(out + err)
    check(process.returncode == 0, f"send --wait: exit {process.returncode}: {err}")
    lines = out.strip().splitlines()
    check(len(lines) == 2 and lines[0] == document["signingUrl"], f"send --wait printed {lines}")
    archived = lines[1]
    check(archived.startswith(world.archive) and os.path.exists(archived),
          f"archived as {archived}")
    with open(archived, "rb") as f:
        check(f.read(5) == b"%PDF-", "the archive copy is a PDF")
    ok("send --wait until signed prints the archived path")
    shown = json.loads(world.run("show", str(document["id"]), "--json")[0])
    check(any(event["kind"] == "evidence" for event in shown["events"]),
          "send --wait ended before the archived copy's check was in the journal")
    ok("send --wait ends once the archived copy's check is recorded")

    target = os.path.join(world.dir, "downloaded.pdf")
    out, _ = world.run("download", str(document["id"]), "-o", target)
    with open(target, "rb") as f:
        downloaded = f.read()
    server = sandbox.call("GET", "/JSON/document/" + document["documentId"], key=True)
    check(downloaded == server and downloaded.startswith(b"%PDF-"),
          "the download is the server's signed PDF, byte for byte")
    ok("download with the bytes compared")
    test_evidence(world, document, archived)

    world.run("delete", str(document["id"]))
    try:
        sandbox.call("GET", "/JSON/document/" + document["documentId"], key=True)
        fail("the document is still on the server after delete")
    except urllib.error.HTTPError as error:
        check(error.code == 404, f"the deleted document answers {error.code}")
    shown = json.loads(world.run("show", str(document["id"]), "--json")[0])
    check(shown["events"][-1]["kind"] == "deleted" and os.path.exists(archived),
          "the deletion is journalled and the archive copy stays")
    ok("delete")


def certificate_text(path):
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True, text=True,
                          timeout=DEADLINE)
    check(text.returncode == 0, f"pdftotext {path}: {text.stderr}")
    return text.stdout


def test_evidence(world, document, archived):
    """evidence ID and evidence FILE write the certificate and the record
    beside each other (docs/evidence.md); a changed copy and a stranger are
    refused."""
    folder = os.path.join(world.dir, "evidence")
    os.makedirs(folder)
    out, _ = world.run("evidence", str(document["id"]), "--output", folder)
    stem = os.path.join(folder, os.path.basename(archived)[:-len(".pdf")])
    check(out.splitlines() == [stem + ".evidence.pdf", stem + ".evidence.json"],
          f"evidence printed {out!r}")
    validated = subprocess.run([os.path.join(os.environ["G_TEST_BUILDDIR"], "evidence-validate"),
                                os.path.join(os.environ["G_TEST_SRCDIR"], "..", "docs",
                                             "evidence-schema.json"), stem + ".evidence.json"],
                               capture_output=True, text=True)
    check(validated.returncode == 0, f"the record is not valid: {validated.stderr}")
    with open(stem + ".evidence.json") as f:
        record = json.load(f)
    with open(archived, "rb") as f:
        copy_sha256 = hashlib.sha256(f.read()).hexdigest()
    copy = record["signedCopy"]
    check(copy is not None and copy["signature"] == "valid" and copy["sha256"] == copy_sha256,
          f"the signed copy in the record: {copy}")
    check(record["signatureRequestId"] == document["signatureRequestId"], "the record's request")
    signed = [e for e in record["events"] if e["kind"] == "state" and e["detail"] == "signed"]
    check(len(signed) == 1 and signed[0]["serverTime"], f"the server's time of signing: {signed}")
    text = certificate_text(stem + ".evidence.pdf")
    for part in ("Certificate of Completion", record["sentSha256"], copy_sha256,
                 "Signature request created"):
        check(part in text, f"the certificate does not say {part!r}:\n{text}")
    ok("evidence ID: the certificate and the record, valid, with the server's time")

    again = os.path.join(world.dir, "evidence-again")
    os.makedirs(again)
    out, _ = world.run("evidence", archived, "-o", again)
    with open(out.splitlines()[1]) as f:
        check(json.load(f)["signatureRequestId"] == document["signatureRequestId"],
              "evidence FILE found the request of its signed copy")
    changed = os.path.join(world.dir, "changed", os.path.basename(archived))
    os.makedirs(os.path.dirname(changed))
    shutil.copy(archived, changed)
    with open(changed, "ab") as f:
        f.write(b"\n% changed after signing\n")
    _, err = world.run("evidence", changed, "-o", again, status=1)
    check("its bytes differ" in err, f"a changed copy: {err!r}")
    world.run("evidence", world.pdf("stranger.pdf"), "-o", again, status=5)
    world.run("evidence", "999", status=5)
    world.run("evidence", status=2)
    ok("evidence FILE; a changed copy exits 1, a stranger 5")

    env = dict(world.env, LANGUAGE="sk", LANG="C.UTF-8",
               SIGNET_LOCALEDIR=os.path.join(os.environ["G_TEST_BUILDDIR"], "..", "po"))
    helped = subprocess.run([CLI, "evidence", "--help"], env=env, capture_output=True, text=True,
                            timeout=DEADLINE)
    check(helped.returncode == 0 and "Zapíše potvrdenie o dokončení" in helped.stdout,
          f"evidence --help in Slovak: {helped.stdout!r}")
    ok("evidence --help in Slovak")


def test_cancel(sandbox, world):
    world.run("send", world.pdf("cancel.pdf"))
    document = next(d for d in world.documents() if d["filename"] == "cancel.pdf")
    world.run("cancel", str(document["id"]))
    after = next(d for d in world.documents() if d["id"] == document["id"])
    check(after["status"] == "canceled", f"after cancel: {after['status']}")
    answer = urllib.request.Request(document["signingUrl"])
    try:
        urllib.request.urlopen(answer, timeout=30)
        fail("the signing link still opens after cancel")
    except urllib.error.HTTPError as error:
        check(error.code == 400, f"the link answers {error.code}")
    ok("cancel")


def test_refused(sandbox, world):
    sandbox.call("DELETE", "/sandbox/calls")
    before = len(world.documents())
    _, err = world.run("send", world.pdf("fine.pdf"),
                       os.path.join(DATA, "encrypted.pdf"), status=1)
    check("encrypted.pdf: " in err and "protected" in err, f"message: {err!r}")
    check(sandbox.call("GET", "/sandbox/calls")["total"] == 0, "nothing reached the sandbox")
    check(len(world.documents()) == before, "nothing journalled")
    ok("a bad file: exit 1, nothing sent")

    wrong = os.path.join(world.dir, "wrong-key")
    with open(wrong, "w") as f:
        f.write("not-the-key\n")
    world.run("send", world.pdf("wrong.pdf"), key_file=wrong, status=3)
    check(sandbox.created() == 0 and len(world.documents()) == before,
          "a wrong key sends and journals nothing")
    ok("a wrong key: exit 3")

    out, _ = world.run("quota", "--json", key_file="-", stdin=KEY + "\n")
    check(json.loads(out)["available"] >= 1, f"quota {out!r}")
    world.run("quota", key_file="-", stdin="nope\n", status=3)
    ok("the key from standard input")


def test_offline(sandbox, world):
    sandbox.stop()
    before = len(world.documents())
    _, err = world.run("send", world.pdf("offline.pdf"), status=4)
    documents = world.documents()
    check(len(documents) == before + 1 and documents[-1]["status"] == "pending",
          "offline, the request is journalled and waits")
    ok("offline: exit 4, journalled")
    again = Sandbox(sandbox.port)
    # The next signet-cli run that sends takes the waiting request over.
    world.run("send", world.pdf("online.pdf"))
    wait_for(lambda: all(d["status"] != "pending" for d in world.documents()),
             "the waiting request was never sent")
    check(again.created() == 2, f"two requests created, not {again.created()}")
    ok("the waiting request is sent by the next run")
    return again


def test_takeover(sandbox, world):
    """A long-running signet-cli (as a window would) takes over and follows
    what a signet-cli that has ended sent."""
    waiting = world.start("send", "--wait", world.pdf("long.pdf"))
    long = wait_for(lambda: next((d for d in world.documents()
                                  if d["filename"] == "long.pdf" and d["status"] == "open"),
                                 None), "the long-running request was never open")
    world.run("send", world.pdf("left.pdf"))
    left = next(d for d in world.documents() if d["filename"] == "left.pdf")
    sandbox.call("POST", "/sandbox/sign/" + left["signatureRequestId"], {"name": "Jana"})
    deadline = time.monotonic() + DEADLINE
    while next(d for d in world.documents() if d["id"] == left["id"])["status"] != "archived":
        if time.monotonic() > deadline:
            waiting.kill()
            out, err = waiting.communicate()
            fail("the running signet-cli never took over and archived the ended one's "
                 "request: " + err[-3000:])
        time.sleep(0.05)
    sandbox.call("POST", "/sandbox/sign/" + long["signatureRequestId"], {"name": "Jana"})
    out, err = waiting.communicate(timeout=DEADLINE)
    world.outputs.append(out + err)
    check(waiting.returncode == 0, f"the long send --wait: exit {waiting.returncode}: {err}")
    ok("a running Signet takes over what an ended signet-cli sent")


def test_sandbox_option(world):
    """--sandbox starts the built-in sandbox for the run, as signet --sandbox."""
    env = dict(world.env, SIGNET_SANDBOX_BIN=SANDBOX)
    process = subprocess.run([CLI, "send", "--sandbox", world.pdf("sandboxed.pdf")], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             timeout=DEADLINE)
    check(process.returncode == 0, f"send --sandbox: exit {process.returncode}: {process.stderr}")
    link = process.stdout.strip()
    check(link.startswith("http://127.0.0.1:") and "/openDocument/" in link,
          f"send --sandbox printed {link!r}")
    document = next(d for d in world.documents() if d["filename"] == "sandboxed.pdf")
    check(document["environment"] == "sandbox", f"journalled for {document['environment']}")
    ok("--sandbox starts the built-in sandbox for the run")


def test_two_processes(world_factory):
    sandbox = Sandbox()
    world = world_factory(sandbox)
    names = [[world.pdf(f"p{p}-{i}.pdf") for i in range(6)] for p in range(2)]
    # The uploads are slow, so that the first is killed mid-batch.
    sandbox.call("POST", "/sandbox/faults", {"path": "/JSON/document", "count": 3, "delay": 400})
    first = world.start("send", *names[0])
    wait_for(lambda: os.path.exists(os.path.join(world.env["XDG_DATA_HOME"], "signet",
                                                 "journal.db")) and
             sandbox.call("GET", "/sandbox/calls")["routes"].get("POST /JSON/document", 0) >= 1,
             "the first signet-cli never uploaded")
    first.send_signal(signal.SIGKILL)
    first.wait()
    second = world.start("send", *names[1])
    third = world.start("send", world.pdf("p2-0.pdf"))
    for process in (second, third):
        out, err = process.communicate(timeout=DEADLINE * 2)
        world.outputs.append(out + err)
        check(process.returncode == 0, f"a concurrent send: exit {process.returncode}: {err}")
    wait_for(lambda: all(d["status"] == "open" for d in world.documents()),
             "not every request was sent")
    documents = world.documents()
    files = sorted(d["filename"] for d in documents)
    check(len(files) == len(set(files)), f"a file journalled twice: {files}")
    paid = sandbox.used()["usedSignatureRequests"] if "usedSignatureRequests" in sandbox.used() \
        else None
    ledger = {}
    for document in documents:
        answer = sandbox.call("GET", "/sandbox/requests/" + document["signatureRequestId"])
        ledger[answer["documentId"]] = ledger.get(answer["documentId"], 0) + 1
    check(all(n == 1 for n in ledger.values()), f"a document with two requests: {ledger}")
    check(sandbox.created() >= len(documents), "every journalled request reached the sandbox")
    if paid is not None:
        check(paid == len(documents), f"{paid} paid for {len(documents)} requests")
    ok(f"two signet-cli on one journal, one killed: {len(documents)} files, one request each")
    sandbox.stop()
    return world


def main():
    print("1..18")
    sandbox = Sandbox()
    world = World(sandbox)
    worlds = [world]
    try:
        test_send_list_show(sandbox, world)
        test_wait_and_download(sandbox, world)
        test_cancel(sandbox, world)
        test_takeover(sandbox, world)
        test_refused(sandbox, world)
        sandbox = test_offline(sandbox, world)
        test_sandbox_option(world)
        worlds.append(test_two_processes(World))
        for w in worlds:
            for text in w.outputs:
                check(KEY not in text, "the key appeared in signet-cli's output")
            for root in (w.env["XDG_DATA_HOME"], w.env["XDG_CONFIG_HOME"], w.archive):
                for folder, _, files in os.walk(root):
                    for name in files:
                        with open(os.path.join(folder, name), "rb") as f:
                            check(KEY.encode() not in f.read(),
                                  f"the key was written to {os.path.join(folder, name)}")
        ok("the key never appears in the output or in a file signet-cli wrote")
    finally:
        sandbox.stop()
        for w in worlds:
            shutil.rmtree(w.dir, ignore_errors=True)


main()
