"""Charts of practice history drawn with ``QPainter`` (no QtCharts: it needs PySide6-Addons).

* ``MasteryBarChart``: mastery per topic as horizontal bars; a click emits ``topicClicked``;
* ``ActivityChart``: attempts per period as bars and the mean rating as a line;
* ``PracticeCalendar``: attempts per day as a contribution-graph heatmap.

Each follows the app theme through ``set_dark``, shows "No practice yet" without data,
explains what is under the mouse in a tooltip (``tooltip_at``) and returns what it draws as
plain data for tests (``bars()``, ``plotted()``, ``cells()``).
"""

from ._base import ChartWidget, scale_colour, success_colour
from .bars import MasteryBarChart
from .calendar import PracticeCalendar, level_for, level_thresholds
from .timeline import ActivityChart

__all__ = [
    "ActivityChart",
    "ChartWidget",
    "MasteryBarChart",
    "PracticeCalendar",
    "level_for",
    "level_thresholds",
    "scale_colour",
    "success_colour",
]
