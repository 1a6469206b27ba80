"""The data files shipped in `resources/`: categories, SLA rules, the demo corpus."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lapor_desktop.domain.categories import CategoryTree
from lapor_desktop.domain.sla import SlaRuleBook

# Works from a checkout and inside a PyInstaller bundle, which keeps module __file__ paths.
RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"


def load_json(relative: str) -> Any:
    with (RESOURCES_DIR / relative).open(encoding="utf-8") as handle:
        return json.load(handle)


def default_categories() -> CategoryTree:
    return CategoryTree.from_json(load_json("categories.json"))


def default_rulebook() -> SlaRuleBook:
    return SlaRuleBook.from_json(load_json("sla_rules.json"))
