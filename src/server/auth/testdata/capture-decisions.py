#!/usr/bin/env python3
# Captures real puppetserver 7.9.5 authorization decisions for auth.test's ground truth.
#
# Needs a running puppetserver whose conf.d/auth.conf is testdata/probe-auth.conf, and a directory
# of client certs/keys (<name>.crt / <name>.key, plus ca.pem) for the identities listed below,
# issued by that server's CA with exactly the extensions and SANs written in IDENTITIES.
#   CLIENTS=<dir> URL=https://localhost:<port> python3 capture-decisions.py > puppetserver-decisions.json
# Every probe is sent with curl --path-as-is so the request target reaches the server byte for byte.
# Probes never change server state that matters: PUT/DELETE bodies are empty or name unknown nodes.
import json
import os
import subprocess
import sys

CLIENTS = os.environ['CLIENTS']
URL = os.environ['URL']

# What each client certificate carries (puppetserver adds DNS:<certname> to every cert it signs).
IDENTITIES = {
    'none': None,
    'agent1': {'certname': 'agent1.example.test', 'dnsAltNames': ['agent1.example.test'], 'extensions': {}},
    'agent2': {'certname': 'agent2.example.test', 'dnsAltNames': ['agent2.example.test', 'alias.example.test'],
               'extensions': {'1.3.6.1.4.1.34380.1.1.13': 'web', '1.3.6.1.4.1.34380.1.1.12': 'prod'}},
    'agent3': {'certname': 'agent3.example.test', 'dnsAltNames': ['agent3.example.test'],
               'extensions': {'1.3.6.1.4.1.34380.1.1.13': 'db'}},
    'cliuser': {'certname': 'cliuser.example.test', 'dnsAltNames': ['cliuser.example.test'],
                'extensions': {'1.3.6.1.4.1.34380.1.3.39': 'true'}},
    'server': {'certname': 'puppet', 'dnsAltNames': ['puppet', 'localhost', 'puppet.example.test', 'puppet'],
               'extensions': {'1.3.6.1.4.1.34380.1.3.39': 'true'}},
    'localhost': {'certname': 'localhost', 'dnsAltNames': ['localhost'], 'extensions': {}},
}
CERT_FILE = {'agent1': 'agent1.example.test', 'agent2': 'agent2.example.test', 'agent3': 'agent3.example.test',
             'cliuser': 'cliuser.example.test', 'server': 'puppet', 'localhost': 'localhost'}

ALL = list(IDENTITIES)
E = '?environment=production'

# (method, request target, identities)
MATRIX = [
    ('GET', '/puppet/v3/catalog/agent1.example.test' + E, ALL),
    ('POST', '/puppet/v3/catalog/agent1.example.test' + E, ALL),
    ('PUT', '/puppet/v3/catalog/agent1.example.test' + E, ['agent1']),
    ('POST', '/puppet/v4/catalog', ALL),
    ('GET', '/puppet-ca/v1/certificate/ca', ALL),
    ('GET', '/puppet-ca/v1/certificate/agent1.example.test', ALL),
    ('GET', '/puppet-ca/v1/certificate_revocation_list/ca', ALL),
    ('GET', '/puppet-ca/v1/certificate_revocation_list/other', ALL),
    ('GET', '/puppet-ca/v1/certificate_request/agent1.example.test', ALL),
    ('DELETE', '/puppet-ca/v1/certificate_request/nosuch.example.test', ALL),
    ('GET', '/puppet-ca/v1/certificate_requests/any', ALL),
    ('GET', '/puppet-ca/v1/certificate_status/agent1.example.test', ALL),
    ('PUT', '/puppet-ca/v1/certificate_status/nosuch.example.test', ALL),
    ('DELETE', '/puppet-ca/v1/certificate_status/nosuch.example.test', ALL),
    ('GET', '/puppet-ca/v1/certificate_statuses/any', ALL),
    ('PUT', '/puppet-ca/v1/certificate_revocation_list', ALL),
    ('GET', '/puppet-ca/v1/expirations', ALL),
    ('PUT', '/puppet-ca/v1/clean', ALL),
    ('GET', '/status/v1/services', ALL),
    ('GET', '/status/v1/simple', ALL),
    ('GET', '/puppet/v3/environments', ALL),
    ('GET', '/puppet/v3/file_bucket_file/md5/d41d8cd98f00b204e9800998ecf8427e' + E, ALL),
    ('DELETE', '/puppet/v3/file_bucket_file/md5/d41d8cd98f00b204e9800998ecf8427e' + E, ['agent1']),
    ('GET', '/puppet/v3/file_content/modules/demo/motd' + E, ALL),
    ('GET', '/puppet/v3/file_metadata/modules/demo/motd' + E, ALL),
    ('HEAD', '/puppet/v3/file_metadata/modules/demo/motd' + E, ['agent1']),
    ('GET', '/puppet/v3/file_metadatas/plugins' + E, ALL),
    ('GET', '/puppet/v3/node/agent1.example.test' + E, ALL),
    ('PUT', '/puppet/v3/report/agent1.example.test' + E, ALL),
    ('PUT', '/puppet/v3/facts/agent1.example.test' + E, ALL),
    ('GET', '/puppet/v3/static_file_content/modules/demo/motd?code_id=x&environment=production', ALL),
    ('GET', '/puppet/v3/tasks' + E, ALL),
    ('GET', '/puppet/v3/environment_classes' + E, ['none', 'agent1', 'server']),
    ('GET', '/puppet/v3/environment_modules', ['agent1', 'server']),
    ('GET', '/puppet-admin-api/v1/jruby-pool', ['agent1', 'server']),
    ('GET', '/puppet/v3/nosuchroute/x', ['agent1']),
]

SUBTLE = [
    # back-references, case, SANs, shorter/longer names
    ('GET', '/puppet/v3/node/AGENT1.EXAMPLE.TEST' + E, ['agent1']),
    ('GET', '/puppet/v3/node/agent1' + E, ['agent1']),
    ('GET', '/puppet/v3/node/example.test' + E, ['agent1']),
    ('GET', '/puppet/v3/node/x.agent1.example.test' + E, ['agent1']),
    ('GET', '/puppet/v3/node/agent1.example.test.' + E, ['agent1']),
    ('GET', '/puppet/v3/node/*' + E, ['agent1']),
    ('GET', '/puppet/v3/node/alias.example.test' + E, ['agent1', 'agent2']),
    ('GET', '/puppet/v3/node/localhost' + E, ['server', 'localhost', 'agent1']),
    ('GET', '/puppet/v3/node/puppet.example.test' + E, ['server']),
    ('GET', '/puppet/v3/node/a%25b' + E, ['agent1']),
    ('GET', '/puppet/v3/node/agent1.example.test%2Fx' + E, ['agent1']),
    # request URI normalisation before authorization
    ('GET', '/puppet/v3/nod%65/agent1.example.test' + E, ['agent1']),
    ('GET', '/puppet/v3//node/agent1.example.test' + E, ['agent1']),
    ('GET', '/puppet/v3/node/../node/agent1.example.test' + E, ['agent1']),
    ('GET', '/puppet/v3/./node/agent1.example.test' + E, ['agent1']),
    ('GET', '/puppet/v3/node/agent1.example.test;foo=bar' + E, ['agent1']),
    ('GET', '/puppet/v3/node;x=y/agent1.example.test' + E, ['agent1']),
    ('GET', '/puppet/v3/node/%zz' + E, ['agent1']),
    # ACE forms (rules "bk ..." in probe-auth.conf)
    ('GET', '/puppet/v3/file_content/bktest/glob' + E, ['none', 'agent1', 'server', 'localhost']),
    ('GET', '/puppet/v3/file_content/bktest/exact' + E, ['agent1', 'agent2']),
    ('GET', '/puppet/v3/file_content/bktest/short' + E, ['agent1']),
    ('GET', '/puppet/v3/file_content/bktest/long' + E, ['agent1']),
    ('GET', '/puppet/v3/file_content/bktest/upperexact' + E, ['agent1']),
    ('GET', '/puppet/v3/file_content/bktest/opaque' + E, ['agent1', 'server', 'localhost']),
    ('GET', '/puppet/v3/file_content/bktest/opqupper' + E, ['localhost']),
    ('GET', '/puppet/v3/file_content/bktest/opqat' + E, ['agent1']),
    ('GET', '/puppet/v3/file_content/bktest/regexace' + E, ['agent1', 'server', 'localhost']),
    ('GET', '/puppet/v3/file_content/bktest/regexcase' + E, ['agent1']),
    ('GET', '/puppet/v3/file_content/bktest/br/agent1/x' + E, ['agent1', 'agent2']),
    ('GET', '/puppet/v3/file_content/bktest/br/AGENT1/x' + E, ['agent1']),
    ('GET', '/puppet/v3/file_content/bktest/br/agent1/xy' + E, ['agent1']),
    ('GET', '/puppet/v3/file_content/bktest/br2/*.example.test' + E, ['agent1', 'server']),
    ('GET', '/puppet/v3/file_content/bktest/br2/Localhost' + E, ['localhost']),
    ('GET', '/puppet/v3/file_content/bktest/extrole' + E, ['agent1', 'agent2', 'agent3']),
    ('GET', '/puppet/v3/file_content/bktest/extoid' + E, ['agent1', 'agent2', 'agent3']),
    ('GET', '/puppet/v3/file_content/bktest/extboth' + E, ['agent2', 'agent3']),
    ('GET', '/puppet/v3/file_content/bktest/extempty' + E, ['none', 'agent1']),
    ('GET', '/puppet/v3/file_content/bktest/extsan' + E, ['agent1', 'agent2']),
    ('GET', '/puppet/v3/file_content/bktest/sanname' + E, ['agent1', 'agent2']),
    ('GET', '/puppet/v3/file_content/bktest/denyfirst' + E, ['agent1', 'agent2']),
    ('GET', '/puppet/v3/file_content/bktest/qp' + E + '&kind=a', ['agent1']),
    ('GET', '/puppet/v3/file_content/bktest/qp' + E + '&kind=c', ['agent1']),
    ('GET', '/puppet/v3/file_content/bktest/qp' + E + '&kind=c&kind=b', ['agent1']),
    ('GET', '/puppet/v3/file_content/bktest/qp' + E + '&kind', ['agent1']),
    ('GET', '/puppet/v3/file_content/bktest/qp' + E + '&kind=%61', ['agent1']),
    ('GET', '/puppet/v3/file_content/bktest/qp' + E + '&Kind=a', ['agent1']),
    ('GET', '/puppet/v3/file_content/bktest/qp' + E + '&kind=a+', ['agent1']),
    ('GET', '/puppet/v3/file_content/bktest/qp' + E + '&k%69nd=b', ['agent1']),
    ('GET', '/puppet/v3/file_content/bktest/qp' + E, ['agent1']),
    ('HEAD', '/puppet/v3/file_bucket_file/bktest/head' + E, ['agent1']),
    ('GET', '/puppet/v3/file_bucket_file/bktest/head' + E, ['agent1']),
    ('GET', '/puppet/v3/file_content/x/bktest/find' + E, ['agent1']),
    ('GET', '/puppet/v3/file_content/bktest/unauth' + E, ['none']),
    ('GET', '/puppet/v3/file_content/bktest/%C3%BCn%C3%AF' + E, ['agent1']),
    ('GET', '/puppet/v3/file_content/bktest/sp%20ace' + E, ['agent1']),
    ('GET', '/puppet/v3/file_content/bktest/order' + E, ['agent1']),
    ('GET', '/puppet/v3/file_content/bktest/globmore' + E, ['agent1']),
    # extension short names resolve only where puppetserver passes its OID map (the CA service)
    ('GET', '/puppet-ca/v1/certificate/bkext-role', ['agent1', 'agent2', 'agent3']),
    ('GET', '/puppet-ca/v1/certificate/bkext-oid', ['agent1', 'agent2', 'agent3']),
    ('GET', '/puppet-ca/v1/certificate/bkext-both', ['agent2', 'agent3']),
    ('GET', '/puppet-ca/v1/certificate/bkext-san', ['agent1', 'agent2']),
]


# Run against testdata/probe-auth-variant.conf (the defaults without "puppetlabs deny all", plus
# two Java-regex rules) with SET=variant.
VARIANT = [
    ('GET', '/puppet/v3/environment_classes' + E, ['none', 'agent1']),
    ('GET', '/puppet-ca/v1/certificate_request/x', ['agent1']),
    ('DELETE', '/puppet-ca/v1/certificate_request/x', ['agent1']),
    ('GET', '/puppet/v3/file_content/bkcase' + E, ['agent1']),
    ('GET', '/puppet/v3/file_content/BKCASE' + E, ['agent1']),
    ('GET', '/puppet/v3/file_content/bkz/x' + E, ['agent1']),
    ('GET', '/puppet/v3/file_content/bkz/x%0A' + E, ['agent1']),
    ('GET', '/puppet/v3/node/agent1.example.test%0A' + E, ['agent1']),
]


def probe(method, target, ident):
    cmd = ['curl', '-sS', '--path-as-is', '-o', '-', '-w', '\n%{http_code}', '-X', method,
           '--cacert', os.path.join(CLIENTS, 'ca.pem')]
    if method == 'HEAD':
        cmd[cmd.index('-X'):cmd.index('-X') + 2] = ['-I']
    if method in ('PUT', 'POST'):
        cmd += ['-H', 'Content-Type: text/plain', '--data-binary', '']
    if ident != 'none':
        f = CERT_FILE[ident]
        cmd += ['--cert', os.path.join(CLIENTS, f + '.crt'), '--key', os.path.join(CLIENTS, f + '.key')]
    cmd.append(URL + target)
    out = subprocess.run(cmd, capture_output=True, check=True).stdout.decode('utf-8', 'replace')
    body, _, status = out.rpartition('\n')
    if method == 'HEAD':
        body = ''
    # Only the authorization verdict matters; keep a 403 body whole (it is tk-auth's text).
    return int(status), body if status == '403' or status == '400' else body[:80]


def main():
    results = []
    sets = (('variant', VARIANT),) if os.environ.get('SET') == 'variant' else (('matrix', MATRIX), ('subtle', SUBTLE))
    for group, probes in sets:
        for method, target, idents in probes:
            for ident in idents:
                status, body = probe(method, target, ident)
                results.append({'group': group, 'identity': ident, 'method': method, 'target': target,
                                'status': status, 'body': body})
    json.dump({'identities': IDENTITIES, 'probes': results}, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write('\n')


main()
