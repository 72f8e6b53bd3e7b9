"""Beancount plugins enforcing the rules of the four streams of public money.

Each module checks one concern and is enabled with ``plugin "rules.<name>"``;
``rules.all`` enables every one while reading the configuration once.
"""
