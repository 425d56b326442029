"""The Kasauti linter: crawl, check (static, axe, Lighthouse), score and report."""
