#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the documents the intake tests open, into the folder given as the
first argument. The PDFs are written by hand rather than with cairo: cairo
1.16 writes neither PDF 1.7, nor form fields, nor encryption, and each of
those is what one of these files is for. Everything is deterministic."""

import hashlib
import os
import random
import struct
import sys
import zipfile

A4 = (595, 842)
PAD = bytes.fromhex("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a")
FILE_ID = hashlib.md5(b"signet test document").digest()


def rc4(key, data):
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


class StandardSecurity:
    """The PDF standard security handler, revision 2 (RC4, 40-bit key)."""

    def __init__(self, user_password, owner_password, permissions=-44):
        def padded(password):
            return (password.encode() + PAD)[:32]

        self.o = rc4(hashlib.md5(padded(owner_password)).digest()[:5], padded(user_password))
        self.p = permissions
        self.key = hashlib.md5(padded(user_password) + self.o + struct.pack("<i", permissions)
                               + FILE_ID).digest()[:5]
        self.u = rc4(self.key, PAD)

    def encrypt(self, number, data):
        key = hashlib.md5(self.key + struct.pack("<I", number)[:3] + b"\0\0").digest()[:10]
        return rc4(key, data)

    def dictionary(self):
        return (b"<< /Filter /Standard /V 1 /R 2 /Length 40 /O <%s> /U <%s> /P %d >>"
                % (self.o.hex().encode(), self.u.hex().encode(), self.p))


class Pdf:
    def __init__(self, version="1.7"):
        self.version = version
        self.objects = []
        self.streams = set()
        self.security = None

    def reserve(self):
        self.objects.append(None)
        return len(self.objects)

    def set(self, number, body):
        self.objects[number - 1] = body

    def add(self, body):
        number = self.reserve()
        self.set(number, body)
        return number

    def add_stream(self, data, extra=b""):
        number = self.add(data)
        self.streams.add(number)
        self.objects[number - 1] = (extra, data)
        return number

    def build(self, root):
        out = bytearray(b"%%PDF-%s\n%%\xe2\xe3\xcf\xd3\n" % self.version.encode())
        offsets = []
        for number, body in enumerate(self.objects, start=1):
            offsets.append(len(out))
            out += b"%d 0 obj\n" % number
            if number in self.streams:
                extra, data = body
                if self.security is not None:
                    data = self.security.encrypt(number, data)
                out += b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"
            else:
                out += body
            out += b"\nendobj\n"
        trailer_extra = b""
        if self.security is not None:
            offsets.append(len(out))
            encrypt = len(self.objects) + 1
            out += b"%d 0 obj\n%s\nendobj\n" % (encrypt, self.security.dictionary())
            trailer_extra = b" /Encrypt %d 0 R" % encrypt
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
        for offset in offsets:
            out += b"%010d 00000 n \n" % offset
        out += (b"trailer\n<< /Size %d /Root %d 0 R /ID [<%s> <%s>]%s >>\nstartxref\n%d\n%%%%EOF\n"
                % (len(offsets) + 1, root, FILE_ID.hex().encode(), FILE_ID.hex().encode(),
                   trailer_extra, xref))
        return bytes(out)


def page_content(title, lines, extra=b""):
    """A page that looks like a letter: a title, grey lines of "text", and real text."""
    ops = [b"0.2 g BT /F1 20 Tf 72 770 Td (%s) Tj ET" % title.encode()]
    y = 720
    for line in lines:
        ops.append(b"0 g BT /F1 11 Tf 72 %d Td (%s) Tj ET" % (y, line.encode()))
        y -= 22
    for i in range(8):
        ops.append(b"0.85 g 72 %d %d 8 re f" % (y - i * 18, 451 - (i % 3) * 60))
    ops.append(extra)
    return b"\n".join(ops)


def document(pages, version="1.7", security=None, annots=None, acroform=None, padding=None):
    """pages: a list of content streams; annots: {page index: [object numbers]} filled by a callback."""
    pdf = Pdf(version)
    pdf.security = security
    catalog = pdf.reserve()
    tree = pdf.reserve()
    font = pdf.add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    page_numbers = [pdf.reserve() for _ in pages]
    fields = []
    if annots is not None:
        fields = annots(pdf, page_numbers)
    for index, (number, content) in enumerate(zip(page_numbers, pages)):
        stream = pdf.add_stream(content)
        widgets = [n for n, page in fields if page == index]
        annot = b" /Annots [%s]" % b" ".join(b"%d 0 R" % n for n in widgets) if widgets else b""
        pdf.set(number, b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
                        b"/Resources << /Font << /F1 %d 0 R >> >>%s >>"
                % (tree, A4[0], A4[1], stream, font, annot))
    if padding is not None:
        pdf.add_stream(padding)
    pdf.set(tree, b"<< /Type /Pages /Kids [%s] /Count %d >>"
            % (b" ".join(b"%d 0 R" % n for n in page_numbers), len(pages)))
    form = b""
    if fields:
        form = b" /AcroForm << /Fields [%s] /SigFlags 1 >>" % b" ".join(b"%d 0 R" % n for n, _ in fields)
    pdf.set(catalog, b"<< /Type /Catalog /Pages %d 0 R%s >>" % (tree, form))
    return pdf.build(catalog)


def signature_fields(pdf, pages):
    """Two signature fields and a text field, all on the second page."""
    page = pages[1]
    made = []
    for kind, name, rect in ((b"Sig", b"SC_signature", (72, 100, 272, 160)),
                             (b"Sig", b"SO_witness", (323, 100, 523, 160)),
                             (b"Tx", b"TO_text", (72, 300, 272, 320))):
        number = pdf.add(b"<< /Type /Annot /Subtype /Widget /FT /%s /T (%s) /Rect [%d %d %d %d] "
                         b"/P %d 0 R /F 4 >>" % ((kind, name) + rect + (page,)))
        made.append((number, 1))
    return made


def zip_entry(archive, name, text):
    archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), text)


def write(folder, name, data):
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def main():
    folder = sys.argv[1]
    os.makedirs(folder, exist_ok=True)
    letter = ["Dear customer,", "please sign this contract."]

    simple = document([page_content("Contract", letter)])
    write(folder, "simple.pdf", simple)
    write(folder, "multipage.pdf", document([page_content("Page %d" % (i + 1), letter) for i in range(200)]))
    # Long enough that checking it on the main thread would freeze the window.
    words = "the customer agrees to the terms of this contract and to the processing of personal data".split()
    body = [" ".join(words[(i + j) % len(words)] for j in range(12)) for i in range(30)]
    pages = [page_content("Terms, page %d" % (i + 1), body) for i in range(599)]
    pages.append(page_content("Signatures", ["Customer: _SC1_"]))
    write(folder, "long.pdf", document(pages))
    write(folder, "fields.pdf", document([page_content("Loan agreement", letter),
                                         page_content("Signatures", ["Customer", "Witness"])],
                                        annots=signature_fields))
    write(folder, "tags.pdf", document([page_content("Insurance policy", [
        "Policyholder: _SC1_",
        "Optional co-signer: _SO2_",
        "Agent: _S3_",
    ])]))
    write(folder, "old-version.pdf", document([page_content("Old contract", letter)], version="1.4"))
    write(folder, "encrypted.pdf", document([page_content("Secret", letter)],
                                            security=StandardSecurity("", "owner")))
    write(folder, "password.pdf", document([page_content("Secret", letter)],
                                           security=StandardSecurity("open", "owner")))
    write(folder, "truncated.pdf", simple[: len(simple) * 2 // 3])
    write(folder, "empty.pdf", b"")
    write(folder, "not-a-pdf.pdf", b"Meeting notes\nThese are notes, not a PDF.\n" * 20)
    # Random bytes do not compress, so the file stays just over 10 MB (10,000,000 bytes).
    noise = random.Random(6).randbytes(10_000_000 + 50_000)
    write(folder, "large.pdf", document([page_content("Scans", letter)], padding=noise))

    with zipfile.ZipFile(os.path.join(folder, "contract.docx"), "w") as docx:
        zip_entry(docx, "[Content_Types].xml",
                      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                      'content-types"><Override PartName="/word/document.xml" ContentType="application/'
                      'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        zip_entry(docx, "word/document.xml",
                      '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                      'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Contract _SC1_</w:t></w:r>'
                      '</w:p></w:body></w:document>')
    with zipfile.ZipFile(os.path.join(folder, "prices.xlsx"), "w") as xlsx:
        zip_entry(xlsx, "[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        zip_entry(xlsx, "xl/workbook.xml", '<?xml version="1.0"?><workbook/>')
    # A zip that is neither a Word nor an Excel document, named like one.
    with zipfile.ZipFile(os.path.join(folder, "photos.docx"), "w") as other:
        zip_entry(other, "photo.txt", "not a document")


if __name__ == "__main__":
    main()
