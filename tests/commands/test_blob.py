"""BLOB commands and the 4D.Blob class against 4D's pages.

Pages: commands/text-to-blob.md, blob-to-text.md, blob-size.md,
set-blob-size.md, copy-blob.md, insert-in-blob.md, delete-from-blob.md,
integer-to-blob.md, longint-to-blob.md, real-to-blob.md, blob-to-integer.md,
blob-to-longint.md, blob-to-real.md, convert-from-text.md,
convert-to-text.md, base64-encode.md, base64-decode.md, generate-uuid.md,
generate-digest.md; API/BlobClass.md; Concepts/dt_blob.md.
"""
import re
import sys

import pytest
from command_calls import Var, raises_code, run

from fourd.api.blob import new_blob
from fourd.commands.registry import STAR
from fourd.runtime.errors import Codes, FourDError
from fourd.runtime.members import functions_of, properties_of
from fourd.runtime.process import current_process
from fourd.runtime.values import Blob4D

MAC_C_STRING, MAC_PASCAL_STRING, MAC_TEXT_WITH_LENGTH, MAC_TEXT_WITHOUT_LENGTH = 0, 1, 2, 3
UTF8_C_STRING, UTF8_TEXT_WITH_LENGTH, UTF8_TEXT_WITHOUT_LENGTH = 4, 5, 6
NATIVE, MACINTOSH, PC = 0, 1, 2
NATIVE_REAL, EXTENDED_REAL, MAC_DOUBLE, PC_DOUBLE = 0, 1, 2, 3



def blob(*byte_values) -> bytearray:
    return bytearray(byte_values)


# --- text-to-blob.md ------------------------------------------------------------

class TestTextToBlob:
    def test_example_sizes(self):
        # SET BLOB SIZE(vxBlob;0) then TEXT TO BLOB("Café";vxBlob;format) for each format
        variable = Var(bytearray())
        sizes = []
        for text_format in range(7):
            run("TEXT TO BLOB", "Café", variable.ref, text_format)
            sizes.append(len(variable.value))
        assert sizes == [5, 5, 6, 4, 6, 9, 5]

    @pytest.mark.parametrize("text_format, text, expected", [
        (UTF8_C_STRING, "", "00"), (UTF8_C_STRING, "Café", "43 61 66 c3 a9 00"),
        (MAC_C_STRING, "", "00"), (MAC_C_STRING, "Café", "43 61 66 8e 00"),
        (MAC_PASCAL_STRING, "", "00"), (MAC_PASCAL_STRING, "Café", "04 43 61 66 8e"),
        (UTF8_TEXT_WITH_LENGTH, "", "00 00 00 00"),
        (UTF8_TEXT_WITH_LENGTH, "Café", "00 00 00 05 43 61 66 c3 a9"),
        (MAC_TEXT_WITH_LENGTH, "", "00 00"), (MAC_TEXT_WITH_LENGTH, "Café", "00 04 43 61 66 8e"),
        (UTF8_TEXT_WITHOUT_LENGTH, "", ""), (UTF8_TEXT_WITHOUT_LENGTH, "Café", "43 61 66 c3 a9"),
        (MAC_TEXT_WITHOUT_LENGTH, "", ""), (MAC_TEXT_WITHOUT_LENGTH, "Café", "43 61 66 8e"),
    ])
    def test_format_table(self, text_format, text, expected):
        variable = Var(blob(9, 9, 9, 9, 9, 9, 9, 9, 9, 9))
        run("TEXT TO BLOB", text, variable.ref, text_format)  # replaces the contents
        assert variable.value.hex(" ") == expected

    def test_default_format_is_mac_c_string(self):
        variable = Var(bytearray())
        run("TEXT TO BLOB", "Café", variable.ref)
        assert variable.value == bytearray(b"Caf\x8e\x00")

    def test_star_appends(self):
        variable = Var(blob(1, 2))
        run("TEXT TO BLOB", "ab", variable.ref, UTF8_TEXT_WITHOUT_LENGTH, STAR)
        assert variable.value == bytearray(b"\x01\x02ab")

    def test_offset_pads_with_zeros_and_advances(self):
        variable, offset = Var(blob(7)), Var(3.0)
        run("TEXT TO BLOB", "ab", variable.ref, UTF8_TEXT_WITHOUT_LENGTH, offset.ref)
        assert variable.value == bytearray(b"\x07\x00\x00ab")
        assert offset.value == 5.0

    def test_offset_out_of_range(self):
        raises_code(Codes.BLOB_OUT_OF_RANGE, "TEXT TO BLOB", "a", Var(bytearray()).ref,
                    UTF8_TEXT_WITHOUT_LENGTH, Var(-1.0).ref)
        raises_code(Codes.BLOB_OUT_OF_RANGE, "TEXT TO BLOB", "a", Var(bytearray()).ref,
                    UTF8_TEXT_WITHOUT_LENGTH, Var(1e12).ref)

    def test_a_blob_larger_than_2_gb_is_error_108(self):
        # dt_blob.md: up to 2147483647 bytes; set-blob-size.md: -108 when it cannot be resized
        variable = Var(bytearray())
        raises_code(Codes.MEMORY, "TEXT TO BLOB", "ab", variable.ref, UTF8_TEXT_WITHOUT_LENGTH,
                    Var(2147483647.0).ref)
        assert variable.value == bytearray()

    def test_4d_blob_cannot_be_modified(self):
        # dt_blob.md: TEXT TO BLOB alters the blob, it does not support 4D.Blob
        raises_code(Codes.TYPE_MISMATCH, "TEXT TO BLOB", "x", Var(Blob4D(b"")).ref, UTF8_C_STRING)

    def test_unknown_format(self):
        raises_code(Codes.TYPE_MISMATCH, "TEXT TO BLOB", "x", Var(bytearray()).ref, 7)


# --- blob-to-text.md ---------------------------------------------------------------

class TestBlobToText:
    @pytest.mark.parametrize("text_format", [MAC_C_STRING, MAC_PASCAL_STRING, MAC_TEXT_WITH_LENGTH,
                                             UTF8_C_STRING, UTF8_TEXT_WITH_LENGTH])
    def test_round_trip_with_offset(self, text_format):
        variable = Var(bytearray())
        run("TEXT TO BLOB", "Café", variable.ref, text_format, STAR)
        run("TEXT TO BLOB", "Été", variable.ref, text_format, STAR)
        offset = Var(0.0)
        first = run("BLOB to text", variable.value, text_format, offset.ref)
        second = run("BLOB to text", variable.value, text_format, offset.ref)
        assert (first, second) == ("Café", "Été")
        assert offset.value == len(variable.value)

    def test_without_length_reads_the_given_number_of_characters(self):
        data = bytearray("CaféCrème".encode())
        offset = Var(0.0)
        assert run("BLOB to text", data, UTF8_TEXT_WITHOUT_LENGTH, offset.ref, 4) == "Café"
        assert offset.value == 5.0  # bytes read
        assert run("BLOB to text", data, UTF8_TEXT_WITHOUT_LENGTH, offset.ref, 5) == "Crème"

    def test_reads_a_4d_blob(self):
        assert run("BLOB to text", Blob4D(b"hi\x00"), UTF8_C_STRING) == "hi"

    def test_offset_past_the_end_gives_empty_text(self):
        offset = Var(10.0)
        assert run("BLOB to text", bytearray(b"abc"), UTF8_C_STRING, offset.ref) == ""
        assert offset.value == 10.0

    def test_truncated_length_reads_what_is_there(self):
        assert run("BLOB to text", bytearray(b"\x00\x00\x00\x09ab"), UTF8_TEXT_WITH_LENGTH) == "ab"


# --- blob-size.md, set-blob-size.md, copy-blob.md, insert/delete ---------------------

class TestSizeAndBytes:
    def test_blob_size_example(self):
        # SET BLOB SIZE(myBlob;BLOB size(myBlob)+100) adds 100 bytes
        variable = Var(blob(1, 2, 3))
        run("SET BLOB SIZE", variable.ref, run("BLOB size", variable.value) + 100)
        assert run("BLOB size", variable.value) == 103
        assert variable.value[:3] == blob(1, 2, 3) and not any(variable.value[3:])

    def test_blob_size_of_4d_blob_and_empty(self):
        assert run("BLOB size", Blob4D(b"abcd")) == 4
        assert run("BLOB size", bytearray()) == 0

    def test_set_blob_size_filler_example(self):
        # SET BLOB SIZE(vxData;16*1024;0xFF)
        variable = Var(bytearray())
        run("SET BLOB SIZE", variable.ref, 16 * 1024, 0xFF)
        assert variable.value == bytearray(b"\xff" * 16384)

    def test_set_blob_size_shrinks_and_frees(self):
        variable = Var(blob(1, 2, 3))
        run("SET BLOB SIZE", variable.ref, 1)
        assert variable.value == blob(1)
        run("SET BLOB SIZE", variable.ref, 0)
        assert variable.value == bytearray()

    def test_set_blob_size_of_4d_blob_is_refused(self):
        raises_code(Codes.TYPE_MISMATCH, "SET BLOB SIZE", Var(Blob4D(b"ab")).ref, 1)

    def test_copy_blob_resizes_the_destination(self):
        target = Var(blob(9))
        run("COPY BLOB", Blob4D(b"abcdef"), target.ref, 2, 3, 3)
        assert target.value == bytearray(b"\x09\x00\x00cde")

    def test_copy_blob_past_the_source(self):
        raises_code(Codes.BLOB_OUT_OF_RANGE, "COPY BLOB", bytearray(b"ab"), Var(bytearray()).ref, 1, 0, 5)

    def test_insert_in_blob(self):
        variable = Var(blob(1, 2, 3))
        run("INSERT IN BLOB", variable.ref, 1, 2)
        assert variable.value == blob(1, 0, 0, 2, 3)
        run("INSERT IN BLOB", variable.ref, 5, 1, 0x1FF)  # filler modulo 256
        assert variable.value == blob(1, 0, 0, 2, 3, 0xFF)

    def test_delete_from_blob(self):
        variable = Var(blob(1, 2, 3, 4))
        run("DELETE FROM BLOB", variable.ref, 1, 2)
        assert variable.value == blob(1, 4)
        raises_code(Codes.BLOB_OUT_OF_RANGE, "DELETE FROM BLOB", variable.ref, 1, 5)


# --- integer-to-blob.md, longint-to-blob.md, blob-to-integer.md, blob-to-longint.md ---

class TestIntegers:
    def test_integer_example_1_offset(self):
        variable, offset = Var(bytearray(100)), Var(50.0)
        run("INTEGER TO BLOB", 518, variable.ref, MACINTOSH, offset.ref)
        assert len(variable.value) == 100
        assert (variable.value[50], variable.value[51]) == (0x02, 0x06)
        assert offset.value == 52

    def test_integer_examples_2_and_5_byte_orders(self):
        variable = Var(bytearray(10))
        run("INTEGER TO BLOB", 0x0206, variable.ref, PC)
        assert variable.value == blob(0x06, 0x02)
        run("INTEGER TO BLOB", 0x0206, variable.ref, MACINTOSH)
        assert variable.value == blob(0x02, 0x06)

    def test_integer_example_3_append(self):
        variable = Var(bytearray(100))
        run("INTEGER TO BLOB", 0x0206, variable.ref, PC, STAR)
        assert len(variable.value) == 102 and variable.value[100:] == blob(0x06, 0x02)

    def test_integer_example_4_native(self):
        variable = Var(bytearray())
        run("INTEGER TO BLOB", 0x0206, variable.ref, NATIVE)
        expected = blob(0x06, 0x02) if sys.byteorder == "little" else blob(0x02, 0x06)
        assert variable.value == expected

    def test_longint_examples(self):
        variable = Var(bytearray())
        run("LONGINT TO BLOB", 0x01020304, variable.ref, MACINTOSH)
        assert variable.value == blob(1, 2, 3, 4)
        run("LONGINT TO BLOB", 0x01020304, variable.ref, PC)
        assert variable.value == blob(4, 3, 2, 1)
        variable = Var(bytearray(100))
        run("LONGINT TO BLOB", 0x01020304, variable.ref, PC, STAR)
        assert len(variable.value) == 104 and variable.value[100:] == blob(4, 3, 2, 1)
        variable, offset = Var(bytearray(100)), Var(50.0)
        run("LONGINT TO BLOB", 0x01020304, variable.ref, MACINTOSH, offset.ref)
        assert len(variable.value) == 100 and variable.value[50:54] == blob(1, 2, 3, 4)
        assert offset.value == 54

    def test_read_back_20_values_from_0x200(self):
        data = Var(bytearray(0x200))
        for i in range(20):
            run("LONGINT TO BLOB", i - 10, data.ref, PC, STAR)
        offset = Var(float(0x200))
        values = [run("BLOB to longint", data.value, PC, offset.ref) for _ in range(20)]
        assert values == list(range(-10, 10))
        assert offset.value == 0x200 + 80

    def test_integer_is_two_bytes_signed(self):
        variable = Var(bytearray())
        run("INTEGER TO BLOB", 40000, variable.ref, MACINTOSH)
        assert run("BLOB to integer", variable.value, MACINTOSH) == 40000 - 65536

    def test_reading_past_the_end_is_error_111(self):
        raises_code(Codes.BLOB_OUT_OF_RANGE, "BLOB to integer", blob(1), MACINTOSH)
        raises_code(Codes.BLOB_OUT_OF_RANGE, "BLOB to longint", blob(1, 2, 3, 4), PC, Var(1.0).ref)
        raises_code(Codes.BLOB_OUT_OF_RANGE, "BLOB to longint", bytearray(), PC)

    def test_unknown_byte_order(self):
        raises_code(Codes.TYPE_MISMATCH, "BLOB to integer", blob(1, 2), 3)


# --- real-to-blob.md, blob-to-real.md ----------------------------------------------------

class TestReals:
    @pytest.mark.parametrize("real_format, size", [(EXTENDED_REAL, 10), (NATIVE_REAL, 8),
                                                    (MAC_DOUBLE, 8), (PC_DOUBLE, 8)])
    def test_sizes_and_round_trip(self, real_format, size):
        variable = Var(bytearray(3))
        run("REAL TO BLOB", -1234.5678, variable.ref, real_format)
        assert len(variable.value) == size
        assert run("BLOB to real", variable.value, real_format) == -1234.5678

    def test_example_4_offset(self):
        variable, offset = Var(bytearray(100)), Var(50.0)
        run("REAL TO BLOB", 1.5, variable.ref, PC_DOUBLE, offset.ref)
        assert len(variable.value) == 100 and offset.value == 58
        assert variable.value[50:58] == bytearray(b"\x00\x00\x00\x00\x00\x00\xf8\x3f")

    def test_example_6_append_extended(self):
        variable = Var(bytearray(100))
        run("REAL TO BLOB", 1.0, variable.ref, EXTENDED_REAL, STAR)
        assert len(variable.value) == 110
        assert variable.value[100:] == bytearray(b"\x3f\xff\x80\x00\x00\x00\x00\x00\x00\x00")

    @pytest.mark.parametrize("value", [0.0, -0.0, 5e-324, 1.7976931348623157e308, float("inf")])
    def test_extended_edge_values(self, value):
        variable = Var(bytearray())
        run("REAL TO BLOB", value, variable.ref, EXTENDED_REAL)
        assert run("BLOB to real", variable.value, EXTENDED_REAL) == value

    def test_reading_past_the_end(self):
        raises_code(Codes.BLOB_OUT_OF_RANGE, "BLOB to real", bytearray(9), EXTENDED_REAL)


# --- convert-from-text.md, convert-to-text.md, BlobClass.md example -------------------

class TestCharsets:
    @pytest.mark.parametrize("charset, text", [
        ("ISO-8859-1", "Café"), ("latin1", "Café"), (4, "Café"), ("windows-1252", "Café €"),
        ("MacRoman", "Café"), (2027, "Café"), ("UTF-16BE", "Café"), (1013, "Café"), ("UTF-8", "Café"),
        (106, "Café"), ("Shift_JIS", "日本語"), (17, "日本語"), ("UTF-32", "Ça"), ("koi8-r", "Привет"),
    ])
    def test_round_trip_by_name_and_number(self, charset, text):
        variable = Var(bytearray())
        run("CONVERT FROM TEXT", text, charset, variable.ref)
        assert current_process().vars["ok"] == 1
        assert run("Convert to text", variable.value, charset) == text

    def test_bytes_of_known_sets(self):
        variable = Var(bytearray())
        run("CONVERT FROM TEXT", "é", "ISO-8859-1", variable.ref)
        assert variable.value == blob(0xE9)
        run("CONVERT FROM TEXT", "é", "UTF-16BE", variable.ref)
        assert variable.value == blob(0x00, 0xE9)

    def test_unknown_charset_sets_ok_to_0(self):
        variable = Var(bytearray(b"x"))
        run("CONVERT FROM TEXT", "Café", "no-such-set", variable.ref)
        assert current_process().vars["ok"] == 0 and variable.value == bytearray(b"x")
        assert run("Convert to text", bytearray(b"x"), 99999) == ""
        assert current_process().vars["ok"] == 0

    def test_bom_overrides_the_charset(self):
        assert run("Convert to text", bytearray(b"\xef\xbb\xbfCaf\xc3\xa9"), "UTF-8") == "Café"
        assert run("Convert to text", bytearray(b"\xff\xfeA\x00"), "UTF-16BE") == "A"

    def test_blob_class_example(self):
        # var $myBlob : 4D.Blob; CONVERT FROM TEXT("Hello, World!"; "UTF-8"; $myBlob)
        variable = Var(None)
        run("CONVERT FROM TEXT", "Hello, World!", "UTF-8", variable.ref)
        my_blob = variable.value
        assert isinstance(my_blob, Blob4D)
        assert run("Convert to text", my_blob, "UTF-8") == "Hello, World!"
        my_new_blob = functions_of(Blob4D)["slice"](my_blob, 0, 5)
        assert run("Convert to text", my_new_blob, "UTF-8") == "Hello"


# --- base64-encode.md, base64-decode.md ------------------------------------------------

class TestBase64:
    def test_encode_text_in_place(self):
        variable = Var("Café")
        run("BASE64 ENCODE", variable.ref)
        assert variable.value == "Q2Fmw6k="  # the UTF-8 of the text

    def test_encode_blob_into_text_and_back(self):
        # The base64-decode.md example: BLOB -> Base64 text -> BLOB
        source, text, target = Var(bytearray(range(256))), Var(""), Var(bytearray())
        run("BASE64 ENCODE", source.ref, text.ref)
        assert source.value == bytearray(range(256))  # not modified
        assert re.fullmatch(r"[A-Za-z0-9+/]+=*", text.value)
        run("BASE64 DECODE", text.ref, target.ref)
        assert target.value == bytearray(range(256))

    def test_blob_in_place(self):
        variable = Var(bytearray(b"\xfb\xff"))
        run("BASE64 ENCODE", variable.ref)
        assert variable.value == bytearray(b"+/8=")
        run("BASE64 DECODE", variable.ref)
        assert variable.value == bytearray(b"\xfb\xff")

    def test_base64url(self):
        variable = Var(bytearray(b"\xfb\xff"))
        run("BASE64 ENCODE", variable.ref, STAR)
        assert variable.value == bytearray(b"-_8")
        text = Var("-_8")
        run("BASE64 DECODE", text.ref, Var(bytearray()).ref, STAR)
        decoded = Var(bytearray())
        run("BASE64 DECODE", text.ref, decoded.ref, STAR)
        assert decoded.value == bytearray(b"\xfb\xff")

    def test_decoded_into_text_is_utf8(self):
        text = Var("")
        run("BASE64 DECODE", "Q2Fmw6k=", text.ref)
        assert text.value == "Café"

    @pytest.mark.parametrize("invalid", ["Q2Fm*w6k=", "abc=d", "=="])
    def test_invalid_base64_gives_empty_value(self, invalid):
        text, data = Var("previous"), Var(bytearray(b"previous"))
        run("BASE64 DECODE", invalid, text.ref)
        run("BASE64 DECODE", invalid, data.ref)
        assert text.value == "" and data.value == bytearray()

    def test_line_breaks_are_ignored(self):
        text = Var("")
        run("BASE64 DECODE", "Q2Fm\r\nw6k=", text.ref)
        assert text.value == "Café"


# --- generate-uuid.md, generate-digest.md -----------------------------------------------

class TestUuidAndDigest:
    def test_uuid_v4_is_32_hex_characters(self):
        first, second = run("Generate UUID"), run("Generate UUID", 4)
        assert re.fullmatch(r"[0-9A-F]{32}", first) and first != second
        assert first[12] == "4"

    def test_uuid_v7_orders_chronologically(self):
        uuids = [run("Generate UUID", 7) for _ in range(3)]
        assert all(re.fullmatch(r"[0-9A-F]{12}7[0-9A-F]{3}[89AB][0-9A-F]{15}", u) for u in uuids)
        assert [u[:12] for u in uuids] == sorted(u[:12] for u in uuids)

    def test_uuid_other_version(self):
        raises_code(Codes.TYPE_MISMATCH, "Generate UUID", 5)

    def test_digest_examples(self):
        text = "The quick brown fox jumps over the lazy dog."
        assert run("Generate digest", text, 0) == "e4d909c290d0fb1ca068ffaddf22cbd0"
        assert run("Generate digest", text, 1) == "408d94384216f890ff7a0c3528e8bed1e0b01621"

    def test_empty_md5_is_not_void(self):
        assert run("Generate digest", bytearray(), 0) == "d41d8cd98f00b204e9800998ecf8427e"
        assert run("Generate digest", "", 0) == "d41d8cd98f00b204e9800998ecf8427e"

    def test_sha2_lengths_and_base64url(self):
        assert len(run("Generate digest", Blob4D(b"x"), 3)) == 64
        assert len(run("Generate digest", "x", 4)) == 128
        assert run("Generate digest", "", 0, STAR) == "1B2M2Y8AsgTpgAmY7PhCfg"

    def test_obsolete_4d_digest(self):
        raises_code(Codes.TYPE_MISMATCH, "Generate digest", "x", 2)


# --- API/BlobClass.md -------------------------------------------------------------------

class TestBlobClass:
    size = staticmethod(properties_of(Blob4D)["size"])
    slice = staticmethod(functions_of(Blob4D)["slice"])

    def test_new(self):
        assert new_blob().data == b""
        scalar = bytearray(b"abc")
        copy = new_blob(scalar)
        scalar[0] = 0x7A
        assert copy.data == b"abc"  # a copy of the data
        other = new_blob(copy)
        assert other is not copy and other.data == b"abc"

    def test_new_with_wrong_type(self):
        with pytest.raises(FourDError) as info:
            new_blob("text")
        assert info.value.code == Codes.TYPE_MISMATCH

    def test_size_is_a_real(self):
        assert self.size(Blob4D(b"abcd")) == 4.0 and type(self.size(Blob4D())) is float

    @pytest.mark.parametrize("args, expected", [
        ((), b"0123456789"), ((3,), b"3456789"), ((3, 5), b"34"), ((-3,), b"789"),
        ((0, -8), b"01"), ((20,), b""), ((5, 2), b""), ((-20, 2), b"01"), ((2.7, 4.2), b"23"),
    ])
    def test_slice(self, args, expected):
        source = Blob4D(b"0123456789")
        assert self.slice(source, *args).data == expected
        assert source.data == b"0123456789"  # not altered

    def test_slice_with_wrong_type(self):
        with pytest.raises(FourDError) as info:
            self.slice(Blob4D(b"ab"), "1")
        assert info.value.code == Codes.TYPE_MISMATCH
