// Server start-up: on first start create the CA, the CRL, the server's own
// certificate and a sample `production` environment; then build the route
// families and the HTTPS server from the resolved settings. Logs what it
// created and where.
import { mkdir, readFile, stat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Settings } from '../settings/index.js';
import { CertificateAuthority } from '../ca/authority.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { createPuppetServer, type Authorizer, type ForbiddenRenderer, type PuppetServer, type ServerLog } from './server.js';
import { loadRouteFamilies, type RouteDeps } from './route-loader.js';
import { createFileServing } from './file-serving.js';
import type { CaService } from './routes/ca.js';
import type { AccessLogger } from './access-log.js';
import type { RouteFamily } from './router.js';

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

const str = (v: unknown): string => (typeof v === 'string' ? v : String(v ?? ''));

/** Rewrites (atomically, with fsync) only when the content differs: every start refreshes these copies. */
async function writeIfChanged(path: string, text: string): Promise<void> {
  if ((await readFile(path, 'utf8').catch(() => undefined)) === text) return;
  await writeFileAtomic(path, text, { mode: 0o644, mkdirp: true });
}

/** Opens (and on first start creates) the CA described by the settings. */
export async function openCa(settings: Settings, log: ServerLog): Promise<CertificateAuthority> {
  const ca = await CertificateAuthority.open({
    cadir: str(settings['cadir']),
    caTtlSeconds: settings.ca_ttl,
    keylength: settings.keylength,
    allowDuplicateCerts: settings['allow_duplicate_certs'] === true,
    allowSubjectAltNames: settings['allow_subject_alt_names'] === true,
    allowAuthorizationExtensions: settings['allow_authorization_extensions'] === true,
    autosign: settings.autosign,
    autosignTimeoutMs: typeof settings['autosign_timeout'] === 'number' ? settings['autosign_timeout'] * 1000 : undefined,
    log: (m) => log('info', m),
  });
  const caName = str(settings['ca_name']) || `Puppet CA: ${settings.certname}`;
  if (await ca.ensureCa({ caName })) log('notice', `Created a new CA "${caName}" in ${ca.paths.cadir}`);
  return ca;
}

export interface ServerTls {
  cert: string;
  key: string;
  ca: string;
}

/**
 * The server's own certificate (hostcert/hostprivkey in ssldir), issued by our
 * CA with pp_cli_auth and the dns_alt_names (puppetserver's default: DNS:puppet
 * plus the certname) when missing. localcacert and hostcrl are refreshed from
 * the CA so the local tools see the same files.
 */
export async function ensureServerCertificate(settings: Settings, ca: CertificateAuthority, log: ServerLog): Promise<ServerTls> {
  const hostcert = str(settings['hostcert']);
  const hostprivkey = str(settings['hostprivkey']);
  const localcacert = str(settings['localcacert']);
  const hostcrl = str(settings['hostcrl']);
  const caPem = await ca.caCertPem();
  if (!(await exists(hostcert)) || !(await exists(hostprivkey))) {
    const privateKeyPem = (await exists(hostprivkey)) ? await readFile(hostprivkey, 'utf8') : undefined;
    const creds = await ca.issueHostCert({ certname: settings.certname, dnsAltNames: settings.dns_alt_names, ppCliAuth: true, privateKeyPem });
    await writeFileAtomic(hostprivkey, creds.privateKeyPem, { mode: 0o600, mkdirp: true });
    await writeFileAtomic(hostcert, creds.certPem, { mode: 0o644, mkdirp: true });
    const alt = new Set([...(settings.dns_alt_names.length > 0 ? settings.dns_alt_names : ['puppet']), settings.certname]);
    log('notice', `Issued the server certificate for ${settings.certname} (DNS names: ${[...alt].join(', ')}) to ${hostcert}, key in ${hostprivkey}`);
  }
  await writeIfChanged(localcacert, caPem);
  await writeIfChanged(hostcrl, (await ca.crl()).pem);
  return { cert: await readFile(hostcert, 'utf8'), key: await readFile(hostprivkey, 'utf8'), ca: caPem };
}

const SAMPLE_SITE_PP = `# The sample environment created by \`bunraku server\` on first start.
# Every node gets the class "hello" from modules/hello.
node default {
  include hello
}
`;

const SAMPLE_HELLO_PP = `# A tiny module: one harmless notify resource.
class hello (
  String $greeting = 'Hello from Bunraku',
) {
  notify { 'hello':
    message => "\${greeting} to \${facts['networking']['fqdn']}",
  }
}
`;

/** Creates environmentpath/production with a site.pp and a tiny module when there is no environment at all. */
export async function ensureSampleEnvironment(settings: Settings, log: ServerLog): Promise<void> {
  const envpath = str(settings.environmentpath).split(':')[0]!;
  const present = await readdir(envpath).catch(() => [] as string[]);
  if (present.length > 0) return;
  const env = join(envpath, 'production');
  await writeFileAtomic(join(env, 'manifests', 'site.pp'), SAMPLE_SITE_PP, { mkdirp: true });
  await writeFileAtomic(join(env, 'modules', 'hello', 'manifests', 'init.pp'), SAMPLE_HELLO_PP, { mkdirp: true });
  log('notice', `Created the sample environment "production" in ${env}`);
}

export interface StartOptions {
  settings: Settings;
  authorize: Authorizer;
  forbidden?: ForbiddenRenderer;
  log: ServerLog;
  accessLog?: AccessLogger;
  version: string;
  /** Extra families (tests); the route modules are always loaded. */
  families?: RouteFamily[];
}

export interface StartedServer {
  server: PuppetServer;
  ca: CertificateAuthority;
  host: string;
  port: number;
  /** Milliseconds from the call to listening. */
  startupMs: number;
}

/** Everything `bunraku server` does before serving, then listen on bindaddress:serverport. */
export async function startServer(options: StartOptions): Promise<StartedServer> {
  const started = performance.now();
  const { settings, log } = options;
  for (const dir of [settings.vardir, settings.logdir]) await mkdir(dir, { recursive: true });
  const ca = await openCa(settings, log);
  const tls = await ensureServerCertificate(settings, ca, log);
  await ensureSampleEnvironment(settings, log);
  // Compile-time check that the CA satisfies what the CA routes need.
  const caService: CaService = ca;
  void caService;
  const deps: RouteDeps = { settings, ca, log, version: options.version, fileServing: createFileServing(settings, log) };
  const families = [...(await loadRouteFamilies(deps)), ...(options.families ?? [])];
  const idle = settings['server_idle_timeout'];
  const maxBody = settings['max_request_body_size'];
  const server = createPuppetServer({
    tls,
    crlPath: ca.paths.cacrl,
    families,
    authorize: options.authorize,
    forbidden: options.forbidden,
    keepAliveTimeoutMs: typeof idle === 'number' ? idle * 1000 : undefined,
    maxBodyBytes: typeof maxBody === 'number' ? maxBody : undefined,
    accessLog: options.accessLog,
    log,
  });
  ca.onCrlChange(() => server.crlChanged());
  const address = await server.listen(settings.serverport, settings.bindaddress);
  log('notice', `Listening on https://${settings.bindaddress}:${address.port} as ${settings.certname} (routes: ${families.map((f) => f.name).join(', ')})`);
  return { server, ca, host: settings.bindaddress, port: address.port, startupMs: performance.now() - started };
}
