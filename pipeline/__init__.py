"""pqpub: UK Parliament written answers, published as a validated Frictionless Data Package.

The stages of the data's journey, one module each:

- :mod:`pipeline.sources` reads a seed file (one reader per layout) into answers;
- :mod:`pipeline.model` defines what an answer, a statistic, a reference and a quality flag are;
- :mod:`pipeline.extract` finds the statistics, references and quality flags in an answer;
- :mod:`pipeline.build.publish` writes every table as CSV and Parquet and swaps the package in;
- :mod:`pipeline.release.descriptor` describes the package (``datapackage.json`` and its data dictionary);
- :mod:`pipeline.check` checks seeds and a published package;
- :mod:`pipeline.fetch` downloads written questions from the official API into ``seeds/``;
- :mod:`pipeline.cli` is the ``pqpub`` command, a thin layer over these.
"""

__version__ = "0.1.0"
