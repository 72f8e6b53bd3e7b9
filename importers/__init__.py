"""Importers: council files in, Beancount entries out.

One module per format (transparency spend, 360Giving, OCDS, bank
statements) on a shared CSV base; ``importers.command`` is the ``cwl
import`` command that runs them and keeps re-imports from adding anything.
"""
