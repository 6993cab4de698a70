"""Reading UN documents (text renderings, PDF, DOCX) into the document model of `resograph.read.model`."""

from resograph.read.catalogue import Catalogue, load_default_catalogue
from resograph.read.document import read_document, read_many
from resograph.read.errors import ReadError

__all__ = ["Catalogue", "ReadError", "load_default_catalogue", "read_document", "read_many"]
