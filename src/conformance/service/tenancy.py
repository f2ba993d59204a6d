"""Tenant isolation, in one place: an object is found only through the organisation of the
session asking; another organisation's is not found (404), exactly as an id that never was."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException

from .models import Product, Run, Version


def not_found() -> HTTPException:
    return HTTPException(404, "not found")


def product_of(db: Session, organisation_id: str, product_id: str) -> Product:
    found = db.scalar(select(Product).where(Product.id == product_id, Product.organisation_id == organisation_id))
    if found is None:
        raise not_found()
    return found


def version_of(db: Session, organisation_id: str, version_id: str) -> tuple[Version, Product]:
    found = db.execute(select(Version, Product).join(Product, Version.product_id == Product.id)
                       .where(Version.id == version_id, Product.organisation_id == organisation_id)).first()
    if found is None:
        raise not_found()
    return found[0], found[1]


def run_of(db: Session, organisation_id: str, run_id: str) -> Run:
    found = db.scalar(select(Run).where(Run.id == run_id, Run.organisation_id == organisation_id))
    if found is None:
        raise not_found()
    return found
