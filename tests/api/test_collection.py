"""The Collection class against its documentation.

Every example of API/CollectionClass.md (4D 21) whose result is given is a
test named after its function (``test_<function>_example…``); then edge cases
the pages state in words. Concepts/dt_collection.md and
commands/new-collection.md, new-shared-collection.md give the rest.
Queries are in test_collection_query.py.
"""
import pytest

from fourd.api.collection import CK_COUNT_VALUES, CK_DESCENDING, CK_DIACRITICAL, CK_SHARED
from fourd.commands.collections import new_shared_collection
from fourd.runtime import shared
from fourd.runtime.conversions import IS_OBJECT, IS_REAL, IS_TEXT, value_type
from fourd.runtime.errors import Codes
from fourd.runtime.members import properties_of
from fourd.runtime.process import current_process, global_state
from fourd.runtime.values import UNDEFINED, Coll, Date, Obj, Pointer

from collection_helpers import C, F, O, call, cities, py, raises_code, same_group

CK_ASCENDING = 0
CK_KEEP_NULL = 1
CK_RESOLVE_POINTERS = 1
CK_IGNORE_NULL_OR_EMPTY = 1
MAXLONG = 2147483647


def length(coll):
    return properties_of(Coll)["length"](coll)


def split(text):
    """``Split string(text; " ")``: an empty text gives an empty collection."""
    return C(*text.split(" ")) if text else C()


def salaries():
    col = C(200, 150, 55)
    call(col, "push", O("name", "Smith", "salary", 10000))
    call(col, "push", O("name", "Wesson", "salary", 50000))
    call(col, "push", O("name", "Alabama", "salary", 10500))
    return col


def employees(gross_salary):
    """The collection of the average() and sum() examples."""
    return C(O("name", "Smith", "salary", 10000), O("name", "Wesson", "salary", 50000),
             O("name", "Gross", "salary", gross_salary))


# ---------------------------------------------------------------- examples

def test_at_example():
    col = C(10, 20, 30, 40, 50)
    assert call(col, "at", 0.0) == 10
    assert call(col, "at", 1.0) == 20
    assert call(col, "at", -1.0) == 50
    assert call(col, "at", -2.0) == 40
    assert call(col, "at", 10.0) is UNDEFINED


def test_average_examples():
    assert call(C(10, 20, "Monday", True, 6), "average") == 12
    assert call(employees(10500), "average", "salary") == 23500


def test_clear_example():
    col = C(1, 2, 5)
    assert call(col, "clear") is col
    assert length(col) == 0


def test_combine_example():
    c = C(1, 2, 3, 4, 5, 6)
    fruits = C("Orange", "Banana", "Apple", "Grape")
    assert call(c, "combine", fruits, 3.0) is c
    assert py(c) == [1, 2, 3, "Orange", "Banana", "Apple", "Grape", 4, 5, 6]


def test_concat_example():
    c = C(1, 2, 3, 4, 5)
    fruits = C("Orange", "Banana", "Apple", "Grape")
    call(fruits, "push", O("Intruder", "Tomato"))
    assert py(call(c, "concat", fruits)) == [1, 2, 3, 4, 5, "Orange", "Banana", "Apple", "Grape",
                                            {"Intruder": "Tomato"}]
    assert py(call(c, "concat", 6.0, 7.0, 8.0)) == [1, 2, 3, 4, 5, 6, 7, 8]
    assert py(c) == [1, 2, 3, 4, 5]


def test_copy_example_1_and_3_shared_copy_of_a_regular_collection():
    lastnames = C("Smith", "Brown")  # JSON Parse of lastnames.txt
    shared_lastnames = call(lastnames, "copy", CK_SHARED)
    assert shared_lastnames.shared is not None and lastnames.shared is None
    assert py(shared_lastnames) == py(lastnames)
    shared_object = shared.make_shared(Obj())
    with shared.use(shared_object):
        shared_object["lastnames"] = shared.admit(shared_object, shared_lastnames)
    assert same_group(shared_lastnames, shared_object)


def test_copy_example_2_group_with():
    shared_coll1 = new_shared_collection(shared.make_shared(O("lastname", "Smith")))
    shared_coll2 = new_shared_collection(shared.make_shared(O("lastname", "Brown")))
    copy_coll = call(shared_coll1, "copy", CK_SHARED, shared_coll2)
    assert same_group(copy_coll, shared_coll2)
    with shared.use(shared_coll2):
        call(shared_coll2, "combine", copy_coll)
    assert py(shared_coll2) == [{"lastname": "Brown"}, {"lastname": "Smith"}]


def test_copy_example_4_resolve_pointers():
    variables = {"what": ""}
    p = Pointer("$what", lambda: variables["what"], lambda v: variables.update(what=v))
    col = C(O("alpha", "Hello", "num", 1), O("beta", "You", "what", p))
    col2 = call(col, "copy")
    col2[1]["beta"] = "World!"
    assert col[0]["alpha"] + " " + col2[1]["beta"] == "Hello World!"
    assert col[1]["beta"] == "You" and col2[1]["what"] is p
    variables["what"] = "You!"
    col3 = call(col2, "copy", CK_RESOLVE_POINTERS)
    assert col3[0]["alpha"] + " " + col3[1]["what"] == "Hello You!"


def test_count_example():
    col = C(20, 30, None, 40)
    call(col, "push", O("name", "Smith", "salary", 10000))
    call(col, "push", O("name", "Wesson", "salary", 50000))
    call(col, "push", O("name", "Gross", "salary", 10500))
    call(col, "push", O("lastName", "Henry", "salary", 12000))
    assert call(col, "count") == 7
    assert call(col, "count", "name") == 3


def test_count_values_examples():
    assert call(C(1, 2, 5, 5, 5, 3, 6, 4), "countValues", 5.0) == 3
    col = C(O("name", "Smith", "age", 5), O("name", "Wesson", "age", 2), O("name", "Jones", "age", 3),
            O("name", "Henry", "age", 4), O("name", "Gross", "age", 5))
    assert call(col, "countValues", 5.0, "age") == 2
    letters = C("a", "b", "c")
    numbers = C(1, 2, letters, 3, 4, 5)
    assert call(numbers, "countValues", letters) == 1


def test_distinct_examples():
    c = C()
    call(c, "push", "a", "b", "c", "A", "B", "c", "b", "b")
    call(c, "push", O("size", 1))
    call(c, "push", O("size", 3))
    call(c, "push", O("size", 1))
    assert py(call(c, "distinct")) == ["a", "b", "c", {"size": 1}, {"size": 3}, {"size": 1}]
    assert py(call(c, "distinct", CK_DIACRITICAL)) == ["a", "A", "b", "B", "c",
                                                       {"size": 1}, {"size": 3}, {"size": 1}]
    assert py(call(c, "distinct", "size")) == [1, 3]
    assert py(call(c, "distinct", "size", CK_COUNT_VALUES)) == [{"value": 1, "count": 2},
                                                                {"value": 3, "count": 1}]


def test_equal_examples():
    c, c2 = C(O("a", 1, "b", "orange"), 2, 3), C(O("a", 1, "b", "orange"), 2, 3, 4)
    assert call(c, "equal", c2) is False
    c, c2 = C(O("1", "a", "b", "orange"), 2, 3), C(O("a", 1, "b", "orange"), 2, 3)
    assert call(c, "equal", c2) is False
    c, c2 = C(O("a", 1, "b", "orange"), 2, 3), C(O("a", 1, "b", "ORange"), 2, 3)
    assert call(c, "equal", c2) is True
    assert call(c, "equal", c2, CK_DIACRITICAL) is False


def test_every_example_1():
    f = F(lambda p: p["value"] > 0)
    c = C()
    call(c, "push", 5.0, 3.0, 1.0, 4.0, 6.0, 2.0)
    assert call(c, "every", f) is True
    call(c, "push", -1.0)
    assert call(c, "every", f) is False


def test_every_example_2_value_type():
    f = F(lambda p, t: value_type(p["value"]) == t)
    c = C()
    call(c, "push", 5.0, 3.0, 1.0, 4.0, 6.0, 2.0)
    assert call(c, "every", f, float(IS_REAL)) is True
    c = call(c, "push", O("name", "Cleveland", "zc", 35049))
    c = call(c, "push", O("name", "Blountsville", "zc", 35031))
    assert call(c, "every", f, float(IS_REAL)) is False


def test_extract_example_1():
    c = C(O("name", "Cleveland"), O("zip", 5321), O("name", "Blountsville"), 42)
    assert py(call(c, "extract", "name")) == ["Cleveland", "Blountsville"]
    assert py(call(c, "extract", "name", CK_KEEP_NULL)) == ["Cleveland", None, "Blountsville", None]


def test_extract_example_2_target_paths():
    c = C(O("zc", 35060), O("name", None, "zc", 35049), O("name", "Cleveland", "zc", 35049),
          O("name", "Blountsville", "zc", 35031), O("name", "Adger", "zc", 35006),
          O("name", "Clanton", "zc", 35046), O("name", "Clanton", "zc", 35045))
    assert py(call(c, "extract", "name", "City")) == [
        {"City": None}, {"City": "Cleveland"}, {"City": "Blountsville"}, {"City": "Adger"},
        {"City": "Clanton"}, {"City": "Clanton"}]
    assert py(call(c, "extract", "name", "City", "zc", "Zip")) == [
        {"Zip": 35060}, {"City": None, "Zip": 35049}, {"City": "Cleveland", "Zip": 35049},
        {"City": "Blountsville", "Zip": 35031}, {"City": "Adger", "Zip": 35006},
        {"City": "Clanton", "Zip": 35046}, {"City": "Clanton", "Zip": 35045}]


def test_fill_example():
    c = C(1, 2, 3, "Lemon", None, "", 4, 5)
    call(c, "fill", "2")
    assert py(c) == ["2"] * 8
    call(c, "fill", "Hello", 5.0)
    assert py(c) == ["2"] * 5 + ["Hello"] * 3
    call(c, "fill", 0.0, 1.0, 5.0)
    assert py(c) == ["2", 0, 0, 0, 0, "Hello", "Hello", "Hello"]
    call(c, "fill", "world", 1.0, -5.0)
    assert py(c) == ["2", "world", "world", 0, 0, "Hello", "Hello", "Hello"]


def test_filter_example_1():
    col = C("hello", "world", "red horse", 66, "tim", "san jose", "miami")
    short = F(lambda p, n: value_type(p["value"]) == IS_TEXT and len(p["value"]) < n)
    assert py(call(col, "filter", short, 6.0)) == ["hello", "world", "tim", "miami"]


def test_filter_example_2():
    f = F(lambda p, t: value_type(p["value"]) == t)
    c = C(5, 3, 1, 4, 6, 2)
    call(c, "push", O("name", "Cleveland", "zc", 35049))
    call(c, "push", O("name", "Blountsville", "zc", 35031))
    assert py(call(c, "filter", f, float(IS_REAL))) == [5, 3, 1, 4, 6, 2]
    objects = call(c, "filter", f, float(IS_OBJECT))
    assert py(objects) == [{"name": "Cleveland", "zc": 35049}, {"name": "Blountsville", "zc": 35031}]
    assert objects[0] is c[6]  # a shallow copy


def test_find_examples():
    col = C("hello", "world", 4, "red horse", "tim", "san jose")
    short = F(lambda p, n: value_type(p["value"]) == IS_TEXT and len(p["value"]) < n)
    assert call(col, "find", short, 5.0) == "tim"
    c = cities()
    assert py(call(c, "find", F(lambda p, name: p["value"]["name"] == name), "Clanton")) == {
        "name": "Clanton", "zc": 35046}


def test_find_index_example():
    c = cities()
    by_name = F(lambda p, name: p["value"]["name"] == name)
    val2 = call(c, "findIndex", by_name, "Clanton")
    assert val2 == 3
    assert call(c, "findIndex", val2 + 1.0, by_name, "Clanton") == 4


def test_first_example():
    assert call(C(10, 20, 30, "hello", 50), "first") == 10
    assert call(C(), "first") is UNDEFINED


def test_flat_examples():
    assert py(call(C(1, 2, C(3, 4)), "flat")) == [1, 2, 3, 4]
    assert py(call(C(1, 2, C(3, 4, C(5, 6))), "flat")) == [1, 2, 3, 4, [5, 6]]
    assert py(call(C(1, 2, C(3, 4, C(5, 6))), "flat", 2.0)) == [1, 2, 3, 4, 5, 6]
    nested = C(1, 2, C(3, 4, 5, 6, C(7, 8, C(9, 10))))
    assert py(call(nested, "flat", float(MAXLONG))) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]


def test_flat_map_example_1():
    col = C(1, 2, 3, 4)
    double = F(lambda p: C(p["value"] * 2))
    assert py(call(col, "map", double)) == [[2], [4], [6], [8]]
    assert py(call(col, "flatMap", double)) == [2, 4, 6, 8]


def test_flat_map_example_2_split_string():
    col = C("Hello how", "", "are you ?")
    words = F(lambda p: split(p["value"]))
    assert py(call(col, "map", words)) == [["Hello", "how"], [], ["are", "you", "?"]]
    assert py(call(col, "flatMap", words)) == ["Hello", "how", "are", "you", "?"]


def test_flat_map_example_3_percentages():
    c = C(1, 4, 9, 10, 20)
    f = F(lambda p, total: C(p["value"], round(p["value"] / total * 100, 2)))
    assert py(call(c, "flatMap", f, call(c, "sum"))) == [1, 2.27, 4, 9.09, 9, 20.45, 10, 22.73, 20, 45.45]


def test_includes_example():
    obj = O("value", 10)
    col = C(1, 2, "Henry", 5, 3, "Albert", 6, 4, "Alan", 5, obj)
    assert call(col, "includes", 3.0) is True
    assert call(col, "includes", 5.0, 6.0) is True
    assert call(col, "includes", "al@") is True
    assert call(col, "includes", "Hello") is False
    assert call(col, "includes", obj) is True
    assert call(col, "includes", O("value", 10)) is False


def test_index_of_example():
    col = C(1, 2, "Henry", 5, 3, "Albert", 6, 4, "Alan", 5)
    assert call(col, "indexOf", 3.0) == 4
    assert call(col, "indexOf", 5.0, 5.0) == 9
    assert call(col, "indexOf", "al@") == 5
    assert call(col, "indexOf", "Hello") == -1


def test_insert_example():
    col = C("a", "b", "c", "d")
    call(col, "insert", 2.0, "X")
    assert py(col) == ["a", "b", "X", "c", "d"]
    call(col, "insert", -2.0, "Y")
    assert py(col) == ["a", "b", "X", "Y", "c", "d"]
    call(col, "insert", -10.0, "Hi")
    assert py(col) == ["Hi", "a", "b", "X", "Y", "c", "d"]


def test_join_example():
    c = C(1, 2, 3, "Paris", None, "", 4, 5)
    assert call(c, "join", "|") == "1|2|3|Paris|null||4|5"
    assert call(c, "join", "|", CK_IGNORE_NULL_OR_EMPTY) == "1|2|3|Paris|4|5"


def test_last_example():
    assert call(C(10, 20, 30, "hello", 50), "last") == 50
    assert call(C(), "last") is UNDEFINED


def test_last_index_of_example():
    col = C(*"a,b,c,d,e,f,g,h,i,j,e,k,e".split(","))
    assert length(col) == 13
    assert call(col, "lastIndexOf", "e") == 12
    assert call(col, "lastIndexOf", "e", 6.0) == 4
    assert call(col, "lastIndexOf", "e", 15.0) == 12
    assert call(col, "lastIndexOf", "e", -2.0) == 10
    assert call(col, "lastIndexOf", "x") == -1


def test_length_example():
    col = C("one", "two", "three")
    assert length(col) == 3
    col.extend([None, "five"])  # $col[4]:="five"
    assert length(col) == 5
    assert length(call(col, "remove", 0.0, 3.0)) == 2


def test_map_example():
    c = C(1, 4, 9, 10, 20)
    percent = F(lambda p, total: round(p["value"] / total * 100, 2))
    assert py(call(c, "map", percent, call(c, "sum"))) == [2.27, 9.09, 20.45, 22.73, 45.45]


def test_max_example():
    col = salaries()
    assert call(col, "max") is col[5]  # {name:Alabama,salary:10500}
    assert call(col, "max", "salary") == 50000
    assert call(col, "max", "name") == "Wesson"


def test_min_example():
    col = salaries()
    assert call(col, "min") == 55
    assert call(col, "min", "salary") == 10000
    assert call(col, "min", "name") == "Alabama"


def test_multi_sort_example_1():
    col = C("A", "C", "B")
    col2 = C(1, 2, 3)
    col3 = C(C("Jim", "Philip", "Maria"), C("blue", "green"), C("11", 22, "33"))
    assert call(col, "multiSort", C(col2, col3)) is col
    assert py(col) == ["A", "B", "C"]
    assert py(col2) == [1, 3, 2]
    assert py(col3) == [["Jim", "Philip", "Maria"], ["11", 22, "33"], ["blue", "green"]]


def test_multi_sort_example_2_levels():
    city = C("Paris", "Lyon", "Rabat", "Eching", "San Diego")
    country = C("France", "France", "Morocco", "Germany", "US")
    continent = C("Europe", "Europe", "Africa", "Europe", "America")
    call(continent, "multiSort", C(country, O("collection", city, "order", CK_ASCENDING)))
    assert py(continent) == ["Africa", "America", "Europe", "Europe", "Europe"]
    assert py(country) == ["Morocco", "US", "France", "France", "Germany"]
    assert py(city) == ["Rabat", "San Diego", "Lyon", "Paris", "Eching"]


def test_multi_sort_example_3_formula():
    name = C(O(firstname="John", lastname="Smith"), O(firstname="Alain", lastname="Martin"),
             O(firstname="Jane", lastname="Doe"), O(firstname="John", lastname="Doe"))
    address = C(O(city="Paris", country="France"), O(city="Lyon", country="France"),
                O(city="Eching", country="Germany"), O(city="Berlin", country="Germany"))
    by_first_name = F(lambda p: p["value"]["firstname"] < p["value2"]["firstname"])
    call(name, "multiSort", by_first_name, C(address))
    assert [o["firstname"] + " " + o["lastname"] for o in name] == [
        "Alain Martin", "Jane Doe", "John Smith", "John Doe"]
    assert [o["city"] + " " + o["country"] for o in address] == [
        "Lyon France", "Eching Germany", "Paris France", "Berlin Germany"]


def test_order_by_example_1_numbers():
    c = C(0.5, 0.1, 0.9, 0.3, 0.7, 0.2, 0.8, 0.4, 0.6, 0.05)
    assert py(call(c, "orderBy", CK_ASCENDING)) == sorted(py(c))
    assert py(call(c, "orderBy", CK_DESCENDING)) == sorted(py(c), reverse=True)
    assert py(c)[0] == 0.5  # not modified


def test_order_by_example_2_text_criteria():
    values = [0.5, 0.2, 0.5, 0.9, 0.2, 0.1, 0.5, 0.7, 0.9, 0.3]
    c = C(*(O("id", i + 1, "value", v) for i, v in enumerate(values)))
    by_value = [(o["value"], o["id"]) for o in call(c, "orderBy", "value desc")]
    assert [v for v, _ in by_value] == sorted(values, reverse=True)
    expected = sorted(((v, i + 1) for i, v in enumerate(values)), key=lambda pair: (-pair[0], pair[1]))
    for criteria in ("value desc, id", "value desc, id asc"):
        assert [(o["value"], o["id"]) for o in call(c, "orderBy", criteria)] == expected


def test_order_by_example_2_and_3_property_paths():
    c = C(O("name", "Cleveland", "phones", O("p1", "01", "p2", "02")),
          O("name", "Blountsville", "phones", O("p1", "00", "p2", "03")))
    assert [o["name"] for o in call(c, "orderBy", "phones.p1 asc")] == ["Blountsville", "Cleveland"]
    crit = C(O("propertyPath", "phones.p2", "descending", True))
    assert [o["name"] for o in call(c, "orderBy", crit)] == ["Blountsville", "Cleveland"]


def test_order_by_example_3_criteria_collection():
    c = C(*(O("id", i + 1, "value", v) for i, v in enumerate([0.3, 0.8, 0.3, 0.1])))
    crit = C(O("propertyPath", "value", "descending", True), O("propertyPath", "id", "descending", False))
    assert [o["id"] for o in call(c, "orderBy", crit)] == [2, 1, 3, 4]


def test_order_by_method_example_1():
    c = C("33", "4", "1111", "222")
    assert py(call(c, "orderBy")) == ["1111", "222", "33", "4"]
    numeric = F(lambda p: float(p["value"]) < float(p["value2"]))
    assert py(call(c, "orderByMethod", numeric)) == ["4", "33", "222", "1111"]


def test_order_by_method_example_2_lengths():
    fruits = C("Orange", "Apple", "Grape", "pear", "Banana", "fig", "Blackberry", "Passion fruit")
    longer = F(lambda p: len(p["value"]) > len(p["value2"]))
    assert py(call(fruits, "orderByMethod", longer)) == [
        "Passion fruit", "Blackberry", "Orange", "Banana", "Apple", "Grape", "pear", "fig"]


def test_order_by_method_example_3_method_with_extra_parameter():
    """The sortCollection method sets $1.result; its option arrives in $2."""
    def sort_collection(to_sort, option):
        if option == 1:  # sk char codes
            to_sort["result"] = to_sort["value"] < to_sort["value2"]
    strings1 = C("Alpha", "Charlie", "alpha", "bravo", "Bravo", "charlie")
    result = call(strings1, "orderByMethod", F(sort_collection), 1.0)
    assert py(result) == ["Alpha", "Bravo", "Charlie", "alpha", "bravo", "charlie"]


def test_pop_example():
    stack = C()
    call(stack, "push", 1.0, 2.0)
    assert call(stack, "pop") == 2 and py(stack) == [1]
    call(stack, "push", C(4, 5))
    assert py(call(stack, "pop")) == [4, 5] and py(stack) == [1]
    assert call(stack, "pop") == 1 and py(stack) == []


def test_push_examples():
    col = C(1, 2)
    call(col, "push", 3.0)
    assert py(col) == [1, 2, 3]
    call(col, "push", 6.0, O("firstname", "John", "lastname", "Smith"))
    assert py(col) == [1, 2, 3, 6, {"firstname": "John", "lastname": "Smith"}]
    col = C(5, 3, 9)
    sorted_col = call(call(col, "push", 7.0, 50.0), "sort")
    assert sorted_col is col and py(col) == [3, 5, 7, 9, 50]


def flatten(p):
    """The Flatten project method of the reduce() examples."""
    if p.get("accumulator") is None:
        p["accumulator"] = C()
    call(p["accumulator"], "combine", p["value"])


def test_reduce_examples():
    c = C(5, 3, 5, 1, 3, 4, 4, 6, 2, 2)
    assert call(c, "reduce", F(lambda p: p.update(accumulator=p["accumulator"] * p["value"])), 1.0) == 86400
    c = C(C(0, 1), C(2, 3), C(4, 5), C(6, 7))
    assert py(call(c, "reduce", F(flatten))) == [0, 1, 2, 3, 4, 5, 6, 7]


def test_reduce_right_examples():
    c = C(5, 3, 5, 1, 3, 4, 4, 6, 2, 2)
    assert call(c, "reduceRight", F(lambda p: p.update(accumulator=p["accumulator"] * p["value"])), 1.0) == 86400
    c = C(C(0, 1), C(2, 3), C(4, 5), C(6, 7))
    assert py(call(c, "reduceRight", F(flatten))) == [6, 7, 4, 5, 2, 3, 0, 1]


def test_remove_example():
    col = C("a", "b", "c", "d", "e", "f", "g", "h")
    call(col, "remove", 3.0)
    assert py(col) == ["a", "b", "c", "e", "f", "g", "h"]
    call(col, "remove", 3.0, 2.0)
    assert py(col) == ["a", "b", "c", "g", "h"]
    call(col, "remove", -8.0, 1.0)
    assert py(col) == ["b", "c", "g", "h"]
    call(col, "remove", -3.0, 1.0)
    assert py(col) == ["b", "g", "h"]


def test_resize_example():
    assert py(call(C(), "resize", 10.0)) == [None] * 10
    assert py(call(C(), "resize", 10.0, 0.0)) == [0] * 10
    c = call(C(1, 2, 3, 4, 5), "resize", 10.0, O("name", "X"))
    assert py(c) == [1, 2, 3, 4, 5] + [{"name": "X"}] * 5
    assert py(call(C(1, 2, 3, 4, 5), "resize", 2.0)) == [1, 2]


def test_reverse_example():
    c = C(1, 3, 5, 2, 4, 6)
    assert py(call(c, "reverse")) == [6, 4, 2, 5, 3, 1]
    assert py(c) == [1, 3, 5, 2, 4, 6]


def test_shift_example():
    c = C(1, 2, 4, 5, 6, 7, 8)
    assert call(c, "shift") == 1
    assert py(c) == [2, 4, 5, 6, 7, 8]


def test_slice_example():
    c = C(1, 2, 3, 4, 5)
    assert py(call(c, "slice", 0.0, 3.0)) == [1, 2, 3]
    assert py(call(c, "slice", 3.0)) == [4, 5]
    assert py(call(c, "slice", 1.0, -1.0)) == [2, 3, 4]
    assert py(call(c, "slice", -3.0, -2.0)) == [3]


def test_some_example():
    positive = F(lambda p: p["value"] > 0)
    c = C(-5, -3, -1, -4, -6, -2)
    assert call(c, "some", positive) is False
    call(c, "push", 1.0)
    assert call(c, "some", positive) is True
    c = C(1, -5, -3, -1, -4, -6, -2)
    assert call(c, "some", positive) is True
    assert call(c, "some", 1.0, positive) is False


def test_sort_example_1_mixed_types():
    col = C("Tom", 5, "Mary", 3, "Henry", 1, "Jane", 4, "Artie", 6, "Chip", 2)
    col2 = call(col, "sort")
    assert col2 is col
    assert py(col) == ["Artie", "Chip", "Henry", "Jane", "Mary", "Tom", 1, 2, 3, 4, 5, 6]


def test_sort_example_2():
    col = C(10, 20)
    assert py(call(call(col, "push", 5.0, 3.0, 1.0, 4.0, 6.0, 2.0), "sort")) == [1, 2, 3, 4, 5, 6, 10, 20]


def test_sort_example_3_formula():
    col = C(33, 4, 66, 1111, 222)
    assert py(call(col, "sort")) == [4, 33, 66, 222, 1111]
    alphabetical = F(lambda p: str(int(p["value"])) < str(int(p["value2"])))
    assert py(call(col, "sort", alphabetical)) == [1111, 222, 33, 4, 66]


def test_sum_examples():
    assert call(C(10, 20, "Monday", True, 2), "sum") == 32
    assert call(employees(10500.5), "sum", "salary") == 70500.5


def test_unshift_example():
    c = C(1, 2)
    call(c, "unshift", 4.0)
    assert py(c) == [4, 1, 2]
    call(c, "unshift", 5.0)
    assert py(c) == [5, 4, 1, 2]
    call(c, "unshift", 6.0, 7.0)
    assert py(c) == [6, 7, 5, 4, 1, 2]


def test_dt_collection_chained_functions():
    col = C(5, 20)
    assert py(call(call(col, "push", 10.0, 100.0), "sort")) == [5, 10, 20, 100]


# ---------------------------------------------------------------- New collection

def test_new_collection_examples():
    assert py(C()) == []
    p = Pointer("myPtr", lambda: None, lambda v: None)
    filled = C(33, "mike", "november", p, Date(2017, 3, 28))
    assert py(filled) == [33, "mike", "november", p, Date(2017, 3, 28)]
    assert type(filled[0]) is float  # numbers are reals
    assert py(C(1, UNDEFINED)) == [1, None]  # an undefined element is Null


def test_new_shared_collection_accepts_only_shareable_values():
    col = new_shared_collection("alpha", "omega")
    assert col.shared is not None
    inner = shared.make_shared(O("a", 1))
    grouped = new_shared_collection(inner)
    assert same_group(inner, grouped)  # a shared group is created
    raises_code(Codes.SHARED_UNSUPPORTED_VALUE, new_shared_collection, O("a", 1))


# ---------------------------------------------------------------- edge cases

def test_empty_collections():
    empty = C()
    assert call(empty, "sum") == 0
    assert call(empty, "average") is UNDEFINED
    assert call(empty, "min") is UNDEFINED and call(empty, "max") is UNDEFINED
    assert call(empty, "pop") is UNDEFINED and call(empty, "shift") is UNDEFINED
    assert call(empty, "count") == 0
    assert py(call(empty, "remove", 0.0)) == []  # "the method does nothing"
    assert call(empty, "every", F(lambda p: True)) is False  # startFrom 0 >= length
    assert call(empty, "join", ",") == ""


def test_average_sum_ignore_non_numbers_and_missing_paths():
    col = C("a", True, None, O("x", 1))
    assert call(col, "average") is UNDEFINED and call(col, "sum") == 0
    assert call(C(O("a", 1)), "average", "b") is UNDEFINED


def test_sort_default_type_order():
    """null, booleans, strings, numbers, objects, collections, dates (sort())."""
    o, c = O("z", 1), C(1)
    col = C(Date(2020, 1, 1), c, 2, o, "b", True, None, "A", False, 1)
    call(col, "sort")
    assert col[:8] == [None, False, True, "A", "b", 1, 2, o] and col[8] is c and col[9] == Date(2020, 1, 1)
    descending = call(col, "orderBy", CK_DESCENDING)
    assert descending[0] == Date(2020, 1, 1) and descending[-1] is None


def test_min_max_take_the_lowest_and_highest_type():
    col = C("b", 3, "a", Date(2001, 1, 1), 1)
    assert call(col, "min") == "a"
    assert call(col, "max") == Date(2001, 1, 1)
    assert call(C(True, False), "max") is True


def test_nested_property_paths():
    col = C(O("a", O("b", O("c", 3))), O("a", O("b", O("c", 1))), O("a", 5), 7)
    assert call(col, "sum", "a.b.c") == 4
    assert call(col, "min", "a.b.c") == 1
    assert py(call(col, "extract", "a.b.c")) == [3, 1]
    assert [o["a"]["b"]["c"] for o in call(col, "orderBy", "a.b.c")[2:]] == [1, 3]
    assert call(col, "max", "My.special.property") is UNDEFINED  # dt_collection.md


def test_undefined_values_and_nulls():
    col = C(O("v", None), O("w", 1), O("v", 2))
    assert call(col, "count", "v") == 1
    assert py(call(col, "extract", "v", CK_KEEP_NULL)) == [None, None, 2]
    assert py(call(col, "map", F(lambda p: UNDEFINED))) == [None, None, None]
    assert call(C(None, 1), "indexOf", None) == 0
    assert call(C(O(), None), "equal", C(O(), UNDEFINED)) is True  # UNDEFINED is stored as Null


def test_index_of_types_must_match():
    col = C("1", 1, True)
    assert call(col, "indexOf", 1.0) == 1
    assert call(col, "indexOf", "1") == 0
    assert call(col, "indexOf", True) == 2
    assert call(C("Henry"), "indexOf", "henry") == 0  # text equality ignores case


def test_callbacks_stop_and_method_result():
    col = C(1, 2, 3, 4)

    def first_two(p):
        p["result"] = p["value"] * 10
        p["stop"] = p["value"] >= 2
    assert py(call(col, "map", F(first_two))) == [10, 20]  # "except if $1.stop was used"
    seen = []
    call(col, "reduce", F(lambda p: (seen.append(p["value"]), p.update(stop=True))), 0.0)
    assert seen == [1]
    assert call(col, "find", F(lambda p: p.update(stop=True))) is UNDEFINED


def test_callback_by_method_name(monkeypatch):
    calls = []

    def call_method(name, *args):
        calls.append(name)
        args[0]["result"] = args[0]["value"] > args[1]
    monkeypatch.setattr(global_state, "call_method", call_method)
    assert py(call(C(1, 5, 10), "filter", "Bigger", 4.0)) == [5, 10]
    assert calls == ["Bigger"] * 3


def test_index_arguments_accept_reals():
    col = C(10, 20, 30)
    assert call(col, "at", 2.0) == 30 and call(col, "at", 2) == 30
    assert call(col, "at", 1.6) == 30  # 4D rounds reals converted to Integer


def test_out_of_range_positions_are_clamped():
    col = C(1, 2, 3)
    assert py(call(C(1, 2, 3), "insert", 10.0, 4.0)) == [1, 2, 3, 4]
    assert py(call(C(1, 2, 3), "combine", C(9), -10.0)) == [9, 1, 2, 3]
    assert py(call(C(1, 2, 3), "fill", 0.0, 2.0, 1.0)) == [1, 2, 3]  # end < startFrom: nothing
    assert py(call(col, "slice", 2.0, 1.0)) == []
    assert call(col, "indexOf", 1.0, 3.0) == -1
    assert call(col, "indexOf", 3.0, -1.0) == 2
    assert call(col, "lastIndexOf", 1.0, 0.0) == -1  # "If startFrom = 0, -1 is returned"
    assert call(col, "lastIndexOf", 1.0, -5.0) == -1
    assert call(col, "findIndex", 5.0, F(lambda p: True)) == -1


def test_wrong_arguments_are_4d_errors():
    col = C(1, 2)
    raises_code(Codes.TYPE_MISMATCH, call, col, "at", "a")
    raises_code(Codes.TYPE_MISMATCH, call, col, "at")
    raises_code(Codes.TYPE_MISMATCH, call, col, "pop", 1.0)
    raises_code(Codes.TYPE_MISMATCH, call, col, "combine", 5.0)
    raises_code(Codes.TYPE_MISMATCH, call, col, "map", 5.0)
    raises_code(Codes.TYPE_MISMATCH, call, col, "min", C("a.b"))  # dt_collection.md: "error"
    raises_code(Codes.TYPE_MISMATCH, call, col, "orderBy", "a sideways")
    raises_code(Codes.TYPE_MISMATCH, call, col, "multiSort", C(C(1, 2, 3)))  # not the same length
    raises_code(Codes.TYPE_MISMATCH, call, col, "extract", "a", "b", "c")


def test_error_handler_resumes_with_undefined(monkeypatch):
    process = current_process()
    monkeypatch.setattr(global_state, "call_method", lambda name, *args: None)
    monkeypatch.setattr(process, "error_handler", "catcher")
    assert call(C(1), "at", "x") is UNDEFINED
    assert process.last_errors[0][0] == Codes.TYPE_MISMATCH


def test_shared_collection_functions_use_it_internally():
    col = new_shared_collection()
    call(col, "push", "alpha")  # shared.md: .push() triggers Use/End use
    call(col, "push", shared.make_shared(O("a", 1)))
    assert py(col) == ["alpha", {"a": 1}] and same_group(col[1], col)
    raises_code(Codes.SHARED_UNSUPPORTED_VALUE, call, col, "push", O("b", 2))
    call(col, "sort")
    assert col[0] == "alpha"


def test_shared_collection_results():
    col = new_shared_collection(shared.make_shared(O("n", 2)), shared.make_shared(O("n", 1)))
    for result in (call(col, "filter", F(lambda p: True)), call(col, "slice", 0.0),
                   call(col, "orderBy", "n"), call(col, "orderByMethod", F(lambda p: False))):
        assert same_group(result, col)  # "the returned collection is also a shared collection"
    reversed_copy = call(col, "reverse")
    assert reversed_copy.shared is not None and reversed_copy[0] is not col[1]  # a deep copy
    plain = call(col, "copy")
    assert plain.shared is None and plain[0].shared is None
    assert call(col, "map", F(lambda p: p["value"])).shared is None


def test_shared_copy_shares_nested_objects_in_its_group():
    shared_copy = call(C(O("name", "Brown")), "copy", CK_SHARED)
    assert same_group(shared_copy[0], shared_copy)


def test_copy_is_deep_and_keeps_cycles():
    inner = C(1)
    col = C(inner, O("x", inner))
    col.append(col)
    copy = call(col, "copy")
    assert copy[0] is not inner and copy[1]["x"] is copy[0] and copy[2] is copy


def test_equal_compares_types_and_nesting():
    assert call(C(1, "a"), "equal", C(1, "A")) is True
    assert call(C(1), "equal", C("1")) is False
    assert call(C(True), "equal", C(1)) is False
    assert call(C(C(1, C(2))), "equal", C(C(1, C(2)))) is True
    assert call(C(Date(2020, 1, 2)), "equal", C(Date(2020, 1, 2))) is True


def test_distinct_dates_numbers_and_booleans_stay_apart():
    col = C(1, True, "1", 1, Date(2020, 1, 1), Date(2020, 1, 1), False)
    assert py(call(col, "distinct")) == [False, True, "1", 1, Date(2020, 1, 1)]


def test_structures_containing_themselves():
    col = C(1)
    col.append(col)
    flat = call(col, "flat", float(MAXLONG))
    assert flat[0] == 1 and flat[1] is col  # kept, not expanded forever
    other = C(1)
    other.append(other)
    assert call(col, "equal", other) is True
