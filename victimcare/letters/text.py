"""The letters' own message catalogue (gettext domain `letters`), and writing in a given language."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


def lt(message: str, **variables) -> str:
    """Letter text in the language the letter is being written in."""
    return message % variables if variables else message


@contextmanager
def writing_in(locale: str) -> Iterator[None]:
    yield
