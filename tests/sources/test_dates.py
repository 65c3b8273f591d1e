"""Dates as the papers print them: with a year, and in groups without one."""

from __future__ import annotations

from datetime import date

from pipeline.sources.common import day_month_dates, parse_date


def test_written_dates_in_the_forms_hansard_prints():
    assert parse_date("Thursday, 25th February, 1999.") == date(1999, 2, 25)
    assert parse_date("debated on Tuesday 25 March 1913") == date(1913, 3, 25)
    assert parse_date("26 Oct 1999") == date(1999, 10, 26)
    assert parse_date("HC Deb 06 March 1919 vol 113") == date(1919, 3, 6)


def test_a_tabling_group_without_a_year_takes_the_papers_year():
    # "25 June (9 July)" on a paper of 20 July 2010: both in 2010.
    assert day_month_dates("25 June (9 July)", date(2010, 7, 20)) == [date(2010, 6, 25), date(2010, 7, 9)]


def test_a_day_after_the_papers_date_is_of_the_year_before():
    # A list of 10 January 2010 holding questions tabled on 14 December: of 2009.
    assert day_month_dates("14 December", date(2010, 1, 10)) == [date(2009, 12, 14)]


def test_dates_with_a_year_or_impossible_days_are_not_read_without_one():
    assert day_month_dates("3 Sept. 2009", date(2010, 1, 1)) == []
    assert day_month_dates("30 February", date(2010, 5, 1)) == []
    assert day_month_dates("3 Sept. (4 Oct)", date(2010, 1, 1)) == [date(2009, 9, 3), date(2009, 10, 4)]


def test_without_the_papers_date_there_is_no_year_to_give():
    assert day_month_dates("25 June (9 July)", None) == []
