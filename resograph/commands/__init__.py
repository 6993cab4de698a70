"""One module per `resograph` subcommand: `add_arguments(parser)` and `run(args) -> int`."""
