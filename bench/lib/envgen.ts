// Generates the benchmark code: a small environment shaped like a real node
// (files, an EPP template, an exec, notifies), a large one (thousands of
// resources from many classes, defines and EPP templates), and a tree of
// files for the recursive file_metadatas measurement. ERB is left out on
// purpose: it starts Bunraku's embedded Ruby, whose cost bench/ruby-compile.ts
// measures on its own (the memory bar is separate for it).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LargeShape {
  classes: number;
  definesPerClass: number;
}

export interface GeneratedCode {
  codedir: string;
  /** Where the small catalog's files land when an agent applies it. */
  targetDir: string;
  /** The recursive file tree, as a mount path, and the environment that holds it. */
  treeMount: string;
  treeEnvironment: string;
  treeFiles: number;
  largeShape: LargeShape;
}

function write(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

/** The small environment `production`: module `bench`, about a dozen resources. */
function smallEnvironment(envdir: string, targetDir: string): void {
  write(join(envdir, 'environment.conf'), 'modulepath = modules\n');
  write(join(envdir, 'manifests', 'site.pp'), `node default {
  class { 'bench':
    root => '${targetDir}',
  }
}
`);
  const mod = join(envdir, 'modules', 'bench');
  write(join(mod, 'manifests', 'init.pp'), `class bench (
  String $root,
  Array[String] $users = ['alice', 'bob', 'carol'],
) {
  file { $root:
    ensure => directory,
  }
  file { "\${root}/motd":
    ensure => file,
    source => 'puppet:///modules/bench/motd',
  }
  file { "\${root}/app.conf":
    ensure  => file,
    content => epp('bench/app.conf.epp', {
      'host'  => $facts['networking']['fqdn'],
      'os'    => $facts['os']['name'],
      'users' => $users,
    }),
  }
  $users.each |String $u| {
    bench::account { $u:
      root => $root,
    }
  }
  exec { 'bench-marker':
    command => "/bin/touch \${root}/marker",
    creates => "\${root}/marker",
    require => File[$root],
  }
  notify { 'bench: small catalog applied': }
}
`);
  write(join(mod, 'manifests', 'account.pp'), `define bench::account (String $root) {
  file { "\${root}/\${title}.txt":
    ensure  => file,
    content => "account \${title} on \${facts['os']['family']}\\n",
    mode    => '0644',
  }
}
`);
  write(join(mod, 'templates', 'app.conf.epp'), `<%- | String $host, String $os, Array[String] $users | -%>
# managed by the benchmark
host = <%= $host %>
os = <%= $os %>
<% $users.each |$u| { -%>
user = <%= $u %>
<% } -%>
`);
  write(join(mod, 'files', 'motd'), 'Welcome to the benchmark node.\n');
}

/**
 * The large environment `large`: `shape.classes` classes, each declaring
 * `shape.definesPerClass` instances of a define that renders an EPP template
 * into a file and declares a nested define holding a notify. About
 * classes * (1 + definesPerClass * 4) resources.
 */
function largeEnvironment(envdir: string, shape: LargeShape): void {
  write(join(envdir, 'environment.conf'), 'modulepath = modules\n');
  const includes = Array.from({ length: shape.classes }, (_, i) => `  include big::c${i}`).join('\n');
  write(join(envdir, 'manifests', 'site.pp'), `node default {\n${includes}\n}\n`);
  const mod = join(envdir, 'modules', 'big');
  write(join(mod, 'manifests', 'thing.pp'), `define big::thing (
  Integer $index,
  String $group,
  Hash[String, String] $settings = {},
) {
  $path = "/var/tmp/bunraku-bench-large/\${group}/\${title}"
  file { $path:
    ensure  => file,
    content => epp('big/thing.epp', {
      'name'     => $title,
      'index'    => $index,
      'settings' => $settings,
      'os'       => $facts['os']['family'],
    }),
    mode    => '0640',
    tag     => [$group],
  }
  big::setting { "\${title}-setting":
    value => "\${group}:\${index}",
  }
}
`);
  write(join(mod, 'manifests', 'setting.pp'), `define big::setting (String $value) {
  notify { "setting \${title}":
    message  => $value,
    loglevel => 'debug',
  }
}
`);
  write(join(mod, 'templates', 'thing.epp'), `<%- | String $name, Integer $index, Hash $settings, String $os | -%>
# <%= $name %> (<%= $os %>)
index = <%= $index %>
<% $settings.each |$k, $v| { -%>
<%= $k %> = <%= $v %>
<% } -%>
`);
  for (let i = 0; i < shape.classes; i++) {
    write(join(mod, 'manifests', `c${i}.pp`), `class big::c${i} (
  Integer $count = ${shape.definesPerClass},
) {
  Integer[1, $count].each |$n| {
    big::thing { "c${i}-t\${n}":
      index    => $n,
      group    => 'g${i % 10}',
      settings => { 'class' => 'c${i}', 'n' => String($n), 'parity' => if $n % 2 == 0 { 'even' } else { 'odd' } },
    }
  }
}
`);
  }
}

/** `count` small files under `dir`, 100 per subdirectory. */
function fileTree(dir: string, count: number): void {
  for (let i = 0; i < count; i++) {
    const sub = join(dir, `d${Math.floor(i / 100)}`);
    if (i % 100 === 0) mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `f${i}.txt`), `file ${i}\n`);
  }
}

/** Writes both environments and the file tree under `root`/code. */
export function generateCode(root: string, o: { largeShape: LargeShape; treeFiles: number }): GeneratedCode {
  const codedir = join(root, 'code');
  const targetDir = join(root, 'agent-target');
  smallEnvironment(join(codedir, 'environments', 'production'), targetDir);
  largeEnvironment(join(codedir, 'environments', 'large'), o.largeShape);
  // The tree has an environment of its own: Bunraku computes a code id over
  // the whole environment directory on every compile (stat of each file,
  // digest and snapshot copy on first sight), which would otherwise fold the
  // tree's size into the catalog figures. Reported separately.
  const files = join(codedir, 'environments', 'files');
  write(join(files, 'environment.conf'), 'modulepath = modules\n');
  write(join(files, 'manifests', 'site.pp'), "node default { notify { 'files environment': } }\n");
  fileTree(join(files, 'modules', 'tree', 'files', 'data'), o.treeFiles);
  return { codedir, targetDir, treeMount: 'modules/tree/data', treeEnvironment: 'files', treeFiles: o.treeFiles, largeShape: o.largeShape };
}
