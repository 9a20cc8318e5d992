"""Presentation: number formatting, interface words, explanations and HTML for the pages."""
