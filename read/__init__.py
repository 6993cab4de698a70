"""Reading UN documents (text renderings, PDF, DOCX) into the document model of `resograph.read.model`."""
