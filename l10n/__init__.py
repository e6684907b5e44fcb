"""l10n: newsroom articles to gettext PO catalogs and back, Korean and English first.

The library is the product; the ``l10n`` command is a thin layer over it::

    from pathlib import Path
    from l10n.app import config, project

    settings = config.load(Path("."))
    report = project.extract(settings)
    print(report.count("created"), "catalogs created")
"""

__version__ = "0.1.0"
