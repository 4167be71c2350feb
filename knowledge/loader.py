"""Loading and checking the knowledge base.

The knowledge base is a folder of YAML files (``knowledge/services/*.yaml``),
each of the form ``services: [ {...}, ... ]`` with entries shaped by
:class:`knowledge.schema.Service`. It is edited by hand, so loading never
stops at the first mistake: :func:`check` collects every problem it can
find, each naming the file, the entry (service id, or ``#n`` for the n-th
entry when the id itself is unusable) and the field, e.g.::

    knowledge/services/approval.yaml: residence-permit.materials: 至少需要 1 项

Beyond the schema, entries are checked against ``knowledge/catalogue.yaml``
(the fixed list of 40 services): every id must be in the catalogue, with the
catalogue's name, centre and section (kind); no id may appear twice; and
every catalogue id must be present (for a single file: every id of the
catalogue sections the file's entries belong to).

:func:`load` returns a :class:`KnowledgeBase` or raises
:class:`KnowledgeBaseError` carrying the problems.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from knowledge.schema import Centre, Service

HERE = Path(__file__).resolve().parent
DEFAULT_PATH = HERE / "services"
CATALOGUE_PATH = HERE / "catalogue.yaml"

KINDS = ("approval", "convenience")
KIND_NAMES = {"approval": "审批", "convenience": "便民"}


# --- problems ---------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the knowledge base, in words an operator can act on."""

    file: str  # as shown to the operator (relative to the working directory if inside it)
    entry: str | None  # the service id, or "#n" (1-based) when the id is unusable
    field: str | None  # dotted path inside the entry, e.g. "where.centre", "examples[2]"
    message: str  # short, Chinese

    def __str__(self) -> str:
        where = ".".join(p for p in (self.entry, self.field) if p)
        return f"{self.file}: {where}: {self.message}" if where else f"{self.file}: {self.message}"


class KnowledgeBaseError(Exception):
    """The knowledge base cannot be loaded; ``problems`` says why."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        n = len(self.problems)
        lines = [f"知识库有 {n} 处问题："] + [f"  {p}" for p in self.problems]
        super().__init__("\n".join(lines))


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path) if path.resolve().is_relative_to(Path.cwd()) else str(path)
    except (OSError, ValueError):
        return str(path)


# --- YAML -------------------------------------------------------------------

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that refuses a key written twice in one mapping.

    PyYAML silently keeps the last of two equal keys; for a hand-edited
    file that hides a mistake (two ``aliases:`` lists, one lost).
    """


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    loader.flatten_mapping(node)
    seen: dict[Any, yaml.Mark] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            continue  # the base constructor reports it
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"键 {key!r} 重复（第 {seen[key].line + 1} 行已出现）",
                key_node.start_mark,
            )
        seen[key] = key_node.start_mark
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _read_yaml(path: Path, shown: str) -> tuple[Any, list[Problem]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, [Problem(shown, None, None, "文件不是 UTF-8 编码")]
    except OSError as exc:
        return None, [Problem(shown, None, None, f"无法读取：{exc.strerror or exc}")]
    try:
        return yaml.load(text, Loader=_StrictLoader), []
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at = f"第 {mark.line + 1} 行第 {mark.column + 1} 列" if mark else "位置未知"
        start = exc.context_mark
        if start is not None and mark is not None and start.line != mark.line:
            at += f"，始于第 {start.line + 1} 行"
        what = exc.problem or exc.context or "无法解析"
        return None, [Problem(shown, None, None, f"YAML 语法错误（{at}）：{what}")]
    except yaml.YAMLError as exc:
        return None, [Problem(shown, None, None, f"YAML 语法错误：{exc}")]


# --- catalogue --------------------------------------------------------------


@dataclass(frozen=True)
class CatalogueItem:
    id: str
    name: str
    centre: str
    kind: str  # the catalogue section: approval / convenience


def read_catalogue(path: Path | str = CATALOGUE_PATH) -> dict[str, CatalogueItem]:
    """The catalogue, id → item, in catalogue order. Raises KnowledgeBaseError if unusable."""
    path = Path(path)
    shown = _display(path)
    data, problems = _read_yaml(path, shown)
    if problems:
        raise KnowledgeBaseError(problems)
    items: dict[str, CatalogueItem] = {}
    if not isinstance(data, dict):
        raise KnowledgeBaseError([Problem(shown, None, None, "服务目录应为映射（approval / convenience）")])
    for kind in KINDS:
        for i, raw in enumerate(data.get(kind) or [], 1):
            if not isinstance(raw, dict) or not {"id", "name", "centre"} <= raw.keys():
                problems.append(Problem(shown, f"{kind}#{i}", None, "目录项需要 id、name、centre"))
                continue
            items[str(raw["id"])] = CatalogueItem(str(raw["id"]), str(raw["name"]), str(raw["centre"]), kind)
    if problems:
        raise KnowledgeBaseError(problems)
    return items


# --- schema errors → problems ----------------------------------------------


def _loc_path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


_CENTRES = "、".join(c.value for c in Centre)


def _message(err: dict[str, Any]) -> str:
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    value = err.get("input")
    if kind == "missing":
        return "缺少此字段"
    if kind == "extra_forbidden":
        return "未知字段（拼写错误？）"
    if kind == "too_short":
        return f"至少需要 {ctx.get('min_length', 1)} 项"
    if kind == "string_too_short":
        return "不能为空"
    if kind == "string_type":
        hint = "（时间、数字请加引号）" if isinstance(value, (int, float)) else ""
        return f"应为文本，实际是 {_describe(value)}{hint}"
    if kind == "list_type":
        return f"应为列表，实际是 {_describe(value)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"应为映射（键: 值），实际是 {_describe(value)}"
    if kind in ("bool_type", "bool_parsing"):
        return f"应为 true 或 false，实际是 {_describe(value)}"
    if kind == "enum":
        return f"未知中心 {value!r}（可选：{_CENTRES}）"
    if kind == "literal_error":
        return f"应为 {ctx.get('expected', '')}，实际是 {value!r}"
    if kind == "string_pattern_mismatch":
        return "只能用小写字母、数字和连字符（如 residence-permit）"
    return str(err.get("msg", kind))


def _describe(value: Any) -> str:
    if value is None:
        return "空值"
    names = {bool: "布尔值", int: "数字", float: "数字", str: "文本", list: "列表", dict: "映射"}
    return names.get(type(value), type(value).__name__)


# --- checking ---------------------------------------------------------------


def _yaml_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    return [path]


def _validate(
    path: Path | str | None, catalogue_path: Path | str
) -> tuple[list[Service], list[Problem]]:
    path = Path(path) if path is not None else DEFAULT_PATH
    problems: list[Problem] = []
    services: list[Service] = []
    if not path.exists():
        return [], [Problem(_display(path), None, None, "文件或目录不存在")]
    try:
        catalogue = read_catalogue(catalogue_path)
    except KnowledgeBaseError as exc:
        return [], list(exc.problems)
    files = _yaml_files(path)
    if not files:
        return [], [Problem(_display(path), None, None, "目录中没有 YAML 文件")]

    first_seen: dict[str, str] = {}  # id → where it was first defined
    unreadable = False  # a file that could not be parsed: its ids are unknown
    kinds_present: set[str] = set()
    for file in files:
        shown = _display(file)
        data, errs = _read_yaml(file, shown)
        if errs:
            problems.extend(errs)
            unreadable = True
            continue
        if not isinstance(data, dict) or "services" not in data:
            problems.append(Problem(shown, None, None, "文件应以 services: 开头，下面是服务列表"))
            continue
        extra = sorted(str(k) for k in data if k != "services")
        if extra:
            problems.append(Problem(shown, None, None, f"未知的顶层键：{', '.join(extra)}"))
        entries = data["services"]
        if not isinstance(entries, list):
            problems.append(Problem(shown, None, "services", f"应为列表，实际是 {_describe(entries)}"))
            continue
        for index, raw in enumerate(entries, 1):
            entry = _entry_name(raw, index)
            if not isinstance(raw, dict):
                problems.append(Problem(shown, entry, None, f"应为映射（键: 值），实际是 {_describe(raw)}"))
                continue
            problems.extend(_against_catalogue(raw, entry, shown, catalogue, first_seen, kinds_present))
            try:
                service = Service.model_validate(raw)
            except Exception as exc:  # pydantic.ValidationError
                errors = getattr(exc, "errors", None)
                if errors is None:
                    raise
                for err in errors(include_url=False):
                    problems.append(Problem(shown, entry, _loc_path(err["loc"]) or None, _message(err)))
                continue
            services.append(service)

    problems.extend(_unknown_audiences(services, first_seen))
    if unreadable:
        return services, problems  # which ids are missing is known once every file parses
    required = {
        sid: item
        for sid, item in catalogue.items()
        if path.is_dir() or item.kind in kinds_present
    }
    shown_path = _display(path)
    for sid, item in required.items():
        if sid not in first_seen:
            section = KIND_NAMES[item.kind]
            problems.append(
                Problem(shown_path, sid, None, f"目录中的{section}服务「{item.name}」在知识库中缺失")
            )
    return services, problems


def _unknown_audiences(services: list[Service], where: dict[str, str]) -> list[Problem]:
    """Each service's ``audiences`` must be a group of knowledge/audiences.yaml (a typo would hide it from its list)."""
    tagged = [s for s in services if s.audiences]
    if not tagged:
        return []
    from knowledge import audiences  # it reads the knowledge base, so it is imported when needed, not at the top

    try:
        known = {group.id for group in audiences.read()}
    except KnowledgeBaseError as exc:
        return list(exc.problems)
    choices = "、".join(sorted(known))
    return [
        Problem(where.get(s.id, ""), s.id, f"audiences[{i}]", f"未知人群 {tag!r}（可选：{choices}，见 knowledge/audiences.yaml）")
        for s in tagged
        for i, tag in enumerate(s.audiences)
        if tag not in known
    ]


def _entry_name(raw: Any, index: int) -> str:
    if isinstance(raw, dict):
        sid = raw.get("id")
        if isinstance(sid, str) and sid.strip():
            return sid.strip()
    return f"#{index}"


def _against_catalogue(
    raw: dict[str, Any],
    entry: str,
    shown: str,
    catalogue: dict[str, CatalogueItem],
    first_seen: dict[str, str],
    kinds_present: set[str],
) -> list[Problem]:
    sid = raw.get("id")
    if not isinstance(sid, str) or not sid.strip():
        return []  # the schema reports a missing or wrong id
    sid = sid.strip()
    out: list[Problem] = []
    if sid in first_seen:
        out.append(Problem(shown, entry, "id", f"id 重复（{first_seen[sid]} 已有此 id）"))
        return out
    first_seen[sid] = shown
    item = catalogue.get(sid)
    if item is None:
        out.append(Problem(shown, entry, "id", "不在服务目录（knowledge/catalogue.yaml）中"))
        return out
    kinds_present.add(item.kind)
    name = raw.get("name")
    if isinstance(name, str) and name.strip() and name.strip() != item.name:
        out.append(Problem(shown, entry, "name", f"与服务目录不一致：应为「{item.name}」"))
    kind = raw.get("kind")
    if kind in KINDS and kind != item.kind:
        out.append(Problem(shown, entry, "kind", f"与服务目录不一致：应为 {item.kind}"))
    where = raw.get("where")
    centre = where.get("centre") if isinstance(where, dict) else None
    if isinstance(centre, str) and centre in {c.value for c in Centre} and centre != item.centre:
        out.append(Problem(shown, entry, "where.centre", f"与服务目录不一致：应为 {item.centre}"))
    return out


def check(path: Path | str | None = None, *, catalogue: Path | str = CATALOGUE_PATH) -> list[Problem]:
    """Every problem found in the knowledge base at ``path`` (a folder or one file)."""
    return _validate(path, catalogue)[1]


# --- the loaded knowledge base ---------------------------------------------


@dataclass(frozen=True)
class KnowledgeBase:
    """The validated services, in catalogue order."""

    services: tuple[Service, ...]
    _by_id: dict[str, Service] = field(repr=False, compare=False)

    @classmethod
    def of(cls, services: Iterable[Service], order: Iterable[str] = ()) -> KnowledgeBase:
        rank = {sid: i for i, sid in enumerate(order)}
        ordered = sorted(services, key=lambda s: rank.get(s.id, len(rank)))
        return cls(tuple(ordered), {s.id: s for s in ordered})

    def __len__(self) -> int:
        return len(self.services)

    def __iter__(self) -> Iterator[Service]:
        return iter(self.services)

    def __contains__(self, service_id: object) -> bool:
        return service_id in self._by_id

    def __getitem__(self, service_id: str) -> Service:
        return self._by_id[service_id]

    def get(self, service_id: str) -> Service | None:
        return self._by_id.get(service_id)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.services)

    def by_kind(self, kind: str) -> tuple[Service, ...]:
        return tuple(s for s in self.services if s.kind == kind)

    def by_centre(self, centre: Centre | str) -> tuple[Service, ...]:
        value = centre.value if isinstance(centre, Centre) else centre
        return tuple(s for s in self.services if s.where.centre.value == value)

    def summary(self) -> str:
        """One line, e.g. ``40 项服务（审批 25，便民 15）``."""
        parts = "，".join(f"{KIND_NAMES[k]} {len(self.by_kind(k))}" for k in KINDS if self.by_kind(k))
        return f"{len(self)} 项服务（{parts}）"


def inspect(
    path: Path | str | None = None, *, catalogue: Path | str = CATALOGUE_PATH
) -> tuple[KnowledgeBase | None, list[Problem]]:
    """The knowledge base and the problems found: ``(kb, [])`` or ``(None, problems)``."""
    services, problems = _validate(path, catalogue)
    if problems:
        return None, problems
    return KnowledgeBase.of(services, read_catalogue(catalogue)), []


def load(path: Path | str | None = None, *, catalogue: Path | str = CATALOGUE_PATH) -> KnowledgeBase:
    """The knowledge base at ``path`` (default: ``knowledge/services/``), validated.

    Raises :class:`KnowledgeBaseError` listing every problem found.
    """
    kb, problems = inspect(path, catalogue=catalogue)
    if kb is None:
        raise KnowledgeBaseError(problems)
    return kb
