"""A data product's price as its ODRL policy states it, against its schema.org offer.

ODRL 2.2 expresses a payment as a duty to ``odrl:compensate`` refined by a constraint whose
left operand is ``odrl:payAmount`` (ODRL Vocabulary, "compensate", "payAmount"); some
publishers put ``odrl:payAmount`` on the action node directly. A listing that states a price in
its offer and another in its policy tells the buyer two prices. Only amounts fixed by ``eq``
are prices (``lteq`` and the like bound a price, they do not state one); the amount's unit is
an IRI of any vocabulary (DBpedia, Wikidata), so the currency is not compared.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from .dcat import ODRL, SCHEMA, Description, iri, literal, pointer, values

if TYPE_CHECKING:
    from conformance.area import JsonObject


def _policy_nodes(description: Description, dataset: JsonObject) -> Iterator[JsonObject]:
    """Every node reachable from the dataset's odrl:hasPolicy, each once: the walk ends at the description's own nodes,
    which 5.1's response bound already limits."""
    queue = [description.node(v) for v in values(dataset, ODRL + "hasPolicy")]
    seen: set[str] = set()
    while queue:
        node = queue.pop()
        ident = pointer(node)
        if not node or ident in seen:
            continue
        seen.add(ident)
        yield node
        for key, items in node.items():
            if key.startswith("@") or not isinstance(items, list):
                continue
            queue.extend(description.node(v) for v in items if iri(v) in description.nodes)


def amounts(description: Description, dataset: JsonObject) -> list[tuple[str, str]]:
    """(node @id, amount) of every payment amount the dataset's policies fix."""
    found = []
    for node in _policy_nodes(description, dataset):
        direct = literal(node, ODRL + "payAmount")
        if direct is not None:
            found.append((pointer(node), direct))
        left = {iri(v) for v in values(node, ODRL + "leftOperand")}
        operator = {iri(v) for v in values(node, ODRL + "operator")}
        amount = literal(node, ODRL + "rightOperand")
        if ODRL + "payAmount" in left and ODRL + "eq" in operator and amount is not None:
            found.append((pointer(node), amount))
    return found


def offered(description: Description, dataset: JsonObject) -> list[str]:
    offers = [description.node(v) for v in values(dataset, *(s + "offers" for s in SCHEMA))]
    return [p for o in offers if (p := literal(o, *(s + "price" for s in SCHEMA))) is not None]


def same(a: str, b: str) -> bool:
    try:
        return Decimal(a.strip()) == Decimal(b.strip())
    except InvalidOperation:
        return False
