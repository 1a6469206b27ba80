"""The two-level category tree (kategori › sub-kategori), loaded from data, and name lookup."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from lapor_desktop.domain.errors import AmbiguousCategory, UnknownCategory


@dataclass(frozen=True, slots=True)
class Category:
    code: str
    name: str
    parent_code: str | None = None
    active: bool = True

    @property
    def is_top_level(self) -> bool:
        return self.parent_code is None


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(frozen=True, slots=True)
class CategoryTree:
    categories: tuple[Category, ...]
    _by_code: dict[str, Category] = field(init=False, repr=False, compare=False)
    _by_key: dict[str, list[Category]] = field(init=False, repr=False, compare=False)
    _by_folded_code: dict[str, Category] = field(init=False, repr=False, compare=False)
    _by_path: dict[str, list[Category]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Lookups run for every imported or synced case (each case.create the server applies):
        # index once instead of scanning, and walking every path, on each lookup.
        by_code = {c.code: c for c in self.categories}
        object.__setattr__(self, "_by_code", by_code)
        by_key: dict[str, list[Category]] = {}
        by_folded: dict[str, Category] = {}
        by_path: dict[str, list[Category]] = {}
        for category in self.categories:
            by_key.setdefault(_key(category.name), []).append(category)
            by_folded.setdefault(category.code.casefold(), category)  # the first one wins
            by_path.setdefault(_key(self.path(category.code)), []).append(category)
        object.__setattr__(self, "_by_key", by_key)
        object.__setattr__(self, "_by_folded_code", by_folded)
        object.__setattr__(self, "_by_path", by_path)

    @classmethod
    def from_json(cls, data: object) -> CategoryTree:
        """Build from `{"categories": [{code, name, children: [{code, name}]}]}`."""
        if not isinstance(data, Mapping) or not isinstance(data.get("categories"), list):
            raise ValueError("category data must be an object with a 'categories' list")
        found: list[Category] = []
        for top in data["categories"]:
            parent = _category(top, None)
            found.append(parent)
            children = top.get("children", [])
            if not isinstance(children, list):
                raise ValueError(f"children of {parent.code} must be a list")
            found.extend(_category(child, parent.code) for child in children)
        codes = [c.code for c in found]
        if len(set(codes)) != len(codes):
            raise ValueError("category codes must be unique")
        return cls(tuple(found))

    def get(self, code: str) -> Category | None:
        return self._by_code.get(code)

    def children(self, parent_code: str | None) -> list[Category]:
        return [c for c in self.categories if c.parent_code == parent_code]

    def path(self, code: str) -> str:
        """'Infrastruktur › Transportasi' for display."""
        category = self.get(code)
        if category is None:
            return code
        parent = self.get(category.parent_code) if category.parent_code else None
        return f"{parent.name} › {category.name}" if parent else category.name

    def resolve(self, text: str) -> Category:
        """Match by code or exact name at either level, case-insensitive; refuse ambiguity."""
        exact = self._by_code.get(text)
        if exact is not None:
            return exact
        wanted = _key(text)
        if not wanted:
            raise UnknownCategory(text)
        by_code = self._by_folded_code.get(wanted)
        if by_code is not None:
            return by_code
        by_path = self._by_path.get(wanted, [])
        if len(by_path) == 1:
            return by_path[0]
        by_name = self._by_key.get(wanted, [])
        if len(by_name) == 1:
            return by_name[0]
        if len(by_name) > 1:
            raise AmbiguousCategory(text, [f"{self.path(c.code)} ({c.code})" for c in by_name])
        raise UnknownCategory(text)

    def with_categories(self, extra: Iterable[Category]) -> CategoryTree:
        known = {c.code: c for c in self.categories}
        for category in extra:
            known[category.code] = category
        return CategoryTree(tuple(known.values()))


def _category(raw: object, parent_code: str | None) -> Category:
    if not isinstance(raw, Mapping):
        raise ValueError("each category must be an object")
    code, name = raw.get("code"), raw.get("name")
    if not isinstance(code, str) or not code or not isinstance(name, str) or not name.strip():
        raise ValueError(f"category needs a code and a name: {raw!r}")
    return Category(
        code=code, name=name.strip(), parent_code=parent_code, active=bool(raw.get("active", True))
    )
