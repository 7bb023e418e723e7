"""What each explorer shows for one set of parameters, in plain Python: one module per chapter.

Each function here is an explorer's ``compute(context, **params) -> View`` (see
:mod:`japansec.explorer`): ``context`` is the plain data its scenario's ``context()`` read from the
data package at build time. These modules import only the standard library, ``japansec.explorer``,
``japansec.text`` and ``japansec.models`` (and GeographicLib), so the same files run in the
kernel and, under Pyodide, in the reader's browser.
"""
