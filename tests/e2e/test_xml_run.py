"""``fourd run`` of a project that reads an XML file beside its structure,
changes it, writes it back, picks values with Match regex and prints a
localized string from Resources/fr.lproj: the XML DOM, regex and
localization commands end to end."""
import os
import subprocess
import sys
import textwrap


def test_project_with_xml_regex_and_localization(tmp_path):
    sources = tmp_path / "Project" / "Sources" / "Methods"
    sources.mkdir(parents=True)
    (tmp_path / "Project" / "stock.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<stock>\n  <item sku="A-12" qty="3"/>\n  <item sku="B-7" qty="5"/>\n</stock>\n',
        encoding="utf-8")
    for language, text in (("en", "Total"), ("fr", "Total général")):
        folder = tmp_path / "Resources" / f"{language}.lproj"
        folder.mkdir(parents=True)
        (folder / "app.xlf").write_text(
            '<xliff version="1.2"><file source-language="en" target-language="%s"><body>'
            '<trans-unit id="1" resname="total"><source>Total</source><target>%s</target></trans-unit>'
            '</body></file></xliff>' % (language, text), encoding="utf-8")
    (sources / "main.4dm").write_text(textwrap.dedent('''\
        var $root; $sku : Text
        var $qty; $total : Integer
        ARRAY TEXT($items;0)
        ARRAY LONGINT($pos;0)
        ARRAY LONGINT($len;0)
        $root:=DOM Parse XML source("stock.xml")
        $first:=DOM Find XML element($root;"/stock/item";$items)
        For ($i;1;Size of array($items))
          DOM GET XML ATTRIBUTE BY NAME($items{$i};"qty";$qty)
          DOM GET XML ATTRIBUTE BY NAME($items{$i};"sku";$sku)
          If (Match regex("([A-Z])-(\\\\d+)";$sku;1;$pos;$len))
            ALERT(Substring($sku;$pos{2};$len{2})+Substring($sku;$pos{1};$len{1}))
          End if
          $total:=$total+$qty
        End for
        $sum:=DOM Create XML element($root;"total";"value";$total)
        DOM EXPORT TO FILE($root;"stock-out.xml")
        DOM CLOSE XML($root)
        ALERT(Localized string("total")+": "+String($total))
        '''), encoding="utf-8")
    env = {**os.environ, "LANG": "fr_FR.UTF-8"}
    env.pop("LC_ALL", None)
    env.pop("LC_MESSAGES", None)
    result = subprocess.run([sys.executable, "-m", "fourd", "run", str(tmp_path), "--method", "main"],
                            capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["12A", "7B", "Total général: 8"]
    assert (tmp_path / "Project" / "stock-out.xml").read_text(encoding="utf-8") == (
        '<?xml version="1.0" encoding="UTF-8" standalone="no" ?>\n<stock>\n\n'
        '  <item qty="3" sku="A-12"/>\n\n  <item qty="5" sku="B-7"/>\n\n  <total value="8"/>\n\n</stock>\n')
