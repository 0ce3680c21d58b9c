import { execFile, execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";

/** Where the PostgreSQL server binaries are, and who runs them. */
export interface PostgresBinaries {
  /** Folder holding `initdb`, `pg_ctl` and `postgres`. */
  readonly bin: string;
  /** The non-root user that runs them when we are root, else undefined (run as ourselves). */
  readonly runAs: { readonly name: string; readonly uid: number; readonly gid: number } | undefined;
}

/** A throwaway PostgreSQL cluster on 127.0.0.1, for tests. */
export interface PgCluster {
  readonly host: "127.0.0.1";
  readonly port: number;
  /** Connection string of the `postgres` database as the `postgres` superuser (trust auth). */
  readonly connectionString: string;
  /** Pid of the postmaster (a new one after `restart()`). */
  readonly pid: number;
  /** The temporary folder holding the data directory, the socket and the log. */
  readonly dir: string;
  /**
   * Restarts the server on the same port with `pg_ctl restart -m fast` (every session is
   * ended with SQLSTATE 57P01, then the server starts again and takes new connections). The
   * command runs asynchronously, so the test's event loop goes on meanwhile.
   */
  restart(): Promise<void>;
  /** Stops the server (fast, then SIGKILL if it lingers) and removes the folder. */
  stop(): Promise<void>;
}

const SUPERUSER = "postgres";

function hasServerBinaries(bin: string): boolean {
  return ["initdb", "pg_ctl", "postgres"].every((name) => existsSync(join(bin, name)));
}

function findBin(): string | undefined {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv) return hasServerBinaries(fromEnv) ? fromEnv : undefined;
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const version of versions) {
      const bin = join(root, version, "bin");
      if (hasServerBinaries(bin)) return bin;
    }
  }
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir && hasServerBinaries(dir)) return dir;
  }
  return undefined;
}

function lookUpUser(name: string): { name: string; uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync("id", ["-u", name], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", name], { encoding: "utf8" }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { name, uid, gid } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Finds the PostgreSQL server binaries (`PG_BIN`, else `/usr/lib/postgresql/<newest>/bin`, else
 * `PATH`) and, when running as root, the `postgres` user to run them as (initdb refuses root).
 * Returns a one-line reason instead when a cluster cannot be made here.
 *
 * @example
 * ```ts
 * const found = findPostgres();
 * describe.skipIf(typeof found === "string")("postgres", () => {});
 * ```
 */
export function findPostgres(): PostgresBinaries | string {
  const bin = findBin();
  if (!bin) {
    return "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found in PG_BIN, /usr/lib/postgresql/*/bin or PATH";
  }
  if (process.getuid?.() !== 0) return { bin, runAs: undefined };
  const runAs = lookUpUser(SUPERUSER);
  if (!runAs) return `running as root and there is no "${SUPERUSER}" user to run initdb as`;
  return { bin, runAs };
}

function command(
  binaries: PostgresBinaries,
  program: string,
  args: readonly string[],
): [string, string[]] {
  const path = join(binaries.bin, program);
  return binaries.runAs
    ? ["runuser", ["-u", binaries.runAs.name, "--", path, ...args]]
    : [path, [...args]];
}

function run(binaries: PostgresBinaries, program: string, args: readonly string[]): string {
  const [file, argv] = command(binaries, program, args);
  return execFileSync(file, argv, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function runAsync(
  binaries: PostgresBinaries,
  program: string,
  args: readonly string[],
): Promise<string> {
  const [file, argv] = command(binaries, program, args);
  return new Promise((resolve, reject) => {
    execFile(file, argv, { encoding: "utf8" }, (error, stdout, stderr) => {
      if (error)
        reject(new Error(`${program} ${args.join(" ")} failed: ${stderr}`, { cause: error }));
      else resolve(stdout);
    });
  });
}

function postmasterPid(data: string): number {
  return Number(readFileSync(join(data, "postmaster.pid"), "utf8").split("\n")[0]);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("no port"));
      });
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Extra server settings, as `name: value`. */
export type ServerSettings = Readonly<Record<string, string | number>>;

/**
 * Starts a fresh PostgreSQL cluster in a temporary folder, listening on 127.0.0.1 and a free
 * port, with `fsync=on`. Always `stop()` it (afterAll); should this process die first, the
 * server is killed and its folder removed within a second or so.
 *
 * @example
 * ```ts
 * const found = findPostgres();
 * let cluster: PgCluster;
 * beforeAll(async () => { cluster = await startPgCluster(found as PostgresBinaries); });
 * afterAll(() => cluster?.stop());
 * ```
 */
export async function startPgCluster(
  binaries: PostgresBinaries,
  settings: ServerSettings = {},
): Promise<PgCluster> {
  const dir = mkdtempSync(join(tmpdir(), "svcops-pg-"));
  const data = join(dir, "data");
  try {
    if (binaries.runAs) chownSync(dir, binaries.runAs.uid, binaries.runAs.gid);
    run(binaries, "initdb", [
      "-D",
      data,
      "-U",
      SUPERUSER,
      "--auth=trust",
      "--encoding=UTF8",
      "--locale=C",
      "--no-sync",
    ]);
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      const options = [
        "-c listen_addresses=127.0.0.1",
        `-p ${port}`,
        `-c unix_socket_directories=${dir}`,
        "-c fsync=on",
        ...Object.entries(settings).map(([name, value]) => `-c ${name}=${value}`),
      ].join(" ");
      try {
        run(binaries, "pg_ctl", [
          "-D",
          data,
          "-l",
          join(dir, "server.log"),
          "-o",
          options,
          "-w",
          "start",
        ]);
      } catch (error) {
        lastError = error;
        continue;
      }
      return makeCluster(binaries, dir, data, port, postmasterPid(data));
    }
    throw lastError;
  } catch (error) {
    const logFile = join(dir, "server.log");
    const log = existsSync(logFile) ? `\n${readFileSync(logFile, "utf8").slice(-2000)}` : "";
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not start a PostgreSQL cluster in ${dir}${log}`, { cause: error });
  }
}

function makeCluster(
  binaries: PostgresBinaries,
  dir: string,
  data: string,
  port: number,
  pid: number,
): PgCluster {
  // If this process dies without stop() (SIGKILL, a worker torn down), a watchdog shell
  // kills the server (the postmaster named in the data folder then, after a restart too) and
  // removes the folder once it notices.
  const watchdog = spawn(
    "sh",
    [
      "-c",
      'while kill -0 "$1" 2>/dev/null; do sleep 1; done; kill -9 "$2" $(head -n 1 "$4/postmaster.pid" 2>/dev/null) 2>/dev/null; rm -rf "$3"',
      "pg-watchdog",
      String(process.pid),
      String(pid),
      dir,
      data,
    ],
    { detached: true, stdio: "ignore" },
  );
  watchdog.unref();
  let current = pid;
  const kill = () => {
    if (alive(current)) process.kill(current, "SIGKILL");
    rmSync(dir, { recursive: true, force: true });
    if (watchdog.pid !== undefined && alive(watchdog.pid)) process.kill(watchdog.pid, "SIGKILL");
  };
  process.once("exit", kill);
  let stopped = false;
  return {
    host: "127.0.0.1",
    port,
    get pid() {
      return current;
    },
    dir,
    connectionString: `postgresql://${SUPERUSER}@127.0.0.1:${port}/postgres`,
    async restart() {
      if (stopped) throw new Error("the cluster was stopped");
      // pg_ctl restart reuses the options the server was started with (postmaster.opts).
      await runAsync(binaries, "pg_ctl", [
        "-D",
        data,
        "-l",
        join(dir, "server.log"),
        "-m",
        "fast",
        "-w",
        "-t",
        "30",
        "restart",
      ]);
      current = postmasterPid(data);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      process.removeListener("exit", kill);
      try {
        run(binaries, "pg_ctl", ["-D", data, "-m", "fast", "-w", "-t", "20", "stop"]);
      } catch {
        // fall through to SIGKILL
      }
      for (let i = 0; i < 50 && alive(current); i++) await new Promise((r) => setTimeout(r, 100));
      kill();
    },
  };
}
