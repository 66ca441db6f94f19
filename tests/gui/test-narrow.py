#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The main job in a window of 360×294 pixels, the smallest the GNOME HIG
asks an application to work in (issue 15).

In each of four starts (light and dark, English and Slovak) a file is opened
and: the queue shows it; Enter opens it, with a Back button in the header
bar; the request editor's Send is on screen; Send shows the hand-over page
with the QR code, Done and Presenter Mode (in its header bar) on screen; Done shows the sent
documents; Enter opens the detail; Back goes to the list and on to the
states. The window must never be wider than 360 pixels. Screenshots of each
step go to the screenshots' folder (SIGNET_SCREENSHOT_DIR), named
narrow-STEP-LANGUAGE-SCHEME.png.

Keys and clicks are synthesized; AT-SPI reads what is on screen. Names are
looked up in Signet's own translations, so the Slovak run finds the same
widgets by their Slovak names.
"""

import gettext
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from gi.repository import GLib  # noqa: E402
from signet_atspi import Atspi, Signet, TestFailure, check  # noqa: E402

DATA = os.environ["SIGNET_TEST_DATA"]
FILE_NAME = "contract.pdf"
WIDTH, HEIGHT = 360, 294


def translator(language):
    if not language:
        return lambda text: text
    return gettext.translation("signet", localedir=os.environ["SIGNET_LOCALEDIR"],
                               languages=[language]).gettext


def states(node):
    return node.get_state_set()


def on_screen(signet, frame, node):
    """Whether node has a size and lies inside the window, as far as GTK
    4.8's approximate extents tell: at least its middle must."""
    try:
        box = node.get_extents(Atspi.CoordType.SCREEN)
        window = frame.get_extents(Atspi.CoordType.SCREEN)
    except GLib.Error:
        return False
    if box.width <= 0 or box.height <= 0 or not states(node).contains(Atspi.StateType.VISIBLE):
        return False
    x, y = box.x + box.width // 2, box.y + box.height // 2
    return window.x <= x < window.x + window.width and window.y <= y < window.y + window.height


def shown_button(signet, frame, accept, what):
    """The clickable button whose name accept() takes, on screen."""
    def find():
        for node in signet.find_all("push button", root=frame):
            try:
                if (node.get_action_iface() is not None and accept(node.get_name() or "")
                        and on_screen(signet, frame, node)):
                    return node
            except GLib.Error:
                continue
        return None

    return signet.wait_until(find, f"{what} is not on screen in the {WIDTH}-pixel window", timeout=60)


def extents(node):
    box = node.get_extents(Atspi.CoordType.SCREEN)
    return (box.x, box.y, box.width, box.height)


def check_width(signet, frame, step):
    box = frame.get_extents(Atspi.CoordType.SCREEN)
    check(box.width <= WIDTH, f"at {step} the window is {box.width} pixels wide, not {WIDTH}")


def narrow(signet, case, _):
    language, scheme = case
    tr = translator(language)
    shot = f"{language or 'en'}-{scheme}"
    frame = signet.find("frame", tr("Signet"))
    signet.wait_until(lambda: frame.get_extents(Atspi.CoordType.SCREEN).width <= WIDTH,
                      f"the window did not narrow to {WIDTH} pixels: it is "
                      f"{frame.get_extents(Atspi.CoordType.SCREEN).width}")

    # The queue: the file, alone on the screen.
    documents = signet.find("list", tr("Documents"), root=frame)
    row = signet.find("list item", FILE_NAME, root=documents)
    signet.wait_until(lambda: on_screen(signet, frame, row), "the queue's row is not on screen")
    signet.screenshot(f"narrow-queue-{shot}")

    # Its options, with Back in the header bar and Send on screen.
    signet.click_at(row)
    back = shown_button(signet, frame, lambda name: name == tr("Back"), "Back")
    send = shown_button(signet, frame, lambda name: name.startswith(tr("Send")), "Send")
    signet.wait_until(lambda: states(send).contains(Atspi.StateType.SENSITIVE),
                      f"Send stayed off: {send.get_description()!r}", timeout=60)
    check_width(signet, frame, "the editor")
    signet.screenshot(f"narrow-editor-{shot}")

    # The preview, behind the options' toggle, and back.
    toggle = shown_button(signet, frame, lambda name: name == tr("Show Request Options"),
                          "the options' toggle")
    signet.click(toggle)
    signet.wait_until(lambda: not on_screen(signet, frame, send), "the toggle did not hide the options")
    signet.screenshot(f"narrow-preview-{shot}")
    signet.click(toggle)
    send = shown_button(signet, frame, lambda name: name.startswith(tr("Send")), "Send, again")

    # Send: the hand-over page with the QR code, Done and Presenter Mode
    # in its header bar on screen; the link below the code, where the page
    # scrolls.
    signet.click(send)
    # (The library's detail page has a code too, on a page not shown.)
    def code_shown():
        return any(on_screen(signet, frame, node) for node in signet.find_all("image", root=frame, name=tr("QR code of the signing link")))

    def where_codes():
        return [(extents(node), states(node).contains(Atspi.StateType.VISIBLE))
                for node in signet.find_all("image", root=frame, name=tr("QR code of the signing link"))]

    try:
        signet.wait_until(code_shown, "the QR code is not on screen", timeout=60)
    except TestFailure as failure:
        raise TestFailure(f"{failure}: the codes are at {where_codes()}, the window at {extents(frame)}")
    signet.find("push button", tr("Copy Link"), root=frame)
    done = shown_button(signet, frame, lambda name: name == tr("Done"), "Done")
    shown_button(signet, frame, lambda name: name == tr("Presenter Mode"), "Presenter Mode")
    check(not on_screen(signet, frame, back), "the hand-over page shows the queue's Back button")
    check_width(signet, frame, "the hand-over page")
    signet.screenshot(f"narrow-handover-{shot}")

    # Done: the sent documents; Enter on the row shows its detail.
    signet.click(done)

    def sent_row():
        for node in signet.find_all("list item", root=frame):
            try:
                if (node.get_name() or "").startswith(FILE_NAME + ", ") and on_screen(signet, frame, node):
                    return node
            except GLib.Error:
                continue
        return None

    row = signet.wait_until(sent_row, "the sent document's row is not on screen")
    signet.screenshot(f"narrow-library-{shot}")
    signet.click_at(row)
    back = shown_button(signet, frame, lambda name: name == tr("Back"), "Back on the detail")
    shown_button(signet, frame, lambda name: name == tr("Details"), "the detail's Details")
    check_width(signet, frame, "the detail")
    signet.screenshot(f"narrow-detail-{shot}")

    # Back to the list, then to the states, where there is no Back. (GTK
    # 4.8 keeps reporting the extents of a pane that slid away, so the
    # screenshots show the panes; the header bar's Back button tells.)
    signet.click(back)
    signet.wait_until(sent_row, "Back did not show the list again")
    back = shown_button(signet, frame, lambda name: name == tr("Back"), "Back on the list")
    signet.click(back)
    signet.wait_until(lambda: not on_screen(signet, frame, back),
                      "Back stayed in the header bar of the states")
    signet.find("list item", root=frame, predicate=lambda node: on_screen(signet, frame, node)
                and (node.get_name() or "").startswith(tr("All Documents")))
    check_width(signet, frame, "the states")
    signet.screenshot(f"narrow-states-{shot}")


def main():
    folder = tempfile.mkdtemp(prefix="signet-narrow-")
    path = os.path.join(folder, FILE_NAME)
    shutil.copy(os.path.join(DATA, "fields.pdf"), path)
    failed = False
    try:
        for language in ("", "sk"):
            for scheme in ("default", "prefer-dark"):
                case = (language, scheme)
                signet = None
                try:
                    signet = Signet(path, env={"LANGUAGE": language}, settings={
                        "org/gnome/desktop/interface": {"color-scheme": f"'{scheme}'"},
                        "io/github/signetapp/Signet": {"environment": "'sandbox'",
                                                       "window-width": str(WIDTH),
                                                       "window-height": str(HEIGHT)}})
                    narrow(signet, case, None)
                    print(f"PASS {language or 'en'} {scheme}")
                except (TestFailure, GLib.Error) as failure:
                    output = signet.output() if signet is not None else ""
                    print(f"FAIL {language or 'en'} {scheme}: {failure}\n--- signet output ---\n{output}")
                    failed = True
                finally:
                    if signet is not None:
                        signet.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    sys.exit(1 if failed else 0)


main()
