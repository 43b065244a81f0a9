"""The language a page is in: the `lang` it declares, and English left on a Welsh page.

English is "left" when a piece of the page's text (a text node, an accessible name, a part of the title)
is exactly an English message the catalogues translate, or a default text of GOV.UK Frontend that the app
must replace, outside any part marked as being in another language (a letter to an English-speaking victim
carries `lang="en"`, the language switch's "English" too). Text typed in by people is not in the
catalogues, so it is not mistaken for a leak unless it happens to be a whole message.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

# The language a user works in -> the `lang` of the <html> of a page in it.
LANGUAGES = {"en": "en-GB", "cy": "cy"}
NAMES = {"en": "English", "cy": "Welsh"}
# The JSON API's documentation stays in English whoever reads it (see README, Welsh and English).
ENGLISH_ONLY_PREFIXES = ("/api/",)

CATALOGUES = Path(__file__).resolve().parents[2] / "victimcare" / "translations" / "cy" / "LC_MESSAGES"
# What GOV.UK Frontend's macros and scripts write when the page does not give its own words.
GOVUK_FRONTEND_DEFAULTS = ("Error", "There is a problem", "Back", "Menu", "Service information", "Support links",
                           "Show", "Hide", "Show password", "Hide password", "Your password is visible",
                           "Your password is hidden", "Choose file", "or drop file", "No file chosen")

# Every piece of text in the parts of the page in Welsh: text nodes (visually hidden ones too, as a screen
# reader reads them), the names given in attributes, and the parts of the title.
WELSH_TEXT = """() => {
    const welsh = element => (element.closest("[lang]")?.getAttribute("lang") || "").startsWith("cy");
    const texts = document.title.split(" – ");
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || parent.closest("script, style, template") || !welsh(parent)) continue;
        texts.push(node.textContent);
    }
    for (const element of document.body.querySelectorAll("[aria-label], [title], [placeholder], [alt], input[type=submit]")) {
        if (!welsh(element)) continue;
        for (const name of ["aria-label", "title", "placeholder", "alt"]) texts.push(element.getAttribute(name) || "");
        if (element.matches("input[type=submit]")) texts.push(element.value);
    }
    return texts.map(text => text.replace(/\\s+/g, " ").trim()).filter(Boolean);
}"""


@cache
def translated_english() -> frozenset[str]:
    """The English messages whose Welsh differs, without placeholders (a filled-in one cannot be matched)."""
    english = set(GOVUK_FRONTEND_DEFAULTS)
    for domain in ("messages", "letters"):
        with open(CATALOGUES / f"{domain}.po", "rb") as po:
            for message in read_po(po, locale="cy"):
                ids = message.id if isinstance(message.id, tuple) else (message.id,)
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                for msgid in ids:
                    if msgid and "%" not in msgid and all(strings) and msgid not in strings:
                        english.add(" ".join(msgid.split()))
    return frozenset(english)


def english_left(page) -> list[str]:
    """English a Welsh reader of `page` would meet where the catalogues have the Welsh."""
    english = translated_english()
    return sorted({text for text in page.evaluate(WELSH_TEXT) if text in english or text.rstrip(":") in english})


def language_problems(page, language: str, path: str) -> list[str]:
    """What is wrong with the language of `page` (at `path`) for a user working in `language`."""
    if path.startswith(ENGLISH_ONLY_PREFIXES):
        return []
    declared = page.evaluate("document.documentElement.lang")
    if declared != LANGUAGES[language]:
        return [f'<html lang="{declared}">, not "{LANGUAGES[language]}"']
    if language == "cy":
        left = english_left(page)
        if left:
            return [f"English left where the catalogues have Welsh: {left}"]
    return []
