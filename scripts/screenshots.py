"""Render the app's screens offscreen to ``docs/screenshots/`` (run after UI changes).

    .venv/bin/python scripts/screenshots.py

Each screen is built exactly as the app builds it, on a throw-away data directory holding
only the bundled bank, and saved with ``QWidget.grab()``:

* ``main-window.png``: the bank browser;
* ``answer-light.png`` / ``answer-dark.png``: a bundled answer with code and nested lists;
* ``answer-constructs-light.png`` / ``-dark.png``: every construct the renderer knows
  (table, fold open and closed, quote, inline code), since no bundled answer has a table.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from interview_prep.app import create_window
from interview_prep.ui.answer_view import AnswerView, Section
from interview_prep.ui.main_window import MainWindow
from interview_prep.ui.preferences import ThemeChoice

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"

CONSTRUCTS = """\
#### Executors compared

| Executor | Runs tasks | Scales out |
| :------- | :--------- | :--------: |
| `LocalExecutor` | in processes on the scheduler's machine | no |
| `CeleryExecutor` | on Celery workers via a broker | yes |
| `KubernetesExecutor` | in one pod per task | yes |

> Pick the simplest executor that meets your load.

1. **Sequential**: one task at a time
   - for development only
2. **Local**: parallel on one machine

<details><summary>Show a configuration example</summary>

```ini
[core]
executor = CeleryExecutor
```
</details>

<details><summary>Why not always Kubernetes?</summary>

Pod start-up adds seconds to every task.
</details>
"""


def _select(window: MainWindow, topic: str, row: int) -> None:
    flags = Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
    window.topic_list.setCurrentItem(window.topic_list.findItems(topic, flags)[0])
    window.question_list.setCurrentItem(window.question_list.topLevelItem(row))


def _save(widget: AnswerView | MainWindow, name: str) -> None:
    QApplication.processEvents()
    path = OUT / name
    widget.grab().save(str(path))
    print(path)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as data_dir:
        window = create_window(Path(data_dir))
        window.resize(1200, 760)
        window.show()
        _select(window, "Implementations / DAGs", 1)
        _save(window, "main-window.png")
        window.close()

        for choice in (ThemeChoice.LIGHT, ThemeChoice.DARK):
            window = create_window(Path(data_dir))
            window.display.set_theme(choice)
            _select(window, "Implementations / DAGs", 1)
            view = AnswerView(window.render_cache)
            window.display.apply(view)
            question = window.current_question()
            assert question is not None
            view.show_sections(
                [Section(question.question, emphasis=True), Section(question.answer or "")],
                caption=question.topic,
            )
            view.resize(760, 1000)
            view.show()
            _save(view, f"answer-{choice.value}.png")

            view.show_sections(
                [Section("How do the executors compare?", emphasis=True), Section(CONSTRUCTS)],
                caption="Architecture",
            )
            view.toggle_fold(0)
            view.resize(760, 760)
            _save(view, f"answer-constructs-{choice.value}.png")
            window.display.set_theme(ThemeChoice.SYSTEM)
            window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
