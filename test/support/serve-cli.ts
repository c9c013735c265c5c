/**
 * `ckafka` for a script under test, answered in this process: the script runs `$CKAFKA`, a small
 * Node client that sends its argv, working folder and environment to a port on 127.0.0.1 (with a
 * token only the script's environment holds) and exits with the code `runCli` returned, having
 * written its stdout and stderr. The script and the tools it calls (bash, git, jq) are real
 * processes; only ckafka runs in process, mapped to src/ like the rest of the in-process tests,
 * without a cold start of the binary for every call. The binary's own exit codes and streams are
 * test/e2e/cli-exit-codes.test.ts.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { runInProcess } from './run-cli';

const CLIENT = `'use strict';
const net = require('net');
const { CKAFKA_TEST_PORT: port, CKAFKA_TEST_TOKEN: token, ...env } = process.env;
const connection = net.connect(Number(port), '127.0.0.1');
let reply = '';
connection.setEncoding('utf8');
connection.on('data', (d) => (reply += d));
connection.on('error', (e) => {
  process.stderr.write('ckafka (test client): ' + e.message + '\\n');
  process.exitCode = 70;
});
connection.on('end', () => {
  const r = JSON.parse(reply);
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  process.exitCode = r.code;
});
connection.end(JSON.stringify({ token, argv: process.argv.slice(2), cwd: process.cwd(), env }));
`;

export interface CliServer {
  /** The command for `$CKAFKA`. */
  readonly command: string;
  /** The environment the script needs for that command. */
  readonly env: Readonly<Record<string, string>>;
  /** Failures of the runs (a secret in the output, a crash, a stranger): a test asserts there are none. */
  readonly errors: Error[];
  close(): Promise<void>;
}

/** Serves `ckafka` runs on a port of 127.0.0.1, to the client it writes into `dir`. */
export async function serveCli(dir: string): Promise<CliServer> {
  const client = path.join(dir, 'ckafka-client.js');
  fs.writeFileSync(client, CLIENT);
  const token = randomBytes(16).toString('hex');
  const errors: Error[] = [];
  const server = net.createServer({ allowHalfOpen: true }, (connection) => {
    let request = '';
    connection.setEncoding('utf8');
    connection.on('data', (d: string) => (request += d));
    connection.on('end', () => {
      void (async () => {
        let reply: { code: number; stdout: string; stderr: string };
        try {
          const { token: given, argv, cwd, env } = JSON.parse(request) as { token: string; argv: string[]; cwd: string; env: Record<string, string> };
          if (given !== token) throw new Error('a connection without the token');
          reply = await runInProcess(argv, cwd, env);
        } catch (e) {
          errors.push(e as Error);
          reply = { code: 70, stdout: '', stderr: `ckafka (test server): ${(e as Error).message}\n` };
        }
        connection.end(JSON.stringify(reply));
      })();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    command: `${process.execPath} ${client}`,
    env: { CKAFKA_TEST_PORT: String((server.address() as net.AddressInfo).port), CKAFKA_TEST_TOKEN: token },
    errors,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
