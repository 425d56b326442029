"""Packaging glue: map the kasauti.* import names onto the top-level folders (see ARCHITECTURE.md)."""
from setuptools import find_packages, setup

PACKAGE_DIRS = {
    "kasauti": "kasauti",
    "kasauti.linter": "linter",
    "kasauti.themes": "themes",
    "kasauti.site_template": "site_template",
}

packages = []
for name, folder in PACKAGE_DIRS.items():
    packages.append(name)
    packages += [f"{name}.{sub}" for sub in find_packages(folder)]

setup(packages=packages, package_dir=PACKAGE_DIRS)
