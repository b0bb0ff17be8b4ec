"""The optional compiled reader; everything else is in pyproject.toml.

``optional=True``: where no C compiler is available the build goes on without it, and
lint-news uses the pure-Python reader (same results, slower)."""

from setuptools import Extension, setup

setup(ext_modules=[Extension("_lint_news_accel", ["linter/_accel.c"], optional=True,
                             extra_compile_args=["-O2"])])
