"""This project's MkDocs hooks: the generator's adapter, from the kbgen package (kbgen/builders/mkdocs.py)."""

from kbgen.builders.mkdocs import on_config, on_files, on_post_build, on_serve

__all__ = ["on_config", "on_files", "on_post_build", "on_serve"]
