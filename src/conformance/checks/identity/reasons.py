"""Why an exception was raised, as report text: the template message it carries.

Checks and codecs raise their errors with a :func:`~conformance.messages.msg` message, but
``str(exc)`` gives back a plain copy of the text and loses the template. :func:`reason`
returns the message itself; an exception raised by a library (cryptography, pyld,
binascii) carries that library's own words, which are passed on as written.
"""

from __future__ import annotations

from ...messages import Message


def reason(exc: BaseException) -> str:
    """The message ``exc`` was raised with: a template :class:`Message` when it has one."""
    first = exc.args[0] if len(exc.args) == 1 else None
    return first if isinstance(first, Message) else str(exc)
