// Problems the user can fix (bad arguments, unreadable input). They end the
// run with a one-line message and exit status 2, never a stack trace.
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2
  ) {
    super(message);
  }
}
