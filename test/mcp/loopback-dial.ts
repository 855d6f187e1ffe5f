import { buildConnector } from "undici";

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1)$/;
const realDial = buildConnector({ timeout: 5_000 });

/** Every address a test's guarded fetch asked to connect to, loopback or not. */
export const dialled: string[] = [];

export class WouldLeaveThisMachine extends Error {
  constructor(readonly address: string) {
    super(`The test connector did not dial ${address}: tests connect to loopback only.`);
    this.name = "WouldLeaveThisMachine";
  }
}

/**
 * The guarded fetch's connector for tests: records the address the guard let through and dials it
 * only when it is loopback, so a broken guard fails a test instead of sending a packet off this
 * machine.
 */
export const loopbackOnlyDial: buildConnector.connector = (options, callback) => {
  dialled.push(options.hostname);
  if (!LOOPBACK.test(options.hostname)) return callback(new WouldLeaveThisMachine(options.hostname), null);
  realDial(options, callback);
};

/** The addresses asked for since the last call that are not loopback (none, unless the guard is broken). */
export function takeOffMachineDials(): string[] {
  const off = dialled.filter((address) => !LOOPBACK.test(address));
  dialled.length = 0;
  return off;
}
