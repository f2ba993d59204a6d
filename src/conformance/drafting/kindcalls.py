"""The requirements whose test case calls every operation of a kind rather than operations it names: IF-AUTH-001
(every operation table D.3 marks "Protection: bearer token"), IF-AUTH-002 (those of them only the asset's holder
may perform), IF-ROB-001 (every operation whose JSON request body the contract gives an example of), IF-ROB-002
(those of them the contract marks for valid-request probing, which its step 1 names by this column: thirty-fourth
reading l3), IF-ROB-003 (every read with one path parameter) and IF-CON-001 (every read it has values for; fifty-ninth
reading bx1). Annex D's "Requirements" column lists the requirements whose case calls an operation (D.1), so it lists
these in each row of that kind (thirty-first reading b6), read from the case's own words and decided by the same
reading of the operation object the checks use (``_catalog.contractops``); an operation the contract marks
``x-candidate`` is of no kind, as annex D leaves it out. The checks call the platform's contract (table D.3) alone, the
one serving the discovery document (fifty-ninth reading bx1: the resolution API's reads are none of IF-CON-001's), which
``tests/drafting/test_spec_leftovers_thirtyfirst_f.py`` holds.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .._catalog.contractops import bearer_only, example_body, holder_only, path_read, probed_read, valid_probe

#: a path's parameters (``{asset_id}``)
_PARAMETER = re.compile(r"\{(\w+)\}")


def _bearer_on_the_asset(operation: object, _: str, path: str) -> bool:
    """IF-AUTH-003's: a bearer-token operation whose path takes no parameter or ``{asset_id}`` alone, the probe
    asset's (its check fills no other parameter, so it calls no operation on a user, an order or a purpose)."""
    return bearer_only(operation) and set(_PARAMETER.findall(path)) <= {"asset_id"}


#: (the words of a case's English steps taking every operation of a kind, whether an operation object at a path is
#: of it)
#: annex D's table of the platform's operations as the steps cite it, by its key (sixty-first reading, h123-annexref)
_TABLE = r"Table \{table:operations-[^}]+\}"
KINDS: tuple[tuple[re.Pattern[str], Callable[[object, str, str], bool]], ...] = (
    # every one of them (IF-AUTH-001), not those a narrowing clause after the quote leaves (IF-AUTH-003)
    (re.compile(rf'\bevery operation {_TABLE} marks "Protection: bearer token"(?! whose path)'),
     lambda operation, *_: bearer_only(operation)),
    # fifty-fourth reading, part h108-xrows: the pattern above took IF-AUTH-003's step 2 too, so annex D listed it
    # in the rows of the operations on a user, an order or a purpose, which its check never calls
    (re.compile(rf'\bevery operation {_TABLE} marks "Protection: bearer token" whose path takes no parameter or '
                r"`\{asset_id\}` alone\b"), _bearer_on_the_asset),
    # IF-AUTH-002's: those only the asset's holder may perform (fifty-second reading b1)
    (re.compile(rf'\bevery operation {_TABLE} marks "Protection: bearer token, the asset\'s holder only"'),
     lambda operation, *_: holder_only(operation)),
    (re.compile(r"\bevery operation with a JSON request body for which the contract gives a request body example\b"),
     lambda operation, *_: example_body(operation) is not None),
    # a case taking the operations its own ID is listed in (the ID is the catalog's, so not written here)
    (re.compile(rf'\bevery operation whose "Requirements" column in {_TABLE} lists [A-Z]+(?:-[A-Z]+)*-\d+\b'),
     lambda operation, *_: valid_probe(operation)),
    # IF-ROB-003's every read with a path parameter, IF-CON-001's every read the platform hands values for (fifty-ninth
    # reading bx1: annex D listed neither on the reads their checks call)
    (re.compile(r"\bevery read operation \(GET\) with a path parameter\b"), path_read),
    (re.compile(r"\bSend each read operation a request with values the platform itself hands out\b"), probed_read),
)


def of_any(kinds: list[Callable[[object, str, str], bool]], operation: object, method: str, path: str) -> bool:
    """Whether an operation (its object, method and path) is of any of ``kinds`` (:func:`taken`)."""
    return any(of_kind(operation, method, path) for of_kind in kinds)


def taken(steps: str) -> list[Callable[[object, str, str], bool]]:
    """The kinds of operation steps (a case's English steps) take every operation of, each as whether an operation
    object at a path is of it: the steps are read once a case, not once for each operation they are held against."""
    return [of_kind for words, of_kind in KINDS if words.search(steps)]
