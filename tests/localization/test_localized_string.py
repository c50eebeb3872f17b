"""Localized string, Get/SET DATABASE LOCALIZATION, Localized document path
on a scratch project with Resources/fr.lproj, fr_ca.lproj and en.lproj
(commands-legacy/localized-string.md, set-database-localization.md,
get-database-localization.md, localized-document-path.md)."""
import pytest

XLIFF = '''<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en-US" target-language="{language}" datatype="plaintext" original="x">
    <body>
      <group resname="g">
{units}
      </group>
    </body>
  </file>
</xliff>
'''


def unit(resname: str, source: str, target: str | None = None) -> str:
    target_element = f"<target>{target}</target>" if target is not None else ""
    return f'<trans-unit id="{resname}" resname="{resname}"><source>{source}</source>{target_element}</trans-unit>'


@pytest.fixture
def localized(fourd, monkeypatch):
    resources = fourd.root / "Resources"
    for language, units in {
        "en": [unit("Shopping", "Shopping"), unit("Show on disk", "Show on disk"), unit("only_en", "English only")],
        "fr": [unit("Shopping", "Shopping", "Faire les courses"),
               unit("Show on disk", "Show on disk", "Montrer sur le disque"), unit("été", "Summer", "Été")],
        "fr_ca": [unit("Shopping", "Shopping", "Magasiner")],
    }.items():
        folder = resources / f"{language}.lproj"
        folder.mkdir(parents=True)
        (folder / "strings.xlf").write_text(XLIFF.format(language=language, units="\n".join(units)),
                                             encoding="utf-8")
    (resources / "common.xlf").write_text(XLIFF.format(language="en", units=unit("brand", "fourd")),
                                          encoding="utf-8")
    (resources / "fr.lproj" / "xsl").mkdir()
    (resources / "fr.lproj" / "xsl" / "log.xsl").write_text("<x/>", encoding="utf-8")
    (fourd.root / "Project").mkdir(exist_ok=True)
    for variable in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    from fourd.commands import localization
    monkeypatch.setattr(localization, "_state", {})
    return fourd


def test_default_language_is_the_system_one(localized):
    # fr_FR is not a folder: its language without the region is
    assert localized.value('New collection(Get database localization;Get database localization(Current localization);'
                           'Get database localization(User system localization);Localized string("Show on disk"))') == \
        ["fr", "fr", "fr-fr", "Montrer sur le disque"]


def test_set_database_localization_example_2(localized):
    result = localized.run('''
        SET DATABASE LOCALIZATION("fr")
        $out:=New collection(Localized string(":xliff:shopping"))
        SET DATABASE LOCALIZATION("fr-ca")
        $out.push(Localized string("shopping");Get database localization(Current localization);Get database localization)
        // a string fr_ca lacks comes from fr, the language without its region
        $out.push(Localized string("Show on disk"))
        SET DATABASE LOCALIZATION("de")
        $out.push(OK;Get database localization(Current localization))
        SET DATABASE LOCALIZATION("en")
        $out.push(Localized string("Shopping"))
        return $out''').value
    assert result == ["Faire les courses", "Magasiner", "fr-ca", "fr", "Montrer sur le disque", 0, "fr-ca", "Shopping"]


def test_missing_strings_accents_and_common_files(localized):
    result = localized.run('''
        $out:=New collection(Localized string("nope");OK)
        $out.push(Localized string("ETE");Localized string("Été");Localized string("brand");OK)
        return $out''').value
    assert result == ["", 0, "", "Été", "fourd", 1]


def test_english_when_the_system_language_has_no_folder(localized, monkeypatch):
    from fourd.commands import localization
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    monkeypatch.setattr(localization, "_state", {})
    assert localized.value('New collection(Get database localization;Localized string("only_en"))') == \
        ["en", "English only"]


def test_localized_document_path(localized):
    result = localized.run('''
        SET DATABASE LOCALIZATION("fr-ca")
        return New collection(Localized document path("xsl/log.xsl");Localized document path("none.txt"))''').value
    assert result[0].endswith("Resources/fr.lproj/xsl/log.xsl") and result[1] == ""


def test_no_resources_folder(fourd, monkeypatch):
    from fourd.commands import localization
    monkeypatch.setattr(localization, "_state", {})
    monkeypatch.setenv("LC_ALL", "C")
    assert fourd.value('New collection(Localized string("x");OK;Get database localization)') == ["", 0, "en"]


def test_former_name_get_localized_string(localized):
    # Localized string was called Get localized string before 4D 20 R7
    assert localized.value('Get localized string("Shopping")') == "Faire les courses"
