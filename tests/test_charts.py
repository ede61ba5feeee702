"""The practice charts: data in, geometry out; empty states, theme, tooltips and clicks."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QColor, QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip, QWidget
from pytestqt.qtbot import QtBot

from interview_prep.render.theme import DARK, LIGHT, AnswerTheme
from interview_prep.ui.charts import (
    ActivityChart,
    MasteryBarChart,
    PracticeCalendar,
    level_for,
    level_thresholds,
    scale_colour,
)
from interview_prep.ui.charts._base import MONTHS
from interview_prep.ui.charts.timeline import attempts_step

END = date(2026, 5, 14)  # a Thursday


def shown(qtbot: QtBot, widget: QWidget, width: int = 600, height: int = 300) -> None:
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)


def corner_colour(widget: QWidget) -> QColor:
    return widget.grab().toImage().pixelColor(2, 2)


# -- the colour scale ---------------------------------------------------------------------


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_scale_runs_from_danger_through_warning_to_green(theme: AnswerTheme) -> None:
    assert scale_colour(0.0, theme).name() == QColor(theme.danger).name()
    assert scale_colour(0.5, theme).name() == QColor(theme.warning).name()
    green = scale_colour(1.0, theme)
    assert green.name() == ("#3fb950" if theme is DARK else "#1a7f37")
    assert scale_colour(-3, theme) == scale_colour(0, theme)
    assert scale_colour(7, theme) == green


# -- MasteryBarChart ----------------------------------------------------------------------

ROWS = [("Kubernetes", 10.0), ("Airflow", 40.0), ("SQL", 80.0), ("Git", 100.0)]


@pytest.fixture
def mastery(qtbot: QtBot) -> MasteryBarChart:
    chart = MasteryBarChart()
    chart.set_data(ROWS)
    shown(qtbot, chart, 500, chart.sizeHint().height())
    return chart


def test_bars_keep_the_given_order_and_are_proportional(mastery: MasteryBarChart) -> None:
    bars = mastery.bars()
    assert [(label, value) for label, value, _ in bars] == ROWS
    tops = [rect.top() for _, _, rect in bars]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)
    lefts = {rect.left() for _, _, rect in bars}
    assert len(lefts) == 1  # one baseline
    full = bars[-1][2].width()
    for _, value, rect in bars:
        assert rect.width() == pytest.approx(full * value / 100)
        assert rect.right() <= mastery.width()


def test_mastery_values_are_clamped(qtbot: QtBot) -> None:
    chart = MasteryBarChart()
    chart.set_data([("Over", 150.0), ("Under", -5.0)])
    shown(qtbot, chart, 400, 200)
    (_, over, over_rect), (_, under, under_rect) = chart.bars()
    assert (over, under) == (100.0, 0.0)
    assert under_rect.width() == 0 and over_rect.width() > 0


def test_long_labels_do_not_push_the_bars_off(qtbot: QtBot) -> None:
    chart = MasteryBarChart()
    chart.set_data([("A very long topic name " * 8, 50.0)])
    shown(qtbot, chart, 400, 120)
    (_, _, rect) = chart.bars()[0]
    assert 0 < rect.left() < 400 * 0.6
    assert rect.width() > 50


def test_mastery_tooltip_has_the_exact_value(mastery: MasteryBarChart) -> None:
    mastery.set_data([("Kubernetes", 42.25), ("Airflow", 40.0)])
    rect = mastery.bars()[0][2]
    assert mastery.tooltip_at(QPointF(rect.left() + 2, rect.center().y())) == (
        "Kubernetes\nMastery 42.2 / 100"
    )
    second = mastery.bars()[1][2]
    assert "Airflow" in (mastery.tooltip_at(second.center()) or "")
    assert mastery.tooltip_at(QPointF(5, mastery.height() + 50)) is None


def test_click_on_a_bar_emits_its_topic(qtbot: QtBot, mastery: MasteryBarChart) -> None:
    rect = mastery.bars()[1][2]
    with qtbot.waitSignal(mastery.topicClicked, timeout=1000) as blocker:
        qtbot.mouseClick(mastery, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert blocker.args == ["Airflow"]


def test_click_outside_the_bars_emits_nothing(qtbot: QtBot, mastery: MasteryBarChart) -> None:
    mastery.resize(500, mastery.sizeHint().height() + 100)
    with qtbot.assertNotEmitted(mastery.topicClicked):
        qtbot.mouseClick(
            mastery, Qt.MouseButton.LeftButton, pos=QPointF(250, mastery.height() - 5).toPoint()
        )


def test_mastery_object_name_accessible_name_and_size(mastery: MasteryBarChart) -> None:
    assert mastery.objectName() == "masteryChart"
    assert mastery.accessibleName()
    empty_height = MasteryBarChart().sizeHint().height()
    mastery.set_data(ROWS * 3)
    assert mastery.sizeHint().height() > empty_height
    assert mastery.minimumSizeHint().width() <= mastery.sizeHint().width()


# -- ActivityChart ------------------------------------------------------------------------

WEEKS = [
    (date(2026, 4, 6), 10, 2.0),
    (date(2026, 4, 13), 20, None),
    (date(2026, 4, 20), 5, 4.0),
    (date(2026, 4, 27), 0, None),
    (date(2026, 5, 4), 15, 1.0),
]


@pytest.fixture
def activity(qtbot: QtBot) -> ActivityChart:
    chart = ActivityChart()
    chart.set_data(WEEKS)
    shown(qtbot, chart, 600, 260)
    return chart


def test_activity_bars_are_proportional_and_in_date_order(qtbot: QtBot) -> None:
    chart = ActivityChart()
    chart.set_data(list(reversed(WEEKS)))
    shown(qtbot, chart, 600, 260)
    plotted = chart.plotted()
    assert [start for start, _, _ in plotted] == [start for start, _, _ in WEEKS]
    centres = [bar.center().x() for _, bar, _ in plotted]
    assert centres == sorted(centres)
    bottoms = {round(bar.bottom(), 6) for _, bar, _ in plotted}
    assert len(bottoms) == 1  # one baseline
    heights = [bar.height() for _, bar, _ in plotted]
    per_attempt = heights[0] / 10
    for (_, attempts, _), height in zip(WEEKS, heights, strict=True):
        assert height == pytest.approx(per_attempt * attempts)


def test_ratings_sit_on_the_fixed_axis_and_none_leaves_no_point(
    activity: ActivityChart,
) -> None:
    plotted = activity.plotted()
    points = [point for _, _, point in plotted]
    assert points[1] is None and points[3] is None
    good, easy, again = points[0], points[2], points[4]
    assert good is not None and easy is not None and again is not None
    baseline = plotted[0][1].bottom()
    assert again.y() == pytest.approx(baseline)  # rating 1 on the axis' bottom
    assert easy.y() < good.y() < again.y()
    assert good.y() - easy.y() == pytest.approx(2 * (again.y() - good.y()))
    for _, bar, point in plotted:
        if point is not None:
            assert point.x() == pytest.approx(bar.center().x())


def test_attempts_axis_has_three_whole_steps() -> None:
    for most in (0, 1, 3, 4, 7, 13, 38, 100, 999):
        step = attempts_step(most)
        assert isinstance(step, int) and step >= 1
        assert 3 * step >= most
        assert 3 * step <= max(3, 2 * most)  # the top tick is not far above the data


def test_activity_tooltip(activity: ActivityChart) -> None:
    plotted = activity.plotted()
    text = activity.tooltip_at(plotted[0][1].center())
    assert text == "Week of Mon 6 Apr 2026\n10 attempts\nMean rating 2.00"
    assert activity.tooltip_at(plotted[1][1].center()) == (
        "Week of Mon 13 Apr 2026\n20 attempts\nNo rating"
    )
    assert activity.tooltip_at(QPointF(1, 1)) is None


def test_daily_and_monthly_periods_read_as_such(qtbot: QtBot) -> None:
    chart = ActivityChart()
    chart.set_data([(END, 1, 3.0), (END + timedelta(days=1), 2, None)])
    shown(qtbot, chart, 400, 200)
    assert chart.tooltip_at(chart.plotted()[0][1].center()) == (
        "Thu 14 May 2026\n1 attempt\nMean rating 3.00"
    )
    chart.set_data([(date(2026, 1, 1), 4, 2.5), (date(2026, 2, 1), 3, 3.5)])
    assert (chart.tooltip_at(chart.plotted()[1][1].center()) or "").startswith("Feb 2026\n")


def test_date_labels_are_evenly_spaced_months_on_a_long_range(qtbot: QtBot) -> None:
    first = date(2024, 11, 4)
    chart = ActivityChart()
    chart.set_data([(first + timedelta(weeks=i), 5 + i % 7, 3.0) for i in range(105)])
    shown(qtbot, chart, 600, 260)
    labels = chart.date_labels()
    texts = [text for text, _ in labels]
    assert len(texts) >= 3
    assert all(text.split()[0] in MONTHS for text in texts)
    assert any(" " in text for text in texts[:1])  # the first one has its year
    months = [MONTHS.index(text.split()[0]) for text in texts]
    strides = {(b - a) % 12 for a, b in itertools.pairwise(months)}
    assert len(strides) == 1  # every k-th month, not whatever happened to fit
    rects = [rect for _, rect in labels]
    for left, right in itertools.pairwise(rects):
        assert left.right() < right.left()
    for rect in rects:
        assert rect.left() >= 0 and rect.right() <= chart.width()


def test_short_range_labels_days(activity: ActivityChart) -> None:
    texts = [text for text, _ in activity.date_labels()]
    assert texts[0] == "Week of 6 Apr"  # a weekly bar is labelled by its Monday, and says so
    assert texts[1:] and all(not text.startswith("Week") for text in texts[1:])
    chart = ActivityChart()
    chart.set_data([(END, 1, 3.0), (END + timedelta(days=1), 2, None)])
    assert chart.date_labels()[0][0] == "14 May"  # days need no such word


def test_activity_object_and_accessible_names(activity: ActivityChart) -> None:
    assert activity.objectName() == "activityChart"
    assert activity.accessibleName()


# -- PracticeCalendar ---------------------------------------------------------------------


CALENDAR_DAYS = {END - timedelta(days=i): (i % 9) for i in range(0, 300, 2)}
CALENDAR_DAYS[date(2026, 5, 12)] = 12


@pytest.fixture
def calendar(qtbot: QtBot) -> PracticeCalendar:
    chart = PracticeCalendar()
    chart.set_data(CALENDAR_DAYS, end=END)
    shown(qtbot, chart, 900, 200)
    return chart


def test_a_day_sits_in_its_week_column_and_weekday_row(calendar: PracticeCalendar) -> None:
    cells = calendar.cells()
    assert max(cells) == END  # nothing after the end
    assert min(cells).weekday() == 0  # the first column starts on a Monday
    assert len({day for day in cells if day.weekday() == 0}) == 53

    tuesday = cells[date(2026, 5, 12)][0]
    monday = cells[date(2026, 5, 11)][0]
    last_week_tuesday = cells[date(2026, 5, 5)][0]
    end = cells[END][0]
    assert tuesday.left() == monday.left() == end.left()  # one column per week
    assert monday.top() < tuesday.top() < end.top()  # Monday first
    assert last_week_tuesday.top() == tuesday.top()
    assert last_week_tuesday.left() < tuesday.left()
    first = cells[min(cells)][0]
    pitch = tuesday.left() - last_week_tuesday.left()
    assert tuesday.left() - first.left() == pytest.approx(52 * pitch)
    for rect, _ in cells.values():
        assert calendar.rect().contains(rect.toRect())


def test_levels_are_monotonic_in_counts(calendar: PracticeCalendar) -> None:
    cells = calendar.cells()
    pairs = sorted((CALENDAR_DAYS.get(day, 0), level) for day, (_, level) in cells.items())
    levels = [level for _, level in pairs]
    assert levels == sorted(levels)
    assert {level for count, level in pairs if count == 0} == {0}
    assert levels[-1] == 4
    assert set(levels) == {0, 1, 2, 3, 4}


def test_one_huge_day_does_not_wash_out_the_others() -> None:
    counts = [1, 2, 3, 4, 5, 6, 7, 8, 500]
    thresholds = level_thresholds(counts)
    levels = [level_for(count, thresholds, max(counts)) for count in counts]
    assert levels == sorted(levels)
    assert levels[-1] == 4
    assert {1, 2, 3} <= set(levels[:-1])  # ordinary days still spread over the shades
    assert level_for(0, thresholds, 500) == 0
    single = level_thresholds([3])
    assert level_for(3, single, 3) == 4


def test_calendar_tooltip(calendar: PracticeCalendar) -> None:
    cells = calendar.cells()
    assert calendar.tooltip_at(cells[date(2026, 5, 12)][0].center()) == (
        "Tue 12 May 2026: 12 attempts"
    )
    assert calendar.tooltip_at(cells[date(2026, 5, 13)][0].center()) == (
        "Wed 13 May 2026: no attempts"
    )
    assert calendar.tooltip_at(QPointF(1, 1)) is None
    end = cells[END][0]
    after_end = QPointF(end.center().x(), end.center().y() + 2 * (end.height() + 3))
    assert calendar.tooltip_at(after_end) is None  # Saturday, after the end


def test_days_outside_the_range_are_ignored(qtbot: QtBot) -> None:
    chart = PracticeCalendar()
    chart.set_data({END + timedelta(days=3): 5, END - timedelta(days=800): 5}, end=END, weeks=4)
    shown(qtbot, chart)
    assert chart.is_empty()
    assert len(chart.cells()) == 3 * 7 + END.weekday() + 1
    assert chart.grab().isNull() is False


def test_calendar_object_and_accessible_names(calendar: PracticeCalendar) -> None:
    assert calendar.objectName() == "practiceCalendar"
    assert calendar.accessibleName()
    assert calendar.minimumSizeHint().width() < calendar.sizeHint().width()


# -- common to all three ------------------------------------------------------------------

CHARTS = [MasteryBarChart, ActivityChart, PracticeCalendar]


@pytest.mark.parametrize("cls", CHARTS, ids=lambda cls: cls.__name__)
def test_empty_state_paints(
    qtbot: QtBot, cls: type[MasteryBarChart | ActivityChart | PracticeCalendar]
) -> None:
    chart = cls()
    shown(qtbot, chart, 400, 200)
    assert chart.is_empty()
    assert not chart.grab().isNull()
    assert chart.tooltip_at(QPointF(200, 100)) is None
    if isinstance(chart, PracticeCalendar):
        chart.set_data({}, end=END)
    else:
        chart.set_data([])
    assert chart.is_empty()
    image = chart.grab().toImage()
    assert not image.isNull()
    # Something (the "No practice yet" text) is drawn on the background.
    colours = {image.pixel(x, y) for x in range(0, 400, 2) for y in range(80, 120)}
    assert len(colours) > 1


def test_a_period_without_activity_is_empty(qtbot: QtBot) -> None:
    chart = ActivityChart()
    chart.set_data([(END, 0, None), (END + timedelta(days=7), 0, None)])
    shown(qtbot, chart)
    assert chart.is_empty()
    assert len(chart.plotted()) == 2


@pytest.mark.parametrize("cls", CHARTS, ids=lambda cls: cls.__name__)
def test_tooltip_event_shows_the_text(
    qtbot: QtBot, cls: type[MasteryBarChart | ActivityChart | PracticeCalendar]
) -> None:
    chart = cls()
    if isinstance(chart, MasteryBarChart):
        chart.set_data(ROWS)
    elif isinstance(chart, ActivityChart):
        chart.set_data(WEEKS)
    else:
        chart.set_data(CALENDAR_DAYS, end=END)
    shown(qtbot, chart, 900, 260)
    if isinstance(chart, MasteryBarChart):
        pos = chart.bars()[0][2].center()
    elif isinstance(chart, ActivityChart):
        pos = chart.plotted()[0][1].center()
    else:
        pos = chart.cells()[date(2026, 5, 12)][0].center()
    expected = chart.tooltip_at(pos)
    assert expected
    point = pos.toPoint()
    event = QHelpEvent(QEvent.Type.ToolTip, point, chart.mapToGlobal(point))
    QApplication.sendEvent(chart, event)
    qtbot.waitUntil(lambda: QToolTip.isVisible(), timeout=2000)
    assert QToolTip.text() == expected
    QToolTip.hideText()


@pytest.mark.parametrize("cls", CHARTS, ids=lambda cls: cls.__name__)
def test_set_dark_changes_the_rendered_colours(
    qtbot: QtBot, cls: type[MasteryBarChart | ActivityChart | PracticeCalendar]
) -> None:
    chart = cls()
    shown(qtbot, chart, 400, 200)
    assert corner_colour(chart) == QColor(LIGHT.background)
    chart.set_dark(True)
    assert chart.dark
    assert corner_colour(chart) == QColor(DARK.background)
    chart.set_dark(False)
    assert corner_colour(chart) == QColor(LIGHT.background)


def test_bar_colour_follows_the_theme(mastery: MasteryBarChart) -> None:
    rect = mastery.bars()[0][2]
    point = rect.center().toPoint()
    light = mastery.grab().toImage().pixelColor(point)
    mastery.set_dark(True)
    dark = mastery.grab().toImage().pixelColor(point)
    assert light != dark
    assert light.name() == scale_colour(0.1, LIGHT).name()
    assert dark.name() == scale_colour(0.1, DARK).name()
