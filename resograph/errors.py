"""The base of every error a user can cause (a bad file, store, query, lexicon or gold file).

Its message is one line naming the thing and the problem; the CLI prints it
and exits 2, never a traceback. Each stage subclasses it where the error is raised.
"""


class UserError(Exception):
    """An error in what the user gave resograph, reported in one line."""
