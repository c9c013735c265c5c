/**
 * Reaching an emulator on this machine under a name the official SDK signs correctly.
 *
 * The SDK takes the TC3 service from the endpoint's first label, so `127.0.0.1:PORT` signs as
 * service `127`, which the real API (and therefore the emulator) refuses. Addressed as
 * `ckafka.localhost:PORT` the SDK signs as `ckafka`; `.localhost` names are loopback by RFC 6761,
 * but resolvers do not all know that, so the agent connects to the loopback address itself. A
 * signature made for `ckafka.localhost` is worthless against the real API, whose host is
 * `ckafka.tencentcloudapi.com`: nothing a local listener captures can be replayed there.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { Agent, type AgentOptions } from 'node:http';
import { isIP } from 'node:net';

/** The name the project's clients give a local emulator (the SDK then signs as service `ckafka`). */
export const EMULATOR_HOSTNAME = 'ckafka.localhost';

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for `http.Agent` that sends every host name to `address`: an IP literal as is, or a
 * name (`localhost`) resolved as the system resolves it.
 */
export function lookupTo(address: string): (hostname: string, options: LookupOptions, callback: LookupCallback) => void {
  const family = isIP(address);
  return (_hostname, options, callback) => {
    if (family === 0) {
      dnsLookup(address, { ...options, all: true }, (err, addresses) => {
        if (err !== null) callback(err, []);
        else if (options.all === true) callback(null, addresses);
        else callback(null, addresses[0]?.address ?? address, addresses[0]?.family ?? 4);
      });
      return;
    }
    if (options.all === true) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

/**
 * An `http.Agent` whose connections all go to `address` (default `127.0.0.1`), whatever the host
 * name of the URL: give the SDK the endpoint `ckafka.localhost:<port>` and this agent.
 */
export function createLoopbackAgent(address = '127.0.0.1', options: AgentOptions = {}): Agent {
  return new Agent({ ...options, lookup: lookupTo(address) as AgentOptions['lookup'] });
}
