#!/usr/bin/ruby
# Batch mode for the conformance generator: compiles many cases with the
# installed Puppet 7 in one long-lived Ruby process, the way one puppetserver
# JRuby instance serves many catalog requests.
#
# It follows the same steps as the project's oracle (puppet-compile.rb):
# settings initialised as puppetserver does (run mode :server, facts terminus
# json, server application context), the agent's form-encoded catalog POST
# built and decoded as on the wire, then Puppet's own v3 HTTP handler. Only the
# one-time start-up (and a warm-up compile of a throwaway environment) is
# shared: each case is compiled in a forked child, so no
# compile can leak state into the next one.
#
# The generator checks that this mode gives byte-identical outputs to the
# per-case oracle (node scripts/conformance/generate.mjs --mode oracle --check).
#
# Usage: ruby oracle-batch.rb ENVIRONMENTPATH < jobs
#   ENVIRONMENTPATH  a directory whose "production" child the caller fills
#                    with one case before sending its job line
#   jobs             JSON lines {"facts": FILE, "node": NAME, "out": FILE, "error_out": FILE}
# Answers one JSON line per job on stdout: {"status": HTTP status}.
require 'json'
require 'tmpdir'
require 'fileutils'
require 'securerandom'
require 'uri'

envpath = File.expand_path(ARGV.fetch(0))
envname = 'production'
state = Dir.mktmpdir('batch-', ENV['HELDOUT_TMP'] || Dir.tmpdir)
at_exit { FileUtils.rm_rf(state) }
%w[conf code var run log ssl public empty-modules].each { |d| FileUtils.mkdir_p(File.join(state, d)) }
# No global hiera data: only environment and module data count.
File.write(File.join(state, 'conf', 'hiera.yaml'), "---\nversion: 5\nhierarchy: []\n")

require 'puppet'
require 'puppet/network/http'
require 'puppet/network/http/handler'
require 'puppet/network/http/api/master/v3'
require 'puppet/application_support'

# puppetserver authorises requests itself (tk-auth), so Puppet's own checks allow all.
module BatchAuth
  class Config
    def check_authorization(_method, _path, _params); end
  end

  class Loader
    def self.authconfig = (@authconfig ||= Config.new)
  end

  class Provider
    def initialize(_rights); end
    def check_authorization(_method, _path, _params); end
  end
end
Puppet::Network::Authorization.authconfigloader_class = BatchAuth::Loader
Puppet::Network::AuthConfig.authprovider_class = BatchAuth::Provider

# Settings as puppetserver initialises them, every directory inside `state`.
Puppet.settings.preferred_run_mode = :server
empty = File.join(state, 'empty-modules')
settings = {
  'confdir' => File.join(state, 'conf'), 'codedir' => File.join(state, 'code'),
  'vardir' => File.join(state, 'var'), 'rundir' => File.join(state, 'run'),
  'logdir' => File.join(state, 'log'), 'ssldir' => File.join(state, 'ssl'),
  'publicdir' => File.join(state, 'public'), 'environmentpath' => envpath,
  'basemodulepath' => empty, 'vendormoduledir' => empty, 'cadir' => File.join(state, 'ca'),
  'hiera_config' => File.join(state, 'conf', 'hiera.yaml'), 'environment' => envname,
  'certname' => 'puppet', 'server' => 'puppet'
}
Puppet.initialize_settings(settings.flat_map { |k, v| ["--#{k}", v] })
Puppet[:trace] = true
Puppet[:always_retry_plugins] = false
Puppet.settings.initialize_app_defaults(
  Puppet::Settings.app_defaults_for_run_mode(Puppet::Util::RunMode[:server]).merge(name: 'server', facts_terminus: 'json')
)
Puppet::Util::Log.newdestination(:console)
Puppet::Util::Log.level = (ENV['HELDOUT_LOGLEVEL'] || 'warning').to_sym
Puppet::ApplicationSupport.push_application_context(Puppet::Util::RunMode[:server])
Puppet.push_context_global({ ssl_context: :unused })
Puppet.settings.use :main, :server, :ssl, :metrics
Puppet::FileServing::Content.indirection.set_global_setting(:terminus_class, :file_server)
Puppet::FileServing::Metadata.indirection.set_global_setting(:terminus_class, :file_server)
Puppet::FileBucket::File.indirection.set_global_setting(:terminus_class, :file)
Puppet::Node.indirection.set_global_setting(:cache_class, Puppet[:node_cache_terminus])
Puppet::ApplicationSupport.configure_indirector_routes('server')

# The v3 routes behind an adapter for a Ring-like request hash.
class BatchHandler
  include Puppet::Network::HTTP::Handler

  def initialize
    prefix = Regexp.new("^#{Puppet::Network::HTTP::MASTER_URL_PREFIX}/")
    register([Puppet::Network::HTTP::Route.path(prefix).any.chain(Puppet::Network::HTTP::API::Master::V3.routes)])
  end

  def set_response(response, body, status = 200)
    response[:body] = body
    response[:status] = status
  end

  def set_content_type(response, format)
    response[:content_type] = format_to_mime(format)
  end

  def headers(request) = request['headers']
  def http_method(request) = request['request-method']
  def path(request) = request['uri']
  def body(request) = request['body']
  def client_cert(_request) = nil

  def params(request)
    decode_params(request['params'] || {}).merge(
      ip: request['remote-addr'], node: request['client-cert-cn'], authenticated: request['authenticated']
    )
  end
end

# One catalog request as an agent sends it: facts JSON, URI-encoded, inside a
# form body whose fields are URI-encoded again; the server decodes the form once.
def catalog_request(facts, node, envname)
  encode = ->(s) { Puppet::Util.uri_query_encode(s) }
  form = {
    facts_format: 'application/json', facts: encode.call(JSON.generate(facts)),
    environment: envname, configured_environment: envname, check_environment: false,
    transaction_uuid: SecureRandom.uuid, job_uuid: nil, static_catalog: true,
    checksum_type: Puppet[:supported_checksum_types].join('.')
  }.map { |k, v| "#{k}=#{encode.call(v.to_s)}" }.join('&')
  params = { 'environment' => envname }
  URI.decode_www_form(form).each { |k, v| params[k] = v }
  {
    'headers' => {
      'accept' => 'application/vnd.puppet.rich+json, application/json, text/pson',
      'content-type' => 'application/x-www-form-urlencoded', 'x-puppet-version' => Puppet.version
    },
    'request-method' => 'POST', 'uri' => "/puppet/v3/catalog/#{node}", 'params' => params, 'body' => form,
    'remote-addr' => '127.0.0.1', 'client-cert-cn' => node, 'authenticated' => true
  }
end

def compile_job(job, envname)
  facts = JSON.parse(File.read(job['facts']))
  facts = { 'name' => job['node'], 'values' => facts } unless facts.key?('values')
  facts['name'] = job['node']
  response = {}
  BatchHandler.new.process(catalog_request(facts, job['node'], envname), response)
  if response[:status] == 200
    File.write(job['out'], response[:body])
  else
    message = begin
      JSON.parse(response[:body])['message']
    rescue StandardError
      response[:body].to_s
    end
    File.write(job['error_out'], "#{message}\n")
  end
  response[:status]
end

# Warm up: one throwaway compile in a separate environment loads the parser,
# evaluator and common resource types once, as a serving puppetserver has them.
warmup = File.join(envpath, 'warmup')
FileUtils.mkdir_p(File.join(warmup, 'manifests'))
File.write(File.join(warmup, 'manifests', 'site.pp'), <<~'PP')
  class warm($x = 1) { notify { "n${x}": message => sprintf('%s', [1, 2].map |$v| { $v * 2 }) } }
  define warm::d($y = 'a') { file { "/tmp/${title}": content => inline_epp('<%= $y %>', { 'y' => $y }) } }
  include warm
  warm::d { 'w': }
  node default { }
PP
File.write(File.join(state, 'warmup-facts.json'), JSON.generate({ 'values' => { 'kernel' => 'Linux' } }))
compile_job({ 'facts' => File.join(state, 'warmup-facts.json'), 'node' => 'warmup.example.test',
              'out' => File.join(state, 'warmup.json'), 'error_out' => File.join(state, 'warmup.txt') }, 'warmup')
FileUtils.rm_rf(warmup)

protocol = $stdout.dup
$stdout.reopen(File::NULL)
$stdin.each_line do |line|
  job = JSON.parse(line)
  reader, writer = IO.pipe
  pid = fork do
    reader.close
    status = begin
      compile_job(job, envname)
    rescue Exception => e # rubocop:disable Lint/RescueException
      warn("#{e.class}: #{e.message}")
      0
    end
    writer.write(status.to_s)
    writer.close
    exit!(0)
  end
  writer.close
  status = reader.read.to_i
  reader.close
  Process.wait(pid)
  protocol.puts(JSON.generate({ 'status' => status }))
  protocol.flush
end
