import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from dossiers.uploads import check_file, check_files, clean_filename

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\x00" * 40
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 100
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 100
ACCEPTED = ["pdf", "jpg", "jpeg", "png"]
MB = 1024 * 1024


def upload(name, content, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def messages(error: ValidationError) -> str:
    return " ".join(error.messages)


def test_a_pdf_is_accepted_with_its_checksum_and_detected_type():
    checked = check_file(upload("Tờ khai.pdf", PDF), ACCEPTED, MB)
    assert checked.name == "Tờ khai.pdf"
    assert checked.extension == "pdf"
    assert checked.mime_type == "application/pdf"
    assert checked.sha256 == hashlib.sha256(PDF).hexdigest()
    assert checked.size == len(PDF)


@pytest.mark.parametrize("content", [EXE, ELF, b"#!/bin/sh\nrm -rf /\n"])
def test_an_executable_renamed_pdf_is_refused(content):
    with pytest.raises(ValidationError) as error:
        check_file(upload("giay-to.pdf", content), ACCEPTED, MB)
    assert error.value.code == "executable"
    assert "chạy được" in messages(error.value)


def test_the_type_comes_from_the_bytes_not_the_name_or_the_browser():
    with pytest.raises(ValidationError) as error:
        check_file(upload("anh.pdf", b"just some text", "application/pdf"), ACCEPTED, MB)
    assert error.value.code == "type"
    checked = check_file(upload("anh-the.pdf", PNG, "application/pdf"), ACCEPTED, MB)
    assert checked.extension == "png"
    assert checked.name == "anh-the.pdf.png"


def test_jpeg_and_jpg_are_the_same_type():
    assert check_file(upload("a.jpeg", JPG, "image/jpeg"), ["jpeg"], MB).extension == "jpg"


def test_a_zero_byte_file_is_refused():
    with pytest.raises(ValidationError) as error:
        check_file(upload("rong.pdf", b""), ACCEPTED, MB)
    assert error.value.code == "empty"
    assert "0 byte" in messages(error.value)


def test_an_oversized_file_is_refused():
    with pytest.raises(ValidationError) as error:
        check_file(upload("lon.pdf", PDF + b"0" * 2000), ACCEPTED, 1000)
    assert error.value.code == "too_large"


def test_too_many_files_for_one_component_are_refused():
    files = [upload(f"{i}.pdf", PDF) for i in range(3)]
    with pytest.raises(ValidationError) as error:
        check_files(files, ACCEPTED, MB, already=1, max_count=3)
    assert error.value.code == "too_many"
    assert len(check_files(files, ACCEPTED, MB, max_count=3)) == 3


def test_every_bad_file_is_reported_and_none_is_kept():
    files = [upload("a.pdf", PDF), upload("b.pdf", EXE), upload("c.pdf", b"")]
    with pytest.raises(ValidationError) as error:
        check_files(files, ACCEPTED, MB)
    assert len(error.value.error_list) == 2


@pytest.mark.parametrize(
    ("given", "cleaned"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\An\\Giấy khai sinh.pdf", "Giấy khai sinh.pdf"),
        ("a<b>:c|d?.pdf", "abcd.pdf"),
        ("  .hidden.pdf ", "hidden.pdf"),
        ("x\x00y\n.pdf", "xy.pdf"),
        ("", "tep-dinh-kem"),
        ("../", "tep-dinh-kem"),
    ],
)
def test_file_names_are_cleaned_of_paths_and_unsafe_characters(given, cleaned):
    assert clean_filename(given) == cleaned


def test_long_file_names_keep_their_extension():
    name = clean_filename("a" * 300 + ".pdf")
    assert len(name) <= 120 and name.endswith(".pdf")
