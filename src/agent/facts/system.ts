// The agent's view of the machine for fact resolution: every read of /proc,
// /sys, /etc and the OS goes through this interface so resolvers can be tested
// against a recorded machine.
import { readFileSync, readdirSync, statfsSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';

export interface SystemReader {
  readText(path: string): string | undefined;
  readBytes?(path: string): Uint8Array | undefined;
  listDir(path: string): string[];
  exists(path: string): boolean;
  statfs(path: string): { blockSize: number; blocks: number; free: number; available: number } | undefined;
  networkInterfaces(): NodeJS.Dict<os.NetworkInterfaceInfo[]>;
  hostname(): string;
  uname(): { machine: string; release: string; sysname: string };
  identity(): { uid: number; gid: number; user: string; group: string };
  env(name: string): string | undefined;
  /** Runs a command without a shell; undefined when it fails. */
  run(cmd: string, args: string[]): string | undefined;
  now(): Date;
}

function groupName(gid: number): string {
  const text = safeRead('/etc/group');
  for (const line of text?.split('\n') ?? []) {
    const parts = line.split(':');
    if (parts.length >= 3 && Number(parts[2]) === gid) return parts[0];
  }
  return String(gid);
}

function safeRead(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

export const liveSystem: SystemReader = {
  readText: safeRead,
  readBytes(path) {
    try {
      return readFileSync(path);
    } catch {
      return undefined;
    }
  },
  listDir(path) {
    try {
      return readdirSync(path);
    } catch {
      return [];
    }
  },
  exists: existsSync,
  statfs(path) {
    try {
      const s = statfsSync(path);
      return { blockSize: Number(s.bsize), blocks: Number(s.blocks), free: Number(s.bfree), available: Number(s.bavail) };
    } catch {
      return undefined;
    }
  },
  networkInterfaces: () => os.networkInterfaces(),
  hostname: () => os.hostname(),
  uname: () => ({ machine: os.machine(), release: os.release(), sysname: os.type() }),
  identity() {
    const info = os.userInfo();
    const gid = process.getgid?.() ?? info.gid;
    return { uid: info.uid, gid, user: info.username, group: groupName(gid) };
  },
  env: (name) => process.env[name],
  run(cmd, args) {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 });
    } catch {
      return undefined;
    }
  },
  now: () => new Date(),
};
