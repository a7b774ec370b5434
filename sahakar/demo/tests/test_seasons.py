"""The demo calendar: festival peaks, and counts spread over the years without loss."""

from datetime import date

from sahakar.demo.seasons import Calendar, day_weight, festival


def test_it_weighs_khmer_new_year_above_the_rainy_season() -> None:
    assert day_weight(date(2025, 4, 10), 2025) > day_weight(date(2025, 6, 10), 2025)
    assert festival(date(2025, 4, 14)) == "Khmer New Year"
    assert festival(date(2025, 10, 1)) == "Pchum Ben"
    assert festival(date(2025, 6, 10)) is None


def test_it_spreads_a_total_over_the_years_exactly() -> None:
    calendar = Calendar(date(2016, 11, 25), date(2026, 11, 25))
    split = calendar.split(120_000)
    assert sum(split.values()) == 120_000
    assert sorted(split) == list(range(2016, 2027))
    assert split[2025] > split[2018]  # the trend rises
