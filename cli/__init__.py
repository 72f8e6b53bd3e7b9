"""The ``cwl`` command line: the entry point, ``cwl check``, and the
plumbing every command shares (argument types, path checks, the refusal to
publish from broken declarations). Each command's own work lives in the
package that owns it (``importers.command``, ``reports.command``...)."""
