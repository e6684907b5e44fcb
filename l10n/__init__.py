"""l10n: newsroom articles to gettext PO catalogs and back, Korean and English first.

The library is the product; the ``l10n`` command is a thin layer over it::

    from pathlib import Path
    from l10n.app import config, extract

    settings = config.load(Path("."))
    report = extract.extract(settings)
    print(report.count("created"), "catalogs created")
"""

__version__ = "0.1.0"
# Where a reader of a report (SARIF's informationUri) learns what the tool is: the
# page of the distribution, named newsroom-l10n because "l10n" on the package index
# is another project.
PROJECT_URL = "https://pypi.org/project/newsroom-l10n/"
