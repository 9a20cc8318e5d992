"""Benelux key figures from Eurostat and cited publications."""
