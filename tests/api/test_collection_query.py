"""collection.query() and collection.indices() against their documentation.

API/CollectionClass.md (#query, #indices) gives the examples; the query
string syntax it refers to is that of API/DataClassClass.md (#query, 4D 21):
comparators, placeholders, quotes, parentheses, null values, "not equal to"
on null and in collections, linked collection arguments, order by.
"""
import pytest

from fourd.runtime.errors import Codes
from fourd.runtime.values import Date, Obj

from collection_helpers import C, O, call, cities, py, raises_code, same_group


def names(coll):
    return [element["name"] for element in coll]


@pytest.fixture(name="cities")
def cities_fixture():
    return cities()


@pytest.fixture
def people():
    """The collection of query() example 2."""
    return C(O("name", "Smith", "dateHired", Date(2002, 5, 22), "age", 45),
             O("name", "Wesson", "dateHired", Date(2017, 11, 30)),
             O("name", "Winch", "dateHired", Date(2018, 5, 16), "age", 36),
             O("name", "Sterling", "dateHired", Date(1999, 5, 10), "age", None),
             O("name", "Mark", "dateHired", Date(2002, 1, 1)))


# ---------------------------------------------------------------- page examples

def test_query_example_1(cities):
    assert py(call(cities, "query", "name = :1", "Cleveland")) == [{"name": "Cleveland", "zc": 35049}]
    assert py(call(cities, "query", "zc > 35040")) == [
        {"name": "Cleveland", "zc": 35049}, {"name": "Clanton", "zc": 35046}, {"name": "Clanton", "zc": 35045}]


def test_query_example_1_returns_the_elements_themselves(cities):
    assert call(cities, "query", "name = Adger")[0] is cities[2]


def test_indices_example(cities):
    assert py(call(cities, "indices", "name = :1", "Cleveland")) == [0]
    assert py(call(cities, "indices", "zc > 35040")) == [0, 3, 4]


def test_query_example_2_contains(people):
    assert names(call(people, "query", "name = :1", "@in@")) == ["Winch", "Sterling"]


def test_query_example_2_does_not_begin_with(people):
    assert names(call(people, "query", "name # :1", "W" + "@")) == ["Smith", "Sterling", "Mark"]


def test_query_example_2_null_or_undefined(people):
    assert names(call(people, "query", "age=null")) == ["Wesson", "Sterling", "Mark"]


def test_query_example_2_dates(people):
    today = Date(2018, 1, 10)  # "if today is 01/10/2018"
    assert names(call(people, "query", "dateHired < :1", Date.from_ordinal(today.ordinal() - 90))) == [
        "Smith", "Sterling", "Mark"]


def test_query_example_3_date_given_as_text(people):
    assert names(call(people, "query", "dateHired > :1", "2010-01-01")) == ["Wesson", "Winch"]
    assert names(call(people, "query", "dateHired <= '2002-01-01'")) == ["Sterling", "Mark"]


def test_query_placeholders_for_attribute_and_value():
    col = C(O("city", "Chicago"), O("city", "Paris"))
    assert py(call(col, "query", ":1=:2", "city", "Chicago")) == [{"city": "Chicago"}]
    settings = Obj(attributes=O("att", "city"), parameters=O("name", "Chicago"))
    assert py(call(col, "query", ":att=:name", settings)) == [{"city": "Chicago"}]


def test_query_with_quotes_and_user_input(cities):
    assert names(call(cities, "query", "name = 'Adger' AND zc = 35006")) == ["Adger"]
    user_input = "smith OR status='private'"
    col = C(O("status", "public", "name", "smith"), O("status", "private", "name", "x"))
    assert py(call(col, "query", "status='public' & name=:1", user_input)) == []
    assert py(call(C(O("name", "John's Pizzas")), "query", "name = :1", "John's Pizzas")) == [
        {"name": "John's Pizzas"}]


def test_query_parentheses():
    col = C(O("age", 25, "salary", 9000, "status", "Manager"), O("age", 40, "salary", 20000, "status", "x"),
            O("age", 70, "salary", 5000, "status", "Staff"))
    query = "(age >= 30 OR age <= 65) AND (salary <= 10000 OR status = 'Manager')"
    assert py(call(col, "query", query)) == py(C(col[0], col[2]))


def test_query_object_and_collection_references():
    o1 = O("a", 1)
    o2 = O("a", 1)
    col = C(O("o", o1), O("o", o2), O("o", o1))
    result = call(col, "query", "o = :v", Obj(parameters=Obj(v=o1)))
    assert len(result) == 2 and all(element["o"] is o1 for element in result)
    c1, c2 = C(1, 2, 3), C(1, 2, 3)
    col = C(O("c", c1), O("c", c2), O("c", c1))
    result = call(col, "query", "c = :v", Obj(parameters=Obj(v=c1)))
    assert len(result) == 2 and all(element["c"] is c1 for element in result)
    assert call(col, "query", "c # :v", Obj(parameters=Obj(v=c1)))[0] is col[1]


def test_query_null_through_a_placeholder_finds_nothing(people):
    assert py(call(people, "query", "age = :1", None)) == []  # "will NOT work"


def test_query_empty_result(cities):
    assert py(call(cities, "query", "name = 'Paris'")) == []


# ---------------------------------------------------------------- comparators

@pytest.fixture
def words():
    return C(O("w", "Alpha"), O("w", "alpha"), O("w", "al@ha"), O("w", "Beta"), O("w", "élan"),
             O("w", 3), O("w", None), O("x", 1))


@pytest.mark.parametrize("query, expected", [
    ("w = alpha", ["Alpha", "alpha"]),
    ("w == 'ALPHA'", ["Alpha", "alpha"]),
    ("w = 'al@'", ["Alpha", "alpha", "al@ha"]),          # @ is a wildcard
    ("w === 'al@ha'", ["al@ha"]),                       # @ is a character
    ("w IS 'al@ha'", ["al@ha"]),
    ("w # 'al@'", ["Beta", "élan", 3]),                 # not null / undefined
    ("w != alpha", ["al@ha", "Beta", "élan", 3]),
    ("w !== 'al@ha'", ["Alpha", "alpha", "Beta", "élan", 3]),
    ("w IS NOT 'al@ha'", ["Alpha", "alpha", "Beta", "élan", 3]),
    ("w = elan", ["élan"]),                             # diacritics ignored
    ("w < 'b'", ["Alpha", "alpha", "al@ha"]),
    ("w >= 'beta'", ["Beta", "élan"]),
    ("w > 2", [3]),
    ("w <= 3", [3]),
    ("w = null", [None, "undefined"]),
    ("w # null", ["Alpha", "alpha", "al@ha", "Beta", "élan", 3]),
])
def test_comparators(words, query, expected):
    found = [element.get("w", "undefined") for element in call(words, "query", query)]
    assert found == expected


def test_in_comparator():
    col = C(O("firstName", "Kim"), O("firstName", "Dixie"), O("firstName", "John"), O("firstName", "Jane"))
    assert [o["firstName"] for o in call(col, "query", "firstName in :1", C("Kim", "Dixie"))] == ["Kim", "Dixie"]
    assert [o["firstName"] for o in call(col, "query", 'firstName IN ["j@", "Kim"]')] == ["Kim", "John", "Jane"]
    assert [o["firstName"] for o in call(col, "query", "not (firstName in :1)", C("John", "Jane"))] == [
        "Kim", "Dixie"]
    assert py(call(C(O("n", 2), O("n", 5)), "indices", "n in [1, 2, 3]")) == [0]


def test_keyword_comparator():
    col = C(O("t", "Alpha Bravo Charlie"), O("t", "Alpha,Bravo"), O("t", "Software and Computers"))
    assert py(call(col, "indices", "t % Bravo")) == [0, 1]
    assert py(call(col, "indices", "t % vo")) == []
    assert py(call(col, "indices", "t % 'comput@'")) == [2]


def test_text_value_converted_to_the_attribute_type():
    col = C(O("n", 20), O("n", "20"), O("n", 21))
    assert py(call(col, "indices", "n = :1", "20")) == [0, 1]
    assert py(call(col, "indices", "n = 20")) == [0]
    assert py(call(col, "indices", "n > '20'")) == [2]


def test_booleans():
    col = C(O("married", True), O("married", False), O("married", None), O("x", 1))
    assert py(call(col, "indices", "married = true")) == [0]
    # DataClassClass.md: "#" does not return null or undefined attributes.
    assert py(call(col, "indices", "married#true")) == [1]
    assert py(call(col, "indices", "married#true | married=null")) == [1, 2, 3]


# ---------------------------------------------------------------- logical operators

@pytest.fixture
def grid():
    return C(*(O("a", a, "b", b) for a in (1, 2) for b in (1, 2)))


@pytest.mark.parametrize("query, expected", [
    ("a = 1 & b = 1", [0]),
    ("a = 1 && b = 1", [0]),
    ("a = 1 and b = 1", [0]),
    ("a = 1 AND b = 1", [0]),
    ("a = 1 | b = 1", [0, 1, 2]),
    ("a = 1 || b = 1", [0, 1, 2]),
    ("a = 1 or b = 1", [0, 1, 2]),
    ("a = 1 OR b = 1", [0, 1, 2]),
    ("a = 1 ^ b = 1", [1]),                             # except
    ("not(a = 1)", [2, 3]),
    ("NOT (a = 1 and b = 1)", [1, 2, 3]),
    ("a = 2 or a = 1 and b = 1", [0, 2, 3]),           # AND before OR
    ("(a = 2 or a = 1) and b = 1", [0, 2]),
])
def test_logical_operators(grid, query, expected):
    assert py(call(grid, "indices", query)) == expected


# ---------------------------------------------------------------- paths and placeholders

def test_nested_property_paths():
    col = C(O("employee", O("name", "smith", "firstname", "john")), O("employee", O("name", "smith")), 42)
    query = "employee.name = 'smith' AND employee.firstname = 'john'"
    assert py(call(col, "indices", query)) == [0]


def test_named_placeholders_with_paths_in_parameters():
    col = C(O("userId", 1234, "name", "Smith"), O("userId", 1234, "name", "Jones"))
    settings = Obj(parameters=Obj(userId=1234.0, extraInfo=O("name", "Smith")))
    assert py(call(col, "indices", "userId = :userId and name = :extraInfo.name", settings)) == [0]
    settings = Obj(parameters=Obj(userId=1234.0))
    assert py(call(col, "indices", "userId = :userId and name=:1", "Jones", settings)) == [1]


def test_attribute_placeholder_given_as_a_collection():
    """DataClassClass.md example 2: attribute names that dot notation cannot write."""
    col = C(O("name", "Marie", "softwares", O("Word 10.2", "Installed")),
            O("name", "Sophie", "softwares", O("Word 10.2", "Not installed")))
    settings = Obj(attributes=Obj(attName="name", attWord=C("softwares", "Word 10.2")))
    assert py(call(col, "indices", ":attName = 'Marie' and :attWord = 'Installed'", settings)) == [0]


def test_attribute_paths_through_collections():
    col = C(O("name", "a", "hobbies", C(O("name", "tennis", "level", 2), O("name", "golf", "level", 5))),
            O("name", "b", "hobbies", C(O("name", "golf", "level", 2))),
            O("name", "c"))
    assert names(call(col, "query", "hobbies[].name = :1", "golf")) == ["a", "b"]
    # Not linked: "tennis" and level 5 are in different elements of "a".
    assert names(call(col, "query", "hobbies[].name = tennis and hobbies[].level = 5")) == ["a"]
    assert names(call(col, "query", "hobbies[a].name = tennis and hobbies[a].level = 5")) == []
    assert names(call(col, "query", "hobbies[a].name = golf and hobbies[a].level = 2")) == ["b"]


def test_not_equal_in_collections():
    """DataClassClass.md "Not equal to in collections": entities A, B and C."""
    col = C(O("name", "A", "info", O("coll", C(O("val", 1), O("val", 1)))),
            O("name", "B", "info", O("coll", C(O("val", 1), O("val", 0)))),
            O("name", "C", "info", O("coll", C(O("val", 0), O("val", 0)))))
    assert names(call(col, "query", "info.coll[].val = :1", 0.0)) == ["B", "C"]
    assert names(call(col, "query", "info.coll[].val != :1", 0.0)) == ["A"]
    assert names(call(col, "query", "Not(info.coll[].val = :1)", 0.0)) == ["A"]
    assert names(call(col, "query", "info.coll[a].val != :1", 0.0)) == ["A", "B"]


def test_linked_collection_arguments():
    """DataClassClass.md "Linking collection attribute query arguments"."""
    col = C(O("name", "martin", "places", O("locations", C(O("kind", "home", "city", "paris")))),
            O("name", "smith", "places", O("locations", C(O("kind", "home", "city", "lyon"),
                                                          O("kind", "office", "city", "paris")))))
    query = "places.locations[].kind= :1 and places.locations[].city= :2"
    assert names(call(col, "query", query, "home", "paris")) == ["martin", "smith"]
    query = "places.locations[a].kind= :1 and places.locations[a].city= :2"
    assert names(call(col, "query", query, "home", "paris")) == ["martin"]


def test_order_by_in_the_query_string(cities):
    assert names(call(cities, "query", "zc > 35000 order by name desc, zc")) == [
        "Cleveland", "Clanton", "Clanton", "Blountsville", "Adger"]
    assert [o["zc"] for o in call(cities, "query", "name = 'Clanton' order by zc")] == [35045, 35046]
    assert py(call(cities, "indices", "zc > 35040 order by zc")) == [4, 3, 0]


def test_shared_collection_query_is_shared():
    from fourd.commands.collections import new_shared_collection
    from fourd.runtime import shared
    col = new_shared_collection(shared.make_shared(O("n", 1)))
    assert same_group(call(col, "query", "n = 1"), col)


# ---------------------------------------------------------------- errors

@pytest.mark.parametrize("query", [
    "name =",                       # no value
    "name 'Smith'",                 # no comparator
    "= 'Smith'",                    # no path
    "(name = 'Smith'",              # unclosed parenthesis
    "name = 'Smith",                # unterminated quote
    "name = Tiffany & Co.",         # kb.4d.com 78201: "Co." is no condition
    "name = :2",                    # missing placeholder value
    "name = :missing",              # missing named placeholder
    "name = x order by",            # no criteria
])
def test_invalid_query_strings(cities, query):
    raises_code(Codes.QUERY_SYNTAX, call, cities, "query", query, "x")


def test_query_must_be_text(cities):
    raises_code(Codes.QUERY_NOT_TEXT, call, cities, "query", 5.0)
    raises_code(Codes.QUERY_NOT_TEXT, call, cities, "indices", None)


def test_long_queries(cities):
    alternatives = " or ".join(f"zc = {zc}" for zc in range(35000, 37000))
    assert py(call(cities, "indices", alternatives)) == [0, 1, 2, 3, 4]
    raises_code(Codes.QUERY_SYNTAX, call, cities, "query", "(" * 2000 + "zc = 1" + ")" * 2000)
