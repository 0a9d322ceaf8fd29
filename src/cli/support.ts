/**
 * Exit codes that scripts can rely on (sysexits-style):
 * 0 ok, 1 a check failed (e.g. audit verify found tampering, a document is invalid),
 * 2 usage error, 65 bad input data, 69 a service is unavailable, 70 internal failure, 78 bad configuration.
 */
export const EXIT = Object.freeze({
  ok: 0,
  checkFailed: 1,
  usage: 2,
  dataError: 65,
  unavailable: 69,
  software: 70,
  config: 78,
});

/** Thrown by a command to end the process with a message and a given exit code. */
export class CliFailure extends Error {
  override readonly name = 'CliFailure';
  readonly exitCode: number;
  constructor(message: string, exitCode: number) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** Reads all of standard input as text. */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Writes one JSON value as a line on standard output. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}
