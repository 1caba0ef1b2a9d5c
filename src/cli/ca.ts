// `bunraku ca`: manage the certificate authority on the CA host by acting on
// the CA directory directly (list, sign, revoke, clean, generate,
// fingerprint). Output and exit codes follow `puppetserver ca` (gem 2.4).
import { deactivateNodeExports } from '../exports/index.js';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { resolveSettings, SettingsError, type Settings } from '../settings/index.js';
import { CertificateAuthority } from '../ca/authority.js';
import { CaError } from '../ca/errors.js';
import { formatStatusList } from '../ca/list-format.js';
import { existingHostFiles, sslDirFiles, writeHostFiles } from '../ca/host-files.js';
import { PP_CLI_AUTH } from '../x509/oids.js';
import { pemBlocks } from '../x509/pem.js';
import { puppetFingerprint, type FingerprintAlgorithm } from '../x509/fingerprint.js';
import { isValidCertname } from '../x509/certname.js';

const USAGE = `Usage: bunraku ca <action> [options]

Actions (they act on the CA directory, $cadir, of this host):
  list [--all] [--certname NAME[,NAME]] [--format text|json]
                              Pending requests; with --all also signed and revoked certs
  sign --certname NAME[,NAME] | --all [--ttl DURATION]
                              Sign pending certificate requests
  revoke --certname NAME[,NAME]
                              Revoke certificates (they stay in signed/; the CRL lists them)
  clean --certname NAME[,NAME]
                              Revoke, then delete the certificates and pending requests
  generate --certname NAME [--dns-alt-names a,IP:b] [--ca-client] [--ttl DURATION]
                              Make a key and a signed certificate, written into $ssldir
  fingerprint [--certname NAME] [--digest SHA256]
                              Print '(SHA256) AB:CD:...' of a cert or request, as
                              'puppet agent --fingerprint' does

Options: --cadir DIR, --confdir DIR (reads DIR/puppet.conf, [server] section),
--config FILE (a puppet.conf; its directory becomes the confdir), --ssldir DIR,
and any other Puppet setting as --name value.
Exit codes: 0 done, 1 error or not found, 24 nothing to do (sign --all with no
requests; revoke or clean of a name that has only a request).
`;

export interface CaCliIo {
  out(text: string): void;
  err(text: string): void;
}

const processIo: CaCliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

export async function run(argv: string[]): Promise<number> {
  return runCa(argv, processIo);
}

type Outcome = 'success' | 'invalid' | 'not_found' | 'error';
const SEVERITY: Record<Outcome, number> = { success: 0, invalid: 1, not_found: 2, error: 3 };
const EXIT: Record<Outcome, number> = { success: 0, invalid: 24, not_found: 1, error: 1 };

function worst(outcomes: Outcome[]): Outcome {
  return outcomes.reduce<Outcome>((a, b) => (SEVERITY[b] > SEVERITY[a] ? b : a), 'success');
}

function splitNames(value: string | boolean | undefined): string[] {
  return typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

/** `--config FILE` as the gem takes it; our settings read `<confdir>/puppet.conf`, so FILE must be named puppet.conf. */
function translateConfig(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = arg === '--config' ? argv[++i] : arg.startsWith('--config=') ? arg.slice('--config='.length) : undefined;
    if (value === undefined) {
      if (arg === '--config') throw new SettingsError('Option --config needs a value');
      out.push(arg);
      continue;
    }
    if (basename(value) !== 'puppet.conf') throw new SettingsError(`--config must name a file called puppet.conf (its directory is used as the confdir), not "${value}"`);
    out.push('--confdir', dirname(value));
  }
  return out;
}

export async function runCa(argv: string[], io: CaCliIo): Promise<number> {
  const [action, ...rest] = argv;
  if (action === undefined || action === '--help' || action === '-h' || action === 'help') {
    io.out(USAGE);
    return action === undefined ? 1 : 0;
  }
  let resolved;
  try {
    resolved = resolveSettings({
      runMode: 'server',
      argv: translateConfig(rest),
      options: {
        help: { type: 'boolean', short: 'h' },
        all: { type: 'boolean' },
        // Not the certname setting: the names to act on.
        certname: { type: 'string' },
        'dns-alt-names': { type: 'string' },
        'subject-alt-names': { type: 'string' },
        'ca-client': { type: 'boolean' },
        ttl: { type: 'string' },
        format: { type: 'string' },
        digest: { type: 'string' },
      },
    });
  } catch (err) {
    if (err instanceof SettingsError) {
      io.err(`Error: ${err.message}\n\n${USAGE}`);
      return 1;
    }
    throw err;
  }
  const { settings, options } = resolved;
  if (options.help) {
    io.out(USAGE);
    return 0;
  }
  try {
    switch (action) {
      case 'list': return await list(settings, options, io);
      case 'sign': return await sign(settings, options, io);
      case 'revoke': return await revoke(settings, options, io);
      case 'clean': return await clean(settings, options, io);
      case 'generate': return await generate(settings, options, io);
      case 'fingerprint': return await fingerprintAction(settings, options, io);
      default:
        io.err(`Error: unknown action "${action}"\n\n${USAGE}`);
        return 1;
    }
  } catch (err) {
    if (err instanceof CaError || err instanceof SettingsError) {
      io.err(`Error:\n    ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

type Options = Readonly<Record<string, string | boolean>>;

/** Opens the existing CA of `cadir`; the CLI never creates one (the server does at first start). */
async function openCa(settings: Settings, io: CaCliIo): Promise<CertificateAuthority | undefined> {
  const cadir = String(settings['cadir']);
  if (!(await stat(join(cadir, 'ca_crt.pem')).then(() => true, () => false))) {
    io.err(`Error:\n    No CA found in ${cadir} (ca_crt.pem is missing). Start \`bunraku server\` once to create it, or pass --cadir.\n`);
    return undefined;
  }
  const ca = await CertificateAuthority.open({
    cadir,
    caTtlSeconds: settings.ca_ttl,
    keylength: settings.keylength,
    allowDuplicateCerts: settings['allow_duplicate_certs'] === true,
    allowSubjectAltNames: settings['allow_subject_alt_names'] === true,
    allowAuthorizationExtensions: settings['allow_authorization_extensions'] === true,
    // The CLI signs only what the operator names; autosign is the server's business.
    autosign: false,
  });
  if (!ca.initialized) {
    io.err(`Error:\n    The CA in ${cadir} is incomplete: ca_crt.pem, ca_key.pem, ca_crl.pem, serial and inventory.txt are needed.\n`);
    return undefined;
  }
  return ca;
}

function ttlSeconds(options: Options): number | undefined {
  if (typeof options.ttl !== 'string') return undefined;
  const m = /^(\d+)([smhdy]?)$/.exec(options.ttl);
  const unit: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400, y: 31536000 };
  if (!m || Number(m[1]) <= 0) throw new SettingsError(`--ttl must be a positive duration such as 3600, 90d or 5y, not "${options.ttl}"`);
  return Number(m[1]) * unit[m[2]];
}

async function list(settings: Settings, options: Options, io: CaCliIo): Promise<number> {
  const names = splitNames(options.certname);
  if (options.all && names.length) {
    io.err('Error: Cannot combine use of --all and --certname.\n');
    return 1;
  }
  const format = typeof options.format === 'string' ? options.format : 'text';
  if (format !== 'text' && format !== 'json') {
    io.err(`Error: Unknown format flag '${format}'. Valid formats are 'text', 'json'.\n`);
    return 1;
  }
  const ca = await openCa(settings, io);
  if (!ca) return 1;
  let statuses = await ca.statuses(options.all || names.length ? undefined : 'requested');
  let missing: string[] = [];
  if (names.length) {
    statuses = statuses.filter((s) => names.includes(s.name));
    missing = names.filter((n) => !statuses.some((s) => s.name === n));
  }
  if (format === 'json') {
    const by = (state: string) => statuses.filter((s) => s.state === state);
    const grouped: Record<string, unknown> = options.all
      ? { requested: by('requested'), signed: by('signed'), revoked: by('revoked') }
      : Object.fromEntries(Object.entries({ requested: by('requested'), signed: by('signed'), revoked: by('revoked'), missing }).filter(([, v]) => v.length > 0));
    io.out(`${JSON.stringify(Object.keys(grouped).length ? grouped : { requested: [] })}\n`);
  } else {
    io.out(formatStatusList(statuses, missing));
  }
  return missing.length ? 1 : 0;
}

async function sign(settings: Settings, options: Options, io: CaCliIo): Promise<number> {
  const names = splitNames(options.certname);
  if (options.all === Boolean(names.length)) {
    io.err(`Error: Give either --certname NAME[,NAME] or --all.\n\n${USAGE}`);
    return 1;
  }
  const ttl = ttlSeconds(options);
  const ca = await openCa(settings, io);
  if (!ca) return 1;
  let targets = names;
  if (options.all) {
    targets = (await ca.statuses('requested')).map((s) => s.name);
    if (targets.length === 0) {
      io.err('Error:\n    No waiting certificate requests to sign\n');
      return 24;
    }
  }
  const outcomes: Outcome[] = [];
  for (const name of targets) {
    try {
      const status = await ca.sign(name, { certTtlSeconds: ttl });
      io.out(`Successfully signed certificate request for ${name} (serial ${status.serial_number}, valid until ${status.not_after})\n`);
      outcomes.push('success');
    } catch (err) {
      if (!(err instanceof CaError)) throw err;
      if (err.status === 404) {
        io.err(`Error:\n    Could not find certificate request for ${name}\n`);
        outcomes.push('not_found');
      } else {
        io.err(`Error:\n    When attempting to sign certificate request '${name}', received\n      code: ${err.status}\n      body: ${err.message}\n`);
        outcomes.push('error');
      }
    }
  }
  return worst(outcomes) === 'success' ? 0 : 1;
}

async function revoke(settings: Settings, options: Options, io: CaCliIo): Promise<number> {
  const names = splitNames(options.certname);
  if (!names.length) {
    io.err(`Error: Give --certname NAME[,NAME].\n\n${USAGE}`);
    return 1;
  }
  const ca = await openCa(settings, io);
  if (!ca) return 1;
  const outcomes: Outcome[] = [];
  for (const name of names) outcomes.push(await revokeOne(ca, name, io, true));
  return EXIT[worst(outcomes)];
}

async function revokeOne(ca: CertificateAuthority, name: string, io: CaCliIo, reportProblems: boolean): Promise<Outcome> {
  try {
    await ca.revoke(name);
    io.out(`Certificate for ${name} has been revoked\n`);
    return 'success';
  } catch (err) {
    if (!(err instanceof CaError)) throw err;
    if (err.status === 404) {
      if (reportProblems) io.err(`Error:\n    Could not find certificate for ${name}\n`);
      return 'not_found';
    }
    if (err.status === 409) {
      if (reportProblems) io.err(`Error:\n    Could not revoke unsigned csr for ${name}\n`);
      return 'invalid';
    }
    io.err(`Error:\n    When attempting to revoke certificate '${name}', received:\n      code: ${err.status}\n      body: ${err.message}\n`);
    return 'error';
  }
}

async function clean(settings: Settings, options: Options, io: CaCliIo): Promise<number> {
  const names = splitNames(options.certname);
  if (!names.length) {
    io.err(`Error: Give --certname NAME[,NAME].\n\n${USAGE}`);
    return 1;
  }
  const ca = await openCa(settings, io);
  if (!ca) return 1;
  const outcomes: Outcome[] = [];
  for (const name of names) {
    // As the gem: revoke (a name with only a request is fine), then delete the files.
    const revoked = await revokeOne(ca, name, io, false);
    if (revoked === 'error') {
      outcomes.push('error');
      continue;
    }
    try {
      await ca.deleteStatus(name);
      // as `puppet node deactivate` with PuppetDB: its exported resources are no longer collected
      await deactivateNodeExports(String(settings.server_datadir), name);
      io.out(`Cleaned files related to ${name}\n`);
      outcomes.push(revoked === 'invalid' ? 'invalid' : 'success');
    } catch (err) {
      if (!(err instanceof CaError) || err.status !== 404) throw err;
      io.err(`Error:\n    Could not find files to clean for ${name}\n`);
      outcomes.push('not_found');
    }
  }
  return EXIT[worst(outcomes)];
}

async function generate(settings: Settings, options: Options, io: CaCliIo): Promise<number> {
  const names = splitNames(options.certname);
  if (!names.length) {
    io.err(`Error: Give --certname NAME[,NAME].\n\n${USAGE}`);
    return 1;
  }
  const alt = splitNames(options['dns-alt-names'] ?? options['subject-alt-names']);
  const ttl = ttlSeconds(options);
  const ca = await openCa(settings, io);
  if (!ca) return 1;
  const ssldir = String(settings.ssldir);
  let ok = true;
  for (const name of names) {
    if (!isValidCertname(name)) {
      io.err(`Error:\n    Cannot generate a certificate for "${name}": not a valid certname (lower case letters, digits, '-', '_' and '.')\n`);
      ok = false;
      continue;
    }
    const files = sslDirFiles(ssldir, name);
    const existing = await existingHostFiles(files);
    const signed = await ca.certificatePem(name).then(() => true, () => false);
    if (existing.length || signed) {
      const paths = [...existing, ...(signed ? [join(ca.paths.signeddir, `${name}.pem`)] : [])];
      io.err(`Error:\n    Existing file at '${paths.join("', '")}'\n    Please delete these files if you really want to generate a new cert for ${name}.\n`);
      ok = false;
      continue;
    }
    // Offline signing, as the gem does when the CA is local: alt names go
    // straight into the cert (DNS:<certname> is always added); --ca-client
    // adds pp_cli_auth so the cert may use the certificate_status API.
    const creds = await ca.issueHostCert({
      certname: name,
      dnsAltNames: alt.filter((a) => a !== name && a !== `DNS:${name}`),
      defaultDnsNames: [],
      ppCliAuth: options['ca-client'] === true,
      ttlSeconds: ttl,
    });
    await writeHostFiles(files, { ...creds, caPem: await ca.caCertPem(), crlPem: (await ca.crl()).pem });
    io.out(`Successfully saved private key for ${name} to ${files.privateKey}\n`);
    io.out(`Successfully saved public key for ${name} to ${files.publicKey}\n`);
    io.out(`Successfully saved certificate for ${name} to ${files.cert} (serial ${creds.serial}${options['ca-client'] ? `, with pp_cli_auth ${PP_CLI_AUTH}` : ''})\n`);
  }
  return ok ? 0 : 1;
}

async function fingerprintAction(settings: Settings, options: Options, io: CaCliIo): Promise<number> {
  const digest = (typeof options.digest === 'string' ? options.digest.toUpperCase().replace('-', '') : 'SHA256') as FingerprintAlgorithm;
  if (!['SHA1', 'SHA224', 'SHA256', 'SHA384', 'SHA512'].includes(digest)) {
    io.err(`Error: Unknown digest "${options.digest}"; use SHA256, SHA384, SHA512, SHA224 or SHA1.\n`);
    return 1;
  }
  const names = splitNames(options.certname);
  const name = names[0] ?? settings.certname;
  if (!isValidCertname(name)) {
    io.err(`Error:\n    "${name}" is not a valid certname\n`);
    return 1;
  }
  // As `puppet agent --fingerprint`: the host's cert, else its pending request;
  // on the CA host, the CA's signed cert or pending request as well.
  const cadir = String(settings['cadir']);
  const candidates: [string, string][] = [
    [join(String(settings['certdir']), `${name}.pem`), 'CERTIFICATE'],
    [join(String(settings['requestdir']), `${name}.pem`), 'CERTIFICATE REQUEST'],
    [join(cadir, 'signed', `${name}.pem`), 'CERTIFICATE'],
    [join(cadir, 'requests', `${name}.pem`), 'CERTIFICATE REQUEST'],
  ];
  for (const [path, label] of candidates) {
    const text = await readFile(path, 'utf8').catch(() => undefined);
    const block = text === undefined ? undefined : pemBlocks(text, label)[0];
    if (block) {
      io.out(`${puppetFingerprint(block.der, digest)}\n`);
      return 0;
    }
  }
  io.err(`Error:\n    No certificate or certificate request for ${name} (looked in ${candidates.map(([p]) => p).join(', ')})\n`);
  return 1;
}
