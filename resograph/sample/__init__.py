"""The bundled sample corpus: five UN documents on violence against women migrant workers."""

from importlib.resources import files
from pathlib import Path


def sample_dir() -> Path:
    return Path(str(files(__name__)))


def sample_files() -> list[Path]:
    return sorted(sample_dir().glob("*.txt"))


def sample_catalogue() -> Path:
    return sample_dir() / "catalogue.tsv"
