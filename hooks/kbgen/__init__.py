"""A generic catalog-to-MkDocs generator: load, validate, model and render YAML entries."""
