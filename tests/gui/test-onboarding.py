#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A fresh Signet asks for an account: a good key gets in, a wrong key, an
unreachable server and a failing server each get their own message in place
and save nothing, and the key is found nowhere but in the keyring."""

import os
import pathlib
import sys

sys.path.insert(0, os.path.dirname(__file__))
from signet_atspi import Atspi, Sandbox, Signet, TestFailure, check, n_actions  # noqa: E402

GOOD_KEY = "9668716b6_1f40fc92da241684750979ee6cf582f2d5d7d28e18335de05abc54d0560e0f5302860c652bf08d"
WRONG_KEY = "7796b696_0000wrong0000"
FRESH = {"io/github/signetapp/Signet": {"environment": "'none'"}}


def fill_in(signet, url, key, shot=None):
    """Chooses Custom, types the address and the key, and presses Connect."""
    signet.click(signet.find_button("Connect to OKdokument"))
    signet.click_at(signet.find("list item", "Custom"))
    url_row = signet.wait_visible(signet.find("text", "Server address"))
    check(Atspi.EditableText.set_text_contents(url_row, url), "could not type the address")
    key_row = signet.find("text", "API key")
    check(Atspi.EditableText.set_text_contents(key_row, key), "could not type the key")
    if shot:
        signet.screenshot(shot)
    signet.click(signet.find_button("Connect"))
    return key_row


def environment_setting(signet):
    text = signet.keyfile.read_text() if signet.keyfile.exists() else ""
    for line in text.splitlines():
        if line.startswith("environment="):
            return line.split("=", 1)[1]
    return None


def page_state(signet):
    """What the connect page shows, for a failure message."""
    connect = signet.find_button("Connect")
    sensitive = connect.get_state_set().contains(Atspi.StateType.SENSITIVE)
    busy = bool(signet.find_all("progress bar")) or bool(signet.find_all("animation"))
    return f"Connect sensitive: {sensitive}, checking: {busy}"


def expect_error(signet, key_row, words, shot):
    try:
        label = signet.find("label", timeout=20, predicate=lambda n: words in (n.get_name() or ""))
    except TestFailure as failure:
        raise TestFailure(f"{page_state(signet)}; {failure}") from None
    signet.wait_visible(label)
    signet.screenshot(shot)
    # What the user typed is still there, and nothing was saved.
    check(Atspi.Text.get_character_count(key_row) > 0, "the typed key was lost")
    check(environment_setting(signet) == "'none'",
          f"an account was saved after an error: {environment_setting(signet)}")
    signet.find("label", "Connect to OKdokument")


def check_connection(signet, **key_row):
    """Opens the preferences, waits for the key's row (key_row: find()'s
    name or predicate) and checks the connection from there."""
    signet.key("Control", "comma")
    preferences = signet.find("frame", "Preferences")
    signet.find("label", root=preferences, **key_row)
    signet.click(signet.find_button("Check Connection", root=preferences))
    signet.find_toast("The connection works", root=preferences)
    return preferences


def main():
    sandbox = Sandbox(GOOD_KEY)
    failures = []

    def case(name, test, env=None):
        signet = Signet(settings=FRESH, env={"G_MESSAGES_DEBUG": "all", **(env or {})})
        try:
            test(signet)
            print(f"PASS {name}")
        except TestFailure as failure:
            failures.append(name)
            print(f"FAIL {name}: {failure}\n--- signet output ---\n{signet.output()[-6000:]}")
        finally:
            signet.close()

    def welcome(signet):
        signet.wait_visible(signet.find("label", "Welcome to Signet"))
        signet.find_button("Try Without an Account")
        signet.screenshot("onboarding-welcome")

    def wrong_key(signet):
        key_row = fill_in(signet, sandbox.url, WRONG_KEY, shot="onboarding-connect")
        expect_error(signet, key_row, "did not accept", "onboarding-wrong-key")

    def unreachable(signet):
        key_row = fill_in(signet, "http://127.0.0.1:9", GOOD_KEY)
        expect_error(signet, key_row, "cannot connect", "onboarding-unreachable")

    def server_error(signet):
        sandbox.post("/sandbox/faults", {"path": "/JSON/counter", "status": 503, "count": 20})
        try:
            key_row = fill_in(signet, sandbox.url, GOOD_KEY)
            expect_error(signet, key_row, "Try again later", "onboarding-server-error")
        finally:
            sandbox.delete("/sandbox/faults")

    def try_sandbox(signet):
        signet.click(signet.find_button("Try Without an Account"))
        signet.wait_visible(signet.find("label", "No Documents Yet"))
        check(environment_setting(signet) == "'sandbox'", "the sandbox was not saved as the environment")
        check_connection(signet, name="The sandbox needs no key")
        signet.screenshot("preferences-sandbox")

    def no_keyring(signet):
        # libsecret asks this bus name instead of the Secret Service: nobody
        # owns it, as on a desktop without a keyring.
        fill_in(signet, sandbox.url, GOOD_KEY)
        signet.wait_visible(signet.find("label", "No Documents Yet"))
        notice = signet.find("label", "The keyring cannot be used, so the API key is kept only until "
                                      "Signet quits")
        signet.wait_visible(notice)
        signet.screenshot("onboarding-no-keyring")
        check_connection(signet,
                         predicate=lambda n: (n.get_name() or "").startswith("Kept only until Signet quits"))
        check(GOOD_KEY not in signet.output(), "the key is in the debug log")

    def good_key_then_remove(signet):
        fill_in(signet, sandbox.url, GOOD_KEY)
        signet.wait_visible(signet.find("label", "No Documents Yet"))
        check(environment_setting(signet) == "'custom'", "the environment was not saved")

        # The key is in the keyring only: not in the settings, the data,
        # the cache or the debug log of the whole run.
        home = pathlib.Path(signet.home_dir)
        for path in home.rglob("*"):
            if path.is_file() and not path.name.startswith("signet-"):
                check(GOOD_KEY.encode() not in path.read_bytes(), f"the key was written to {path}")
        check(GOOD_KEY not in signet.output(), "the key is in the debug log")

        # Preferences read it back from the keyring, then remove it.
        preferences = check_connection(signet, name="Stored in the keyring")
        signet.screenshot("preferences-account")
        signet.click(signet.find_button("Remove…", root=preferences))
        dialog = signet.find("dialog", "Remove API Key?")
        signet.screenshot("preferences-remove-key")
        # AdwMessageDialog's buttons are there twice (wide and narrow
        # layouts); the shown ones are named once.
        signet.click(signet.find("push button", "Remove", root=dialog, predicate=lambda n: n_actions(n)))
        signet.wait_visible(signet.find("label", "Welcome to Signet"))
        check(environment_setting(signet) == "'none'", "removing the key kept the account")

    try:
        case("welcome", welcome)
        case("wrong-key", wrong_key)
        case("unreachable", unreachable)
        case("server-error", server_error)
        case("try-sandbox", try_sandbox)
        case("no-keyring", no_keyring, env={"SECRET_SERVICE_BUS_NAME": "org.example.NoKeyring"})
        case("good-key-then-remove", good_key_then_remove)
    finally:
        sandbox.close()
    sys.exit(1 if failures else 0)


main()
