"""House rules that keep the core usable without a GUI."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import interview_prep

PACKAGE = Path(interview_prep.__file__).parent
ENTRY_POINTS = {PACKAGE / "app.py", PACKAGE / "__main__.py"}


def core_modules() -> list[Path]:
    return [
        path
        for path in sorted(PACKAGE.rglob("*.py"))
        if (PACKAGE / "ui") not in path.parents and path not in ENTRY_POINTS
    ]


def imported_names(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_nothing_outside_ui_imports_qt() -> None:
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(n for n in imported_names(path) if "PySide6" in n)
        for path in core_modules()
    }
    assert {k: v for k, v in offenders.items() if v} == {}
    assert len(offenders) > 10  # the scan really saw the core


def test_core_runs_without_loading_qt(tmp_path: Path) -> None:
    modules = [
        ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
        for path in core_modules()
        if "migrations" not in path.parts
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "from interview_prep.cli import main\n"
        "main(['bank', 'list', '--json'])\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('PySide6'))\n"
        "assert not loaded, loaded\n"
    )
    env = {**os.environ, "INTERVIEW_PREP_DATA_DIR": str(tmp_path)}
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, env=env)


def test_every_module_says_what_it_is_for() -> None:
    missing = [
        str(path.relative_to(PACKAGE))
        for path in sorted(PACKAGE.rglob("*.py"))
        if "versions" not in path.parts and not ast.get_docstring(ast.parse(path.read_text()))
    ]
    assert missing == []


def test_the_stores_names_load_on_first_use_and_each_is_there() -> None:
    """``interview_prep.store`` names its API three times (for mypy, for ``__all__`` and for
    the lazy loader): each name must resolve, and importing the package alone must not
    import SQLAlchemy (the main window paints without it)."""
    code = (
        "import sys\n"
        "import interview_prep.store as store\n"
        "assert 'sqlalchemy' not in sys.modules\n"
        "assert sorted(store.__all__) == sorted(store._HOMES), "
        "set(store.__all__) ^ set(store._HOMES)\n"
        "for name in store.__all__:\n"
        "    getattr(store, name)\n"
        "assert 'sqlalchemy' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    checked = ast.parse((PACKAGE / "store" / "__init__.py").read_text())
    typed = {
        alias.asname or alias.name
        for node in ast.walk(checked)
        if isinstance(node, ast.If)
        for child in node.body
        if isinstance(child, ast.ImportFrom)
        for alias in child.names
    }
    import interview_prep.store as store

    assert typed == set(store.__all__)
