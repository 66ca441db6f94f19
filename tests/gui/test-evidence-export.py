#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
""""Export Evidence…" on the detail page (docs/evidence.md), in English,
Slovak and Czech: the file chooser answered with a path, then the PDF and
the JSON beside it; the JSON valid against docs/evidence-schema.json (the
validator of test-evidence-export, as tests/evidence-validate), the PDF's
text (poppler) holds both SHA-256 sums, the times of the history and of the
check, and a heading in the language the window speaks."""

import gettext
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
import gi  # noqa: E402

gi.require_version("Poppler", "0.18")
from gi.repository import GLib, Poppler  # noqa: E402
from signet_atspi import Atspi, check, choose_file, name_of, run_each  # noqa: E402
from signet_library import install_opener, search, seed  # noqa: E402

SIGNED = "Insurance policy.pdf"
LANGUAGES = ("en", "sk", "cs")


def translator(language):
    if language == "en":
        return gettext.NullTranslations()
    return gettext.translation("signet", os.environ["SIGNET_LOCALEDIR"], languages=[language])


def options(home, wrapper, language):
    """How to start Signet on the seeded home (as signet_library.start()),
    speaking language."""
    install_opener(home)
    settings = {"io/github/signetapp/Signet": {"environment": "'sandbox'", "window-width": "1200",
                                               "window-height": "760",
                                               "archive-folder": repr(os.path.join(home, "archive"))}}
    env = {"SIGNET_SANDBOX_BIN": wrapper, "XDG_DATA_HOME": os.path.join(home, "data"),
           "G_MESSAGES_DEBUG": "signet-evidence,signet-library-view"}
    if language != "en":
        env["LANGUAGE"] = language
    return {"args": ["--sandbox"], "env": env, "settings": settings}


def open_signed(signet, _):
    """The signed document's page: searched for, then Enter twice (the list's
    name is translated, so it is found by the one document it shows)."""
    documents = signet.find("list", _("Sent Documents"))

    def rows():
        return [name_of(row) for row in signet.find_all("list item", root=documents) if signet.is_visible(row)]

    def only_signed():
        shown = rows()
        return len(shown) == 1 and shown[0].startswith(SIGNED)

    # The journal loads after the window's first frame: a search typed
    # before the library shows the seeded documents has nowhere to go.
    signet.wait_until(lambda: len(rows()) > 1, "the library never showed the seeded documents")
    search(signet, "Insurance")
    signet.wait_until(only_signed, f"the search did not narrow the list to {SIGNED!r}")
    signet.key("Return")
    signet.key("Return")
    signet.find("heading", SIGNED)


def pdf_text(path):
    document = Poppler.Document.new_from_file(GLib.filename_to_uri(path), None)
    check(1 <= document.get_n_pages() <= 2, f"the certificate has {document.get_n_pages()} pages")
    return "\n".join(document.get_page(i).get_text() for i in range(document.get_n_pages()))


def as_written(_, iso8601):
    """A time of the record as the certificate writes it
    (signet_evidence_format_time(): the desk's zone, the translated format)."""
    time = GLib.DateTime.new_from_iso8601(iso8601, None)
    check(time is not None, f"{iso8601!r} is not ISO 8601")
    return time.to_local().format(_("%-d %B %Y at %H:%M"))


def export(signet, home, language):
    _ = translator(language).gettext
    open_signed(signet, _)
    title = _("Export Evidence…")
    row = signet.find("list item", predicate=lambda n: (n.get_name() or "").startswith(title))
    # The row's action turns on once the record is read.
    signet.wait_until(lambda: row.get_state_set().contains(Atspi.StateType.SENSITIVE),
                      "Export Evidence… never became sensitive")
    signet.click_at(row)
    folder = tempfile.mkdtemp(prefix="evidence-", dir=home)
    pdf = os.path.join(folder, "certificate.pdf")
    json_path = os.path.join(folder, "certificate.json")
    choose_file(signet, gettext_context(_, "dialog title", "Export Evidence"), pdf,
                _("_Export").replace("_", ""))
    signet.wait_until(lambda: os.path.exists(pdf) and os.path.exists(json_path),
                      f"the export wrote {sorted(os.listdir(folder))}, not the PDF and the JSON")
    signet.find("label", _("Saved as %s and %s") % ("certificate.pdf", "certificate.json"), root=row)

    validated = subprocess.run([os.environ["SIGNET_EVIDENCE_VALIDATE"], os.environ["SIGNET_EVIDENCE_SCHEMA"],
                                json_path], capture_output=True, text=True)
    check(validated.returncode == 0, f"the JSON is not valid against the schema: {validated.stderr}")
    with open(json_path) as f:
        record = json.load(f)
    copy = record["signedCopy"]
    check(copy is not None and copy["signature"] == "valid", f"the signed copy is {copy!r}")
    check(record["filename"] == SIGNED, f"the record is of {record['filename']!r}")

    text = pdf_text(pdf)
    expected = [_("Certificate of Completion"), _("History"), record["sentSha256"], copy["sha256"],
                record["signatureRequestId"], as_written(_, copy["checked"])]
    expected += [as_written(_, event["time"]) for event in record["events"]]
    missing = [part for part in expected if part not in text]
    check(not missing, f"the certificate does not say {missing!r}:\n{text}")
    if language != "en":
        check("Certificate of Completion" not in text, f"the certificate is in English:\n{text}")
    signet.screenshot(f"evidence-exported-{language}")


def gettext_context(_, context, message):
    """pgettext() through gettext(): the catalog's key is context\\x04message."""
    translated = _(f"{context}\x04{message}")
    return message if "\x04" in translated else translated


def main():
    languages = sys.argv[1:] or LANGUAGES
    homes = [tempfile.TemporaryDirectory(prefix="signet-evidence-") for _ in languages]
    cases = []
    try:
        for language, home in zip(languages, homes):
            documents, wrapper, _ = seed(home.name)
            check(SIGNED in documents, f"the seed made {sorted(documents)}")
            cases.append((language, options(home.name, wrapper, language)))
        run_each(cases, lambda signet, language: export(signet, homes[languages.index(language)].name,
                                                        language), exit_on_success=False)
    finally:
        for home in homes:
            home.cleanup()


main()
