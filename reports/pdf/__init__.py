"""PDF rendering of the report models: Jinja2 templates and WeasyPrint."""
