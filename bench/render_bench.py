"""Answer rendering speed over every bundled question and answer, cold and warm.

    .venv/bin/python bench/render_bench.py [--rounds 3]

Cold: the first render of each text (a fresh ``RenderCache``; the Markdown engines are
already built, as they are after the first answer a user opens). Warm: the same texts again,
served from the cache, as when the user comes back to a question. Targets: p95 cold
< 16 ms (one frame), warm < 1 ms. Then answers a stranger's bank could hold, slow to
render (see ``render.limits``): how long each takes (no target: the view renders off the
UI thread), and the longest the UI thread goes without its event loop while an
``AnswerView`` shows each one, offscreen (target: no stall over 50 ms).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import percentile, write_result

from interview_prep.bank.loader import load_catalog
from interview_prep.paths import bundled_bank_dir
from interview_prep.render import RenderCache, render_answer


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the key numbers here")
    args = parser.parse_args()
    catalog = load_catalog(bundled_bank_dir(), None)
    texts = [(q.id, q.answer) for q in catalog.questions() if q.answer]
    texts += [(f"{q.id}:q", q.question) for q in catalog.questions()]

    start = time.perf_counter()
    render_answer("warm *up* `the` engines\n\n```python\nx = 1\n```", dark=False)
    render_answer("warm *up*", dark=True)
    first_use = time.perf_counter() - start

    results: dict[str, tuple[list[float], list[float]]] = {}
    for dark in (False, True):
        cold: list[float] = []
        warm: list[float] = []
        for _ in range(args.rounds):
            cache = RenderCache(max_entries=10_000)
            for key, text in texts:
                t0 = time.perf_counter()
                cache.render(text, question_id=key, dark=dark)
                cold.append(time.perf_counter() - t0)
            for key, text in texts:
                t0 = time.perf_counter()
                cache.render(text, question_id=key, dark=dark)
                warm.append(time.perf_counter() - t0)
        results["dark" if dark else "light"] = (cold, warm)

    print(f"texts           {len(texts)} (answers and questions of the bundled bank)")
    print(f"first use       {first_use * 1000:.1f} ms (imports and building the engines)")
    ok = True
    for theme, (cold, warm) in results.items():
        c50, c95 = statistics.median(cold) * 1000, percentile(cold, 0.95) * 1000
        w50, w95 = statistics.median(warm) * 1000, percentile(warm, 0.95) * 1000
        ok &= c95 < 16 and w95 < 1
        worst = max(cold) * 1000
        print(f"{theme:<6} cold    p50 {c50:6.2f} ms   p95 {c95:6.2f} ms   max {worst:6.2f} ms")
        print(f"{theme:<6} warm    p50 {w50 * 1000:6.1f} µs   p95 {w95 * 1000:6.1f} µs")
    print(f"targets         p95 cold < 16 ms, warm < 1 ms: {'met' if ok else 'MISSED'}")
    worst_hostile = hostile()
    worst_stall = stalls()
    write_result(
        args.json,
        {
            "render_cold_p50_ms": statistics.median(results["light"][0]) * 1000,
            "render_cold_p95_ms": percentile(results["light"][0], 0.95) * 1000,
            "render_warm_p95_ms": percentile(results["light"][1], 0.95) * 1000,
            "render_hostile_max_ms": worst_hostile * 1000,
            "render_hostile_stall_ms": worst_stall * 1000,
        },
    )
    return 0


# Answers a stranger's bank could hold, that froze the window before render.limits:
# seconds each in Python-Markdown's link parser, or in Qt's layout of a huge word.
HOSTILE = {
    "4000 '![ '": "![ " * 4000,
    "4000 '[a]( '": "[a]( " * 4000,
    "4000 'see [ '": "see [ " * 4000,
    "a 1 MB word": "x" * 1_000_000,
    "3.6 MB of markdown": "**word** and more " * 200_000,
    "900 'see [ '": "see [ " * 900,
    "400 code blocks": "```python\nx = 1\n```\n\n" * 400,
    "1500 small tables": "| a |\n| - |\n| b |\n\n" * 1500,
}


def hostile() -> float:
    """Render each hostile answer once; print the times; the slowest, in seconds."""
    worst = 0.0
    for name, text in HOSTILE.items():
        started = time.perf_counter()
        render_answer(text)
        elapsed = time.perf_counter() - started
        worst = max(worst, elapsed)
        print(f"hostile         {name:<20} {elapsed * 1000:8.1f} ms to render")
    return worst


def stalls() -> float:
    """Show each hostile answer in an ``AnswerView`` (offscreen) until it is rendered; the
    longest the UI thread went without its event loop meanwhile, in seconds."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from _stalls import StallMeter
    from PySide6.QtWidgets import QApplication

    from interview_prep.ui.answer_view import AnswerView

    app = QApplication.instance() or QApplication([])
    view = AnswerView(RenderCache())
    view.resize(760, 900)
    view.show()
    worst = 0.0
    for name, text in HOSTILE.items():
        with StallMeter() as meter:
            view.show_markdown(text, key=name)
            while view.rendering:
                app.processEvents()
                time.sleep(0.001)
            app.processEvents()  # the rendered answer laid out and painted
        stall = meter.worst()[0]
        worst = max(worst, stall)
        print(f"hostile         {name:<20} {stall * 1000:8.1f} ms longest UI stall")
    print(f"target          no UI stall over 50 ms: {'met' if worst <= 0.05 else 'MISSED'}")
    return worst


if __name__ == "__main__":
    sys.exit(main())
