"""Figure functions take their data as arguments: tested here on the real tables and on edited
copies, so that a figure that ignored its data (a typed date or number) would fail."""

from __future__ import annotations

import pandas as pd
import pytest

from japansec import data
from japansec.figures import alliance


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return data.with_sources(data.load("events"))


def test_export_ladder_steps_come_from_the_events(events) -> None:
    as_of = data.package()["as_of"]
    fig = alliance.export_ladder(events, as_of)
    line, steps = fig.data[0], fig.data[1]
    rows = events.set_index("id").loc[[event for event, _ in alliance.LADDER]]
    assert list(steps.x) == rows["date"].dt.strftime("%Y-%m-%d").tolist()
    assert list(line.x)[-1] == as_of and list(steps.y) == list(range(len(alliance.LADDER)))
    assert all(label.startswith(f"{d.year}:") for label, d in zip(steps.text, rows["date"],
                                                                   strict=True))
    assert all(title in hover for title, hover in zip(rows["title"], steps.hovertext,
                                                      strict=True))
    assert f"in {len(alliance.LADDER) - 1} steps" in fig.layout.title.text


def test_export_ladder_follows_an_edited_date(events) -> None:
    edited = events.copy()
    edited.loc[edited["id"] == "gcap-export-rule", "date"] = pd.Timestamp("2024-05-02")
    steps = alliance.export_ladder(edited, "2030-01-01").data[1]
    assert "2024-05-02" in steps.x and list(alliance.export_ladder(edited, "2030-01-01")
                                            .data[0].x)[-1] == "2030-01-01"


def test_command_diagram_dates_come_from_the_events(events) -> None:
    edited = events.copy()
    edited.loc[edited["id"] == "jjoc-launch", "date"] = pd.Timestamp("2025-04-01")
    labels = [t for trace in alliance.command_relationships(edited).data
              if trace.mode == "markers+text" for t in trace.text]
    assert any("since 1 Apr 2025" in label for label in labels), labels
    labels = [t for trace in alliance.command_relationships(events).data
              if trace.mode == "markers+text" for t in trace.text]
    assert any("since 24 Mar 2025" in label for label in labels), labels


def test_every_ladder_step_is_an_export_policy_event(events) -> None:
    rows = events.set_index("id").loc[[event for event, _ in alliance.LADDER]]
    assert set(rows["category"]) == {"export-policy"}
    assert rows["date"].is_monotonic_increasing


@pytest.mark.parametrize("text,width", [
    ("Supercalifragilisticexpialidocious is long", 10),
    ("The cabinet replaced the near-total export ban of 1976 with new principles", 20),
    ("exactly ten", 11),
])
def test_wrap_keeps_lines_within_width_and_never_starts_with_a_break(text, width) -> None:
    from japansec.style import wrap

    lines = wrap(text, width).split("<br>")
    assert lines[0] and " ".join(lines) == text
    assert all(len(line) <= width or " " not in line for line in lines), lines
