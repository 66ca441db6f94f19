# SPDX-License-Identifier: GPL-3.0-or-later
"""A small driver for GUI tests: starts the real Signet, finds widgets through
AT-SPI by role and accessible name, clicks them, types keys, reads text and
takes screenshots. Run with /usr/bin/python3 (it needs gi.repository.Atspi)
inside Xvfb and a private D-Bus session, as ./build-aux/dev test does."""

import json
import os
import pathlib
import re
import resource
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
import warnings

warnings.simplefilter("ignore", DeprecationWarning)

import gi  # noqa: E402

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

MODIFIER_MASKS = {"Shift": 1 << 0, "Control": 1 << 2, "Alt": 1 << 3}
KEYSYMS = {"q": 0x71, "w": 0x77, "question": 0x3F, "comma": 0x2C, "Escape": 0xFF1B,
           "Down": 0xFF54, "Up": 0xFF52, "Return": 0xFF0D, "Tab": 0xFF09,
           "a": 0x61, "f": 0x66, "r": 0x72, "Delete": 0xFFFF}


class TestFailure(Exception):
    pass


# Every wait here waits for a condition, and fails after one generous
# deadline, scaled like the C tests' by SIGNET_TEST_TIMEOUT_MULTIPLIER
# (docs/testing.md). A wait that ends early costs nothing, so the deadlines
# are long enough for a machine that other work keeps busy.
TIMEOUT_MULTIPLIER = max(1, int(os.environ.get("SIGNET_TEST_TIMEOUT_MULTIPLIER", "1") or 1))
DEFAULT_TIMEOUT = 30.0
POLL_INTERVAL = 0.05

# AT-SPI gives up on a call after 0.8 s by default: a busy app (or a busy
# machine) answers later than that, and the call then fails with "Did not
# receive a reply" although nothing is wrong.
Atspi.set_timeout(int(10000 * TIMEOUT_MULTIPLIER), int(30000 * TIMEOUT_MULTIPLIER))


def deadline_after(seconds):
    """The time.monotonic() at which a wait of seconds (scaled) gives up."""
    return time.monotonic() + seconds * TIMEOUT_MULTIPLIER


def wait_for(condition, message, timeout=DEFAULT_TIMEOUT):
    """Polls condition() until it is true; fails with message at the deadline.
    Returns what condition() returned."""
    deadline = deadline_after(timeout)
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() >= deadline:
            raise TestFailure(f"{message} (waited {timeout * TIMEOUT_MULTIPLIER:.0f} s)")
        time.sleep(POLL_INTERVAL)


# A crashing Signet leaves a core (in its working folder, where the
# kernel's default core_pattern puts it). Set here, for this process and
# every child: a preexec_fn per child is not safe beside threads.
resource.setrlimit(resource.RLIMIT_CORE, (resource.getrlimit(resource.RLIMIT_CORE)[1],) * 2)


def crash_report(program, folder, returncode):
    """How a process ended, and for one killed by a signal that left a core
    in folder, its backtrace from gdb: the lines of the crashing thread
    start with "CRASH| " (./build-aux/dev test shows them again at the
    end of its output); then every thread, shorter."""
    if returncode is None or returncode >= 0:
        return f"exited with {returncode}"
    text = f"exited with {returncode} ({signal.Signals(-returncode).name})"
    cores = sorted(pathlib.Path(folder).glob("core*"), key=lambda p: p.stat().st_mtime)
    if not cores:
        return text + "; no core was left (core_pattern: " + \
            pathlib.Path("/proc/sys/kernel/core_pattern").read_text().strip() + ")"
    if shutil.which("gdb") is None:
        return text + f"; a core is at {cores[-1]}, and there is no gdb to read it"
    try:
        result = subprocess.run(["gdb", "-batch", "-nx", "-ex", "bt 40", "-ex", "thread apply all bt 12",
                                 program, str(cores[-1])],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                errors="replace", timeout=120 * TIMEOUT_MULTIPLIER)
    except subprocess.TimeoutExpired:
        return text + f"; gdb did not read the core at {cores[-1]} in time"
    lines = result.stdout.splitlines()
    frames = [line for line in lines if line.startswith("#")]
    # "bt" first: the frames up to the first "Thread" line are the crash's.
    first = []
    for line in lines:
        if line.startswith("Thread "):
            break
        if line.startswith("#") or (first and line.startswith(" ")):
            first.append(line)
    return "\n".join([text + f"; the backtrace of its core ({len(frames)} frames in all):",
                      *(f"CRASH| {line}" for line in first), *lines])


def check(condition, message):
    if not condition:
        raise TestFailure(message)


def walk(node):
    """Every accessible below node, depth first."""
    stack = [node]
    while stack:
        current = stack.pop()
        if current is None:
            continue
        yield current
        try:
            count = current.get_child_count()
            children = [current.get_child_at_index(i) for i in range(count)]
        except gi.repository.GLib.Error:
            continue  # a widget that went away while we looked
        stack.extend(reversed(children))


def name_of(node):
    """node's name, or "" once its widget went away (a page that changes
    drops its widgets' accessibles, and reading one then raises "The
    application no longer exists")."""
    try:
        return node.get_name() or ""
    except gi.repository.GLib.Error:
        return ""


def n_actions(node):
    """How many actions (click, activate…) a widget offers; 0 for none."""
    if node.get_action_iface() is None:
        return 0
    return Atspi.Action.get_n_actions(node)


def text_of(node):
    """The text of a label or entry (GTK 4.8 answers '' to get_text(0, -1))."""
    try:
        return Atspi.Text.get_text(node, 0, Atspi.Text.get_character_count(node))
    except Exception:
        return node.get_name() or ""


def list_item_names(node):
    """The names of node's list items, in order (a removed row may linger
    as a stale object, which is passed over)."""
    names = []
    for i in range(node.get_child_count()):
        try:
            child = node.get_child_at_index(i)
            if child is not None and child.get_role_name() == "list item":
                names.append(child.get_name())
        except gi.repository.GLib.Error:
            continue
    return names


class Signet:
    """One running instance of Signet with its own settings and data."""

    def __init__(self, *args, env=None, settings=None, home=None, name="signet"):
        """settings: {"schema/path": {"key": "GVariant text"}} to start with,
        kept in a keyfile backend. Without them Signet starts set up for the
        built-in sandbox, so that it opens on its documents, not on the
        onboarding.
        home: the folder of an earlier instance, to start again with its
        settings and data (it is then not removed on close)."""
        self.name = name
        self.owned_home = home is None
        self.home = tempfile.TemporaryDirectory(prefix="signet-gui-") if home is None else None
        self.home_dir = self.home.name if home is None else home
        config = os.path.join(self.home_dir, "config")
        environment = dict(os.environ)
        environment.update({
            "XDG_CONFIG_HOME": config,
            "XDG_DATA_HOME": os.path.join(self.home_dir, "data"),
            "XDG_CACHE_HOME": os.path.join(self.home_dir, "cache"),
            "XDG_STATE_HOME": os.path.join(self.home_dir, "state"),
            "GSETTINGS_BACKEND": "keyfile",
            "LANG": "C.UTF-8",
            "LANGUAGE": "",
        })
        self.keyfile = pathlib.Path(config, "glib-2.0", "settings", "keyfile")
        if home is None:
            settings = {"io/github/signetapp/Signet": {"environment": "'sandbox'"}, **(settings or {})}
        if settings is not None:
            keyfile = self.keyfile
            keyfile.parent.mkdir(parents=True, exist_ok=True)
            keyfile.write_text("".join(
                f"[{group}]\n" + "".join(f"{k}={v}\n" for k, v in keys.items())
                for group, keys in settings.items()))
        environment.pop("LC_ALL", None)
        if env:
            environment.update(env)
        self.log = tempfile.NamedTemporaryFile("w+", prefix="signet-", suffix=".log", dir=self.home_dir,
                                               delete=False)
        # Its own working folder, where a crash leaves its core (the files
        # the tests name are given with absolute paths).
        self.core_dir = os.path.join(self.home_dir, "cores")
        os.makedirs(self.core_dir, exist_ok=True)
        self.process = subprocess.Popen([os.environ["SIGNET_BIN"], *args], env=environment,
                                        stdout=self.log, stderr=subprocess.STDOUT,
                                        cwd=self.core_dir)
        self.app = self._find_app()

    def _find_app(self, timeout=DEFAULT_TIMEOUT):
        def registered():
            check(self.process.poll() is None, f"signet {self.ended()}, early:\n{self.output()}")
            desktop = Atspi.get_desktop(0)
            for i in range(desktop.get_child_count()):
                app = desktop.get_child_at_index(i)
                if app is None:
                    continue
                try:
                    if app.get_name() == self.name and app.get_process_id() == self.process.pid:
                        return app
                except gi.repository.GLib.Error:
                    continue
            return None

        return wait_for(registered, f"{self.name} did not appear on the accessibility bus:\n{self.output()}",
                        timeout)

    def ended(self):
        """How the process ended, with the backtrace of a crash."""
        return crash_report(os.environ["SIGNET_BIN"], self.core_dir, self.process.poll())

    def output(self):
        """Everything Signet wrote so far. Read through a handle of its own:
        the log's handle shares its file offset with Signet's stdout, and
        moving it (seek) made Signet's next lines overwrite the log's start
        (the sandbox's address among them) when they came between the seek
        and the read."""
        with open(self.log.name, encoding="utf-8", errors="replace") as log:
            return log.read()

    def find(self, role, name=None, timeout=DEFAULT_TIMEOUT, root=None, predicate=None):
        """The first accessible with this role and name (or predicate), waiting for it."""
        deadline = deadline_after(timeout)
        while True:
            for node in walk(root or self.app):
                try:
                    if node.get_role_name() != role:
                        continue
                    if name is not None and node.get_name() != name:
                        continue
                    if predicate is not None and not predicate(node):
                        continue
                except gi.repository.GLib.Error:
                    continue  # a widget that went away while we looked
                return node
            check(self.process.poll() is None, f"signet {self.ended()}")
            if time.monotonic() >= deadline:
                raise TestFailure(f"no {role} named {name!r} appeared; the tree is:\n{self.dump()}")
            time.sleep(POLL_INTERVAL)

    def find_toast(self, name, role="label", root=None, timeout=DEFAULT_TIMEOUT):
        """Like find(), for a toast: it lives a few seconds, and walking the
        whole tree first to last may outlast it on a busy machine. Toasts are
        their overlay's last child, so this walks last child first."""
        def walk_last_first(node):
            yield node
            try:
                count = node.get_child_count()
            except gi.repository.GLib.Error:
                return
            for i in reversed(range(count)):
                try:
                    child = node.get_child_at_index(i)
                except gi.repository.GLib.Error:
                    continue
                if child is not None:
                    yield from walk_last_first(child)

        def toast():
            for node in walk_last_first(root or self.app):
                try:
                    if node.get_role_name() == role and node.get_name() == name:
                        return node
                except gi.repository.GLib.Error:
                    continue
            check(self.process.poll() is None, f"signet {self.ended()}")
            return None

        return self.wait_until(toast, f"no {role} named {name!r} appeared", timeout)

    def find_all(self, role, root=None, name=None):
        """Every accessible with this role (and name), as they are now. A
        page that changes drops its widgets' accessibles, and a call on one
        that went away raises "The application no longer exists": a
        condition that looks at what this returns should expect that, or
        ask for the name here, where it is read safely."""
        found = []
        for node in walk(root or self.app):
            try:
                if node.get_role_name() == role and (name is None or node.get_name() == name):
                    found.append(node)
            except gi.repository.GLib.Error:
                continue  # a widget that went away while we looked
        return found

    def windows(self):
        return [self.app.get_child_at_index(i) for i in range(self.app.get_child_count())]

    def dump(self, root=None):
        lines = []

        def visit(node, depth):
            try:
                lines.append(f"{'  ' * depth}[{node.get_role_name()}] {node.get_name()!r}")
                for i in range(node.get_child_count()):
                    child = node.get_child_at_index(i)
                    if child is not None:
                        visit(child, depth + 1)
            except gi.repository.GLib.Error:
                pass

        visit(root or self.app, 0)
        return "\n".join(lines)

    def click(self, node):
        """Clicks node once it is sensitive: GTK ignores a click on a button
        whose action is still off, and the change that turns it on (typed
        text, a finished check) may be a moment behind on a busy machine."""
        check(n_actions(node) > 0, f"{node.get_name()!r} cannot be clicked")
        self.wait_until(lambda: node.get_state_set().contains(Atspi.StateType.SENSITIVE),
                        f"{node.get_name()!r} never became sensitive")
        check(Atspi.Action.do_action(node, 0), f"clicking {node.get_name()!r} failed")

    def click_at(self, node):
        """A mouse click at the middle of node, for widgets GTK 4.8 gives no
        action (check buttons, list rows). Extents are approximate, so aim
        only at large targets such as whole rows."""
        # A page that is still sliding in has no size yet, or moves: aim
        # once the target has kept its place for a few looks in a row.
        seen = []

        def settled():
            box = node.get_extents(Atspi.CoordType.SCREEN)
            seen.append((box.x, box.y, box.width, box.height))
            del seen[:-4]
            return box.width > 0 and len(seen) == 4 and len(set(seen)) == 1 and box

        extents = self.wait_until(settled, f"{node.get_name()!r} never stood still on screen")
        check(Atspi.generate_mouse_event(extents.x + extents.width // 2,
                                         extents.y + extents.height // 2, "b1c"),
              f"clicking on {node.get_name()!r} failed")

    def is_visible(self, node):
        """GTK 4.8 sets SHOWING only on windows; VISIBLE is what it keeps on widgets."""
        states = node.get_state_set()
        return states.contains(Atspi.StateType.VISIBLE) or states.contains(Atspi.StateType.SHOWING)

    def wait_visible(self, node, timeout=DEFAULT_TIMEOUT):
        self.wait_until(lambda: self.is_visible(node), f"{node.get_name()!r} never became visible", timeout)
        return node

    def find_button(self, name, root=None, timeout=DEFAULT_TIMEOUT):
        """A clickable button by name (a GtkMenuButton's clickable part is its inner button)."""
        return self.find("push button", name, root=root, timeout=timeout,
                         predicate=lambda n: n_actions(n) > 0)

    def key(self, *combo):
        """Press a combination like key("Control", "q") in the focused window.
        Modifiers are latched as a mask: PRESS/RELEASE would want keycodes."""
        mask = 0
        for modifier in combo[:-1]:
            mask |= MODIFIER_MASKS[modifier]
        if mask:
            Atspi.generate_keyboard_event(mask, None, Atspi.KeySynthType.LOCKMODIFIERS)
        try:
            check(Atspi.generate_keyboard_event(KEYSYMS[combo[-1]], None, Atspi.KeySynthType.SYM),
                  f"could not type {'+'.join(combo)}")
        finally:
            if mask:
                Atspi.generate_keyboard_event(mask, None, Atspi.KeySynthType.UNLOCKMODIFIERS)

    def wait_until(self, condition, message, timeout=DEFAULT_TIMEOUT):
        return wait_for(condition, message, timeout)

    def wait_exit(self, timeout=DEFAULT_TIMEOUT):
        try:
            return self.process.wait(timeout * TIMEOUT_MULTIPLIER)
        except subprocess.TimeoutExpired:
            raise TestFailure(f"signet did not quit within {timeout * TIMEOUT_MULTIPLIER} s")

    def sandbox_url(self, timeout=DEFAULT_TIMEOUT):
        """The address of the sandbox `signet --sandbox` started, once the app
        has read it from the child's ready pipe (it logs it with
        G_MESSAGES_DEBUG=signet-sandbox-process)."""
        pattern = re.compile(r"The sandbox listens on (http://127\.0\.0\.1:\d+)")
        match = self.wait_until(lambda: pattern.search(self.output()),
                                "the app never reported the sandbox's address", timeout)
        return match.group(1)

    def pixel(self, path, x, y):
        """The (r, g, b) of one pixel of a screenshot, each 0…1."""
        out = subprocess.run(["convert", str(path), "-format", f"%[fx:p{{{x},{y}}}.r] %[fx:p{{{x},{y}}}.g] %[fx:p{{{x},{y}}}.b]",
                              "info:"], check=True, capture_output=True, text=True).stdout
        return tuple(float(v) for v in out.split())

    def screenshot(self, name):
        """Saves the whole screen as a PNG and checks that it is not blank."""
        directory = pathlib.Path(os.environ.get("SIGNET_SCREENSHOT_DIR", self.home_dir))
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{name}.png"
        # The last frame may still be on its way to the X server: shoot until
        # two shots in a row have the same pixels (a spinner never settles,
        # so at the deadline the last shot is kept). The shots are raw
        # pixels (PPM), compared here; only the last is made a PNG, in the
        # same call that measures it.
        deadline = deadline_after(5)
        previous = None
        while True:
            pixels = subprocess.run(["import", "-window", "root", "ppm:-"], check=True,
                                    capture_output=True).stdout
            if pixels == previous or time.monotonic() >= deadline:
                break
            previous = pixels
        stats = subprocess.run(["convert", "ppm:-", "-format", "%[fx:standard_deviation]", "-write", str(path),
                                "info:"], input=pixels, check=True, capture_output=True).stdout.decode()
        check(float(stats) > 0.01, f"the screenshot {path} is blank")
        return path

    def decode_qr(self, window, name):
        """The text of the one QR code in a screenshot of window, read by zbarimg."""
        path = self.screenshot(name)
        extents = window.get_extents(Atspi.CoordType.SCREEN)
        cropped = path.with_name(name + "-window.png")
        subprocess.run(["convert", str(path), "-crop",
                        f"{extents.width}x{extents.height}+{max(extents.x, 0)}+{max(extents.y, 0)}",
                        "+repage", str(cropped)], check=True)
        result = subprocess.run(["zbarimg", "--raw", "-q", str(cropped)], capture_output=True, text=True)
        check(result.returncode == 0, f"zbarimg found no code in {cropped}")
        codes = result.stdout.strip().splitlines()
        check(len(codes) == 1, f"zbarimg read {codes} in {cropped}")
        return codes[0]

    def close(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        if self.owned_home:
            self.home.cleanup()


class Sandbox:
    """A signet-sandbox on loopback, for as long as the test needs it. It
    says it listens by writing its address to a pipe of its own
    (--ready-fd); the start waits on that pipe for one deadline."""

    def __init__(self, *keys, controls=True, data_dir=None, timeout=DEFAULT_TIMEOUT):
        read_end, write_end = os.pipe()
        args = [os.environ["SIGNET_SANDBOX_BIN"], "--port", "0", "--stop-on-eof",
                "--ready-fd", str(write_end)]
        for key in keys:
            args += ["--api-key", key]
        if controls:
            args.append("--enable-controls")
        if data_dir is not None:
            args += ["--data-dir", data_dir]
        self.errors = tempfile.TemporaryFile("w+")
        try:
            self.process = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                            stderr=self.errors, text=True, pass_fds=(write_end,))
        finally:
            os.close(write_end)
        try:
            self.url = self._read_ready_line(read_end, timeout)
        finally:
            os.close(read_end)

    def _read_ready_line(self, fd, timeout):
        """The line on the ready pipe; fails saying how the child ended."""
        deadline = deadline_after(timeout)
        data = b""
        while not data.endswith(b"\n"):
            left = deadline - time.monotonic()
            ready = select.select([fd], [], [], max(left, 0))[0] if left > 0 else []
            if not ready:
                self.process.kill()
                self.process.wait()
                raise TestFailure(f"the sandbox did not report its address within "
                                  f"{timeout * TIMEOUT_MULTIPLIER} s{self._stderr_tail()}")
            chunk = os.read(fd, 256)
            if not chunk:
                status = self.process.wait()
                raise TestFailure(f"the sandbox exited with status {status} before it listened"
                                  f"{self._stderr_tail()}")
            data += chunk
        url = data.decode().strip().rstrip("/")
        check(url.startswith("http://127.0.0.1:"), f"the sandbox reported {url!r}")
        return url

    def _stderr_tail(self):
        self.errors.seek(0)
        lines = self.errors.read().splitlines()[-5:]
        return (":\n" + "\n".join(lines)) if lines else ""

    def post(self, path, body):
        return self.request("POST", path, body)

    def delete(self, path):
        return self.request("DELETE", path)

    def request(self, method, path, body=None):
        """A test control call; returns the HTTP status."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(request, timeout=10) as response:
            return response.status

    def close(self):
        self.process.stdin.close()
        try:
            self.process.wait(DEFAULT_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.errors.close()


def run(test):
    """Runs test(signet) against a fresh instance; prints the app's output on failure."""
    run_each([("", {})], lambda signet, case: test(signet), exit_on_success=False)


def run_each(cases, test, exit_on_success=True):
    """Runs test(signet, case) for every (case, signet options) pair, each
    against a fresh instance (options["args"]: its command line); fails at
    the end if any case failed."""
    failed = False
    for case, options in cases:
        options = dict(options)
        signet = Signet(*options.pop("args", ()), **options)
        try:
            test(signet, case)
            print(f"PASS {case}".rstrip())
        except TestFailure as failure:
            print(f"FAIL {case}: {failure}\n--- signet output ---\n{signet.output()}")
            failed = True
        finally:
            signet.close()
    if failed or exit_on_success:
        sys.exit(1 if failed else 0)


def choose_file(signet, title, path, accept, timeout=DEFAULT_TIMEOUT):
    """Answers the GtkFileChooserNative titled title (GTK's own dialog, as
    under Xvfb without a portal) with path, as a person typing it would: in
    a Save dialog into its Name entry, in an Open dialog into the location
    entry that Ctrl+L shows; then presses its accept button (labelled accept)."""
    dialog = signet.find("filler", title, timeout=timeout)
    entries = [node for node in signet.find_all("text", root=dialog) if node.get_name() == "Name:"]
    if not entries:
        Atspi.generate_keyboard_event(MODIFIER_MASKS["Control"], None, Atspi.KeySynthType.LOCKMODIFIERS)
        try:
            check(Atspi.generate_keyboard_event(0x6C, None, Atspi.KeySynthType.SYM), "could not type Ctrl+L")
        finally:
            Atspi.generate_keyboard_event(MODIFIER_MASKS["Control"], None, Atspi.KeySynthType.UNLOCKMODIFIERS)
        entries = [signet.find("text", root=dialog, timeout=timeout,
                               predicate=lambda n: n.get_state_set().contains(Atspi.StateType.FOCUSED))]
    check(Atspi.EditableText.set_text_contents(entries[0], path), f"could not type {path!r} into {title!r}")
    signet.wait_until(lambda: text_of_entry(entries[0]) == path, f"{title!r} did not take {path!r}")
    signet.click(signet.find("push button", root=dialog,
                             predicate=lambda n: (n.get_name() or "").split()[-1:] == [accept]))
    def closed():
        try:
            return not any(w.get_name() == title for w in signet.windows() if w is not None)
        except gi.repository.GLib.Error:
            return False  # a window that went away while we looked
    signet.wait_until(closed, f"{title!r} stayed open after choosing {path!r}", timeout=timeout)


def text_of_entry(node):
    """All the text of an entry (GTK 4.8 answers get_text(0, -1) with nothing)."""
    return Atspi.Text.get_text(node, 0, Atspi.Text.get_character_count(node))
