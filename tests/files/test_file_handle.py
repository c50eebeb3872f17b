"""``4D.FileHandle`` (API/FileHandleClass.md, API/FileClass.md ``.open()``) on real files:
modes, text/line/blob reads and writes, offsets, sizes, break modes, charsets,
release of the file, and large files streamed in bounded memory."""
import codecs
import gc
import os
import time
import tracemalloc

import pytest


def test_write_append_read_lines(fourd):
    run = fourd.run('''
        $f:=File("/PACKAGE/example.txt")
        $h:=$f.open("write")
        For ($line; 1; 4)
            $h.writeLine("Hello World"+String($line))
        End for
        $h:=$f.open("append")
        $h.writeLine("Hello New World!")
        $h:=Null
        $lines:=New collection
        $h:=$f.open("read")
        While (Not($h.eof))
            $lines.push($h.readLine())
        End while
        return New collection($lines; $h.mode; $h.charset; $h.breakModeRead; $h.breakModeWrite; $h.offset)''')
    lines, mode, charset, read, write, offset = run.value
    assert lines == ["Hello World1", "Hello World2", "Hello World3", "Hello World4", "Hello New World!"]
    assert (mode, charset, read, write) == ("read", "UTF-8", "native", "native")
    assert offset == os.path.getsize(fourd.root / "example.txt")
    assert (fourd.root / "example.txt").read_bytes().count(b"\n") == 5


def test_options_object_break_modes_and_charset(fourd):
    run = fourd.run('''
        $f:=File("/PACKAGE/opts.txt")
        $h:=$f.open(New object("mode"; "write"; "charset"; "ISO-8859-1"; "breakModeWrite"; Document with CRLF))
        $h.writeLine("thé")
        $h.writeText("a\\nb")
        $props:=New collection($h.breakModeWrite; $h.charset)
        $h:=Null
        $r:=$f.open(New object("charset"; "ISO-8859-1"; "breakModeRead"; "cr"))
        return New collection($props; $r.readText(); $r.breakModeRead)''')
    assert run.value == [["crlf", "ISO-8859-1"], "thé\ra\rb", "cr"]
    assert (fourd.root / "opts.txt").read_bytes() == b"th\xe9\r\na\r\nb"


def test_read_text_with_stop_string(fourd):
    fourd.root.mkdir(parents=True, exist_ok=True)
    (fourd.root / "s.txt").write_bytes(b"Hello World! Bye!\r\nend")
    run = fourd.run('''
        $h:=File("/PACKAGE/s.txt").open(New object("breakModeRead"; Document with LF))
        $a:=$h.readText("!")
        $o1:=$h.offset
        $missing:=$h.readText("#")
        $o2:=$h.offset
        $rest:=$h.readText()
        return New collection($a; $o1; $missing; $o2; $rest; $h.eof)''')
    assert run.value == ["Hello World", 12, "", 12, " Bye!\nend", True]


def test_lines_end_at_crlf_cr_lf_and_bom_is_skipped(fourd):
    fourd.root.mkdir(parents=True, exist_ok=True)
    (fourd.root / "mixed.txt").write_bytes(codecs.BOM_UTF8 + "un\r\ndeux\rtrois\nquatre€".encode())
    assert fourd.value('$lines', '''
        $h:=File("/PACKAGE/mixed.txt").open()
        $lines:=New collection
        While (Not($h.eof))
            $lines.push($h.readLine())
        End while''') == ["un", "deux", "trois", "quatre€"]


def test_utf16_lines_are_aligned(fourd):
    fourd.root.mkdir(parents=True, exist_ok=True)
    text = "\u0a0a\nline two\r\n"            # U+0A0A holds the bytes of LF in UTF-16
    (fourd.root / "u16.txt").write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert fourd.value('New collection($h.readLine(); $h.readLine(); $h.eof)',
                       '$h:=File("/PACKAGE/u16.txt").open(New object("charset"; "UTF-16LE"))') == \
        ["\u0a0a", "line two", True]


def test_blobs_offset_size(fourd):
    run = fourd.run('''
        var $b : Blob
        SET BLOB SIZE($b; 10; 65)
        $f:=File("/PACKAGE/b.bin")
        $h:=$f.open("write")
        $h.writeBlob($b)
        $h.offset:=2
        $h.writeBlob(4D.Blob.new($b).slice(0; 3))
        $size:=$h.getSize()
        $h.offset:=-5
        $o1:=$h.offset
        $h.offset:=1000
        $o2:=$h.offset
        $h.setSize(4)
        $o3:=$h.offset
        $h.offset:=0
        $read:=$h.readBlob(100)
        return New collection($size; $o1; $o2; $o3; $read.size; $h.eof; $f.size)''')
    assert run.value == [10, 0, 10, 4, 4, True, 4]
    assert (fourd.root / "b.bin").read_bytes() == b"AAAA"


def test_write_does_not_truncate_and_append_starts_at_the_end(fourd):
    fourd.root.mkdir(parents=True, exist_ok=True)
    (fourd.root / "w.txt").write_bytes(b"0123456789")
    fourd.run('$h:=File("/PACKAGE/w.txt").open("write")\n$h.writeText("ab")\n'
              '$h:=File("/PACKAGE/w.txt").open("append")\n$h.writeText("Z")')
    assert (fourd.root / "w.txt").read_bytes() == b"ab23456789Z"


def test_errors(fourd):
    assert fourd.error('$h:=File("/PACKAGE/none.txt").open("read")').code == -43
    assert fourd.error('$h:=File("/PACKAGE/x.txt").open("Write")').code == 15       # mode is case-sensitive
    fourd.root.mkdir(parents=True, exist_ok=True)
    (fourd.root / "r.txt").write_text("r")
    assert fourd.error('$h:=File("/PACKAGE/r.txt").open("read")\n$h.writeText("no")').code == -54
    assert fourd.error('$h:=File("/PACKAGE/r.txt").open(New object("charset"; "Klingon"))').code == -10747


def test_a_new_handle_sees_what_others_wrote(fourd):
    assert fourd.value('$r.readText()', '''
        $f:=File("/PACKAGE/two.txt")
        $w:=$f.open("write")
        $w.writeText("one")
        $a:=$f.open("append")
        $a.writeText("+two")
        $r:=$f.open("read")''') == "one+two"


def test_handle_is_closed_when_released(fourd):
    """No reference left: the file is flushed and closed, another writer may open it."""
    run = fourd.run('''
        $f:=File("/PACKAGE/rel.txt")
        $h:=$f.open("write")
        $h.writeText("first")
        $h:=Null
        $size:=$f.size
        $h:=$f.open("write")
        $h.writeText("FIRST")
        return $size''')
    gc.collect()
    assert run.value == 5
    assert (fourd.root / "rel.txt").read_bytes() == b"FIRST"
    fds = os.listdir("/proc/self/fd") if os.path.isdir("/proc/self/fd") else []
    assert not any(os.path.realpath(f"/proc/self/fd/{fd}").endswith("rel.txt") for fd in fds)


def _streamed_copy(fourd, megabytes: int):
    """Write *megabytes* MB through a handle, then read it back by 1 MB blobs;
    (seconds, peak bytes allocated by Python meanwhile)."""
    tracemalloc.start()
    started = time.perf_counter()
    run = fourd.run(f'''
        var $chunk : Blob
        SET BLOB SIZE($chunk; 1024*1024; 120)
        $f:=File("/PACKAGE/big.bin")
        $w:=$f.open("write")
        For ($i; 1; {megabytes})
            $w.writeBlob($chunk)
        End for
        $w:=Null
        $r:=$f.open("read")
        $total:=0
        While (Not($r.eof))
            $total:=$total+$r.readBlob(1024*1024).size
        End while
        return $total''')
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert run.value == megabytes << 20
    assert os.path.getsize(fourd.root / "big.bin") == megabytes << 20
    return elapsed, peak


def test_64_mb_stream_in_bounded_memory(fourd):
    _, peak = _streamed_copy(fourd, 64)
    assert peak < 16 << 20, f"peak {peak} bytes for a 64 MB file"


def test_lines_of_a_large_file_stream_in_bounded_memory(fourd):
    fourd.root.mkdir(parents=True, exist_ok=True)
    line = b"x" * 99 + b"\n"
    with open(fourd.root / "lines.txt", "wb") as out:
        for _ in range(8):
            out.write(line * 10000)                  # 8 MB, 80,000 lines
    tracemalloc.start()
    count = fourd.value('$n', '''
        $h:=File("/PACKAGE/lines.txt").open()
        $n:=0
        While (Not($h.eof))
            $l:=$h.readLine()
            $n:=$n+1
        End while''')
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 80000
    assert peak < 2 << 20, f"peak {peak} bytes for 8 MB of lines"


@pytest.mark.skipif(os.environ.get("FOURD_SLOW_TESTS") != "1", reason="1 GB: set FOURD_SLOW_TESTS=1")
def test_1_gb_stream_in_bounded_memory(fourd):
    elapsed, peak = _streamed_copy(fourd, 1024)
    print(f"1 GB written and read back in {elapsed:.1f} s, Python peak {peak / 1e6:.1f} MB")
    assert peak < 16 << 20
