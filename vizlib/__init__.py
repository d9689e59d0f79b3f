"""vizlib: the computation library behind the explainer (core -> charts -> ui)."""
