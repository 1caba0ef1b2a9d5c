// The Ruby side of the machine as custom facts see it: the embedded CRuby has
// no processes, no file system access and no threads, so commands
// (Facter::Core::Execution, backticks, system, Open3), reads (File, IO, Dir,
// FileTest, Etc from /etc/passwd and /etc/group) and `require` of a module's
// own helpers go through host callbacks answered by the agent (host.ts), and
// Timeout.timeout watches the clock from a TracePoint. Only reading is
// offered: fact code that writes files fails as on a read-only system.
//
// Also here: the entry point BunrakuFacter.run, which loads the fact files and
// resolves every fact, answering JSON { facts, messages }.

export const FACTER_SYSTEM_RUBY = String.raw`
require 'stringio'
require 'timeout'
require 'open3'

# No threads in the wasm VM, so Timeout.timeout (and a resolution's :timeout)
# watches the clock from a TracePoint (lines, block calls, C method returns): the
# block is interrupted at its next line once the time is up. Tracing slows Ruby
# down several times, so it runs only inside such a block; a command blocks
# until its own timeout, and the agent still bounds the whole evaluation.
module BunrakuFacter
  module Deadline
    @stack = []
    @trace = TracePoint.new(:line, :b_call, :c_return) { check }

    def self.now
      Process.clock_gettime(Process::CLOCK_MONOTONIC)
    end

    def self.within(seconds, klass, message)
      return yield if seconds.nil? || seconds <= 0
      entry = { at: now + seconds, klass: klass, message: message, fired: false }
      @stack.push(entry)
      @trace.enable if @stack.size == 1
      begin
        yield
      ensure
        @stack.delete(entry)
        @trace.disable if @stack.empty?
      end
    end

    def self.check
      t = now
      entry = @stack.find { |e| !e[:fired] && t > e[:at] }
      return unless entry
      entry[:fired] = true
      raise entry[:klass], entry[:message]
    end
  end
end

module Timeout
  def self.timeout(sec, klass = nil, message = nil)
    BunrakuFacter::Deadline.within(sec.to_f, klass || Timeout::Error, message || 'execution expired') { yield(sec) }
  end
end

module BunrakuFacter
  class HostError < StandardError; end

  class << self
    attr_reader :agent_pid

    # Calls the agent; answers the decoded JSON value of its 'V' reply (which
    # comes on standard input: a string returned through JS would stay in the
    # wasm memory for good).
    def host(op, *args)
      reply = Bunraku.ask(op, JSON.generate(args))
      raise HostError, reply[1..-1] if reply.start_with?('E')
      JSON.parse(reply[1..-1])
    end

    def stat(path)
      host('stat', File.expand_path(path.to_s))
    end

    def read(path)
      path = File.expand_path(path.to_s)
      r = host('read', path)
      raise SystemCallError.new(path, r['errno']) if r['errno']
      r['content']
    end

    def list(path)
      path = File.expand_path(path.to_s)
      r = host('list', path)
      raise SystemCallError.new(path, r['errno']) if r['errno']
      r['names']
    end

    def exec(command, timeout, env = {})
      host('exec', command.to_s, ENV.to_h.merge(env), timeout)
    end

    # Evaluates Ruby source as Kernel.load would: at top level, with its own
    # file name for backtraces and __FILE__.
    def load_source(source, path)
      TOPLEVEL_BINDING.eval(source, path, 1)
      true
    end

    def required
      @required ||= {}
    end

    # require of a module's helper (lib/facter/util/x.rb, lib/puppet_x/...)
    # from the agent's libdir; Facter and Puppet themselves are the shim.
    def require_feature(name)
      found = host('require', name.to_s)
      if found
        return false if required[found['path']]
        required[found['path']] = true
        return load_source(found['source'], found['path'])
      end
      return false if name.to_s =~ %r{\A(facter|puppet)(/|\z)}
      return define_socket_stub if name.to_s == 'socket'
      yield
    end

    # The wasm build has no socket library; enough of it for ipaddr and
    # Socket.gethostname. Opening a connection fails with SocketError.
    def define_socket_stub
      return false if defined?(::Socket)
      Object.class_eval(<<~'RUBY', __FILE__, __LINE__ + 1)
        class SocketError < StandardError; end
        class BasicSocket < IO; end
        class IPSocket < BasicSocket
          def self.getaddress(host)
            raise SocketError, "getaddrinfo: name resolution is not available to custom facts (#{host})"
          end
        end
        class TCPSocket < IPSocket
          def initialize(*args)
            raise SocketError, 'Network connections are not available to custom facts'
          end
        end
        class UDPSocket < IPSocket
          def initialize(*args)
            raise SocketError, 'Network connections are not available to custom facts'
          end
        end
        class Socket < BasicSocket
          AF_UNSPEC = 0
          AF_INET = 2
          AF_INET6 = 10
          def self.gethostname
            BunrakuFacter.host('hostname', '')
          end
        end
      RUBY
      true
    end

    def require_path(path)
      path = path.end_with?('.rb') ? path : "#{path}.rb"
      return false if required[path]
      content = read(path)
      required[path] = true
      load_source(content, path)
    rescue SystemCallError
      raise LoadError, "cannot load such file -- #{path}"
    end

    def glob(pattern, flags = 0)
      expand_braces(pattern.to_s).flat_map { |p| glob_one(p, flags) }.uniq
    end

    def expand_braces(pattern)
      m = pattern.match(/\{([^{}]*)\}/)
      return [pattern] unless m
      m[1].split(',', -1).flat_map { |alt| expand_braces(m.pre_match + alt + m.post_match) }
    end

    def glob_one(pattern, flags)
      absolute = pattern.start_with?('/')
      parts = pattern.split('/').reject(&:empty?)
      base = absolute ? '/' : Dir.pwd
      found = glob_walk(base, parts, flags)
      absolute ? found : found.map { |p| p.delete_prefix("#{base}/") }
    end

    def glob_walk(dir, parts, flags)
      return [dir] if parts.empty?
      head, *rest = parts
      if head == '**'
        return glob_walk(dir, rest, flags) + subdirs(dir, flags).flat_map { |d| glob_walk(d, parts, flags) }
      end
      if head !~ /[*?\[]/
        path = File.join(dir, head)
        return (stat(path) ? glob_walk(path, rest, flags) : [])
      end
      names = (list(dir) rescue [])
      names.select { |n| File.fnmatch?(head, n, flags) && (n != '.' && n != '..') }.sort.flat_map do |n|
        path = File.join(dir, n)
        rest.empty? ? [path] : (stat(path)&.dig('type') == 'directory' ? glob_walk(path, rest, flags) : [])
      end
    end

    def subdirs(dir, flags)
      names = (list(dir) rescue [])
      names.reject { |n| n.start_with?('.') && (flags & File::FNM_DOTMATCH).zero? }.sort.map { |n| File.join(dir, n) }
        .select { |p| (s = stat(p)) && s['type'] == 'directory' && !s['symlink'] }
    end
  end

  # File.stat's answer, from the agent's stat of the path.
  class Stat
    def initialize(s)
      @s = s
    end

    def directory? = @s['type'] == 'directory'
    def file? = @s['type'] == 'file'
    def symlink? = @s['symlink'] == true
    def size = @s['size']
    def mode = @s['mode']
    def uid = @s['uid']
    def gid = @s['gid']
    def mtime = Time.at(@s['mtime'])
    def readable? = @s['readable']
    def writable? = @s['writable']
    def executable? = @s['executable']
    def sticky? = (mode & 0o1000) != 0
    def world_writable? = (mode & 0o002) != 0 ? (mode & 0o777) : nil
    def world_readable? = (mode & 0o004) != 0 ? (mode & 0o777) : nil
    def ftype = directory? ? 'directory' : file? ? 'file' : 'unknown'
  end

  # What Open3 and system answer with: the exit status of a command run by the agent.
  class Status
    attr_reader :exitstatus, :pid

    def initialize(exitstatus)
      @exitstatus = exitstatus
      @pid = 0
    end

    def success?
      @exitstatus.zero?
    end

    def to_i
      @exitstatus.to_i << 8
    end

    def exited?
      true
    end
  end

  def self.run_command(cmd)
    command = cmd.length == 1 ? cmd[0].to_s : cmd.map { |a| "'#{a.to_s.gsub("'", %q('\\''))}'" }.join(' ')
    r = exec(command, 0)
    [r['stdout'].to_s, r['stderr'].to_s, Status.new(r['status'] || 127)]
  end
end

module Kernel
  alias_method :__bunraku_require, :require
  private :__bunraku_require

  def require(name)
    BunrakuFacter.require_feature(name) { __bunraku_require(name) }
  end
  private :require

  # Relative to a fact or helper file the agent handed in: read through the
  # agent; relative to the VM's own library (openssl.rb, ...): the VM's require.
  def require_relative(name)
    base = caller_locations(1, 1)&.first&.path.to_s
    path = File.expand_path(name.to_s, File.dirname(base))
    return __bunraku_require(path) unless BunrakuFacter.required[base]
    BunrakuFacter.require_path(path)
  end
  private :require_relative

  define_method("\x60") do |command|
    BunrakuFacter.exec(command, 0)['stdout'].to_s
  end
  private "\x60"

  def system(*cmd)
    _out, _err, status = BunrakuFacter.run_command(cmd)
    status.success?
  end
  private :system
end

# Users and groups from /etc/passwd and /etc/group (the wasm VM has no
# getpwnam), and the agent's own ids.
# (Loaded first so that a fact's own require 'etc' cannot replace these.)
require 'etc'
module Etc
  remove_const(:Passwd) if const_defined?(:Passwd, false)
  Passwd = Struct.new(:name, :passwd, :uid, :gid, :gecos, :dir, :shell)
  remove_const(:Group) if const_defined?(:Group, false)
  Group = Struct.new(:name, :passwd, :gid, :mem)

  class << self
    def passwd_entries
      (File.read('/etc/passwd') rescue '').each_line.map(&:chomp).reject { |l| l.empty? || l.start_with?('#') }.map do |line|
        f = line.split(':', -1)
        Passwd.new(f[0], f[1], f[2].to_i, f[3].to_i, f[4], f[5], f[6])
      end
    end

    def group_entries
      (File.read('/etc/group') rescue '').each_line.map(&:chomp).reject { |l| l.empty? || l.start_with?('#') }.map do |line|
        f = line.split(':', -1)
        Group.new(f[0], f[1], f[2].to_i, f[3].to_s.split(','))
      end
    end

    def getpwnam(name)
      passwd_entries.find { |e| e.name == name.to_s } or raise ArgumentError, "can't find user for #{name}"
    end

    def getpwuid(uid = Process.uid)
      passwd_entries.find { |e| e.uid == uid } or raise ArgumentError, "can't find user for #{uid}"
    end

    def getgrnam(name)
      group_entries.find { |e| e.name == name.to_s } or raise ArgumentError, "can't find group for #{name}"
    end

    def getgrgid(gid = Process.gid)
      group_entries.find { |e| e.gid == gid } or raise ArgumentError, "can't find group for #{gid}"
    end

    def getlogin
      ENV['USER'] || (getpwuid(Process.uid).name rescue nil)
    end

    def passwd(&block)
      return passwd_entries.first unless block
      passwd_entries.each(&block)
    end

    def group(&block)
      return group_entries.first unless block
      group_entries.each(&block)
    end
  end
end

module Process
  class << self
    def pid = BunrakuFacter.agent_pid || 0
    def uid = BunrakuFacter.core_value('identity.uid') || 0
    def euid = uid
    def gid = BunrakuFacter.core_value('identity.gid') || 0
    def egid = gid
  end
end

module Open3
  def self.capture3(*cmd, **_opts)
    BunrakuFacter.run_command(cmd.reject { |c| c.is_a?(Hash) })
  end

  def self.capture2(*cmd, **_opts)
    out, _err, status = capture3(*cmd)
    [out, status]
  end

  def self.capture2e(*cmd, **_opts)
    out, err, status = capture3(*cmd)
    [out + err, status]
  end
end

class File
  class << self
    def exist?(path) = !BunrakuFacter.stat(path).nil?
    alias exists? exist?
    def file?(path) = BunrakuFacter.stat(path)&.dig('type') == 'file'
    def directory?(path) = BunrakuFacter.stat(path)&.dig('type') == 'directory'
    def symlink?(path) = BunrakuFacter.stat(path)&.dig('symlink') == true
    def readable?(path) = BunrakuFacter.stat(path)&.dig('readable') == true
    def executable?(path) = BunrakuFacter.stat(path)&.dig('executable') == true
    def writable?(path) = BunrakuFacter.stat(path)&.dig('writable') == true
    def size?(path) = (s = BunrakuFacter.stat(path)) && s['size'] > 0 ? s['size'] : nil
    def zero?(path) = BunrakuFacter.stat(path)&.dig('size') == 0
    alias empty? zero?

    def size(path)
      s = BunrakuFacter.stat(path)
      raise Errno::ENOENT, path.to_s unless s
      s['size']
    end

    def read(path, *_args, **_opts)
      BunrakuFacter.read(path)
    end

    def readlines(path, sep = $/, chomp: false, **_opts)
      BunrakuFacter.read(path).each_line(sep, chomp: chomp).to_a
    end

    def foreach(path, sep = $/, chomp: false, **_opts, &block)
      lines = readlines(path, sep, chomp: chomp)
      return lines.each unless block
      lines.each(&block)
      nil
    end

    def realpath(path, dir = nil)
      path = File.expand_path(path.to_s, dir)
      r = BunrakuFacter.host('realpath', path)
      raise SystemCallError.new("#{path}", r['errno']) if r['errno']
      r['target']
    end

    def stat(path)
      s = BunrakuFacter.stat(path) or raise Errno::ENOENT, path.to_s
      BunrakuFacter::Stat.new(s)
    end
    alias lstat stat

    def mtime(path) = stat(path).mtime

    def readlink(path)
      r = BunrakuFacter.host('readlink', File.expand_path(path.to_s))
      raise SystemCallError.new(path.to_s, r['errno']) if r['errno']
      r['target']
    end

    def open(path, mode = 'r', *rest, **opts, &block)
      unless mode.is_a?(String) && mode.start_with?('r') && !mode.include?('+')
        raise Errno::EROFS, "#{path} (custom facts can only read files)"
      end
      io = StringIO.new(BunrakuFacter.read(path))
      return io unless block
      block.call(io)
    end
  end
end

class IO
  class << self
    def read(path, *_args, **_opts) = BunrakuFacter.read(path)
    def readlines(path, sep = $/, chomp: false, **_opts) = BunrakuFacter.read(path).each_line(sep, chomp: chomp).to_a
    def foreach(path, sep = $/, chomp: false, **_opts, &block) = File.foreach(path, sep, chomp: chomp, &block)
  end
end

module FileTest
  class << self
    def exist?(path) = File.exist?(path)
    alias exists? exist?
    def file?(path) = File.file?(path)
    def directory?(path) = File.directory?(path)
    def symlink?(path) = File.symlink?(path)
    def readable?(path) = File.readable?(path)
    def executable?(path) = File.executable?(path)
    def size?(path) = File.size?(path)
  end
end

class Dir
  class << self
    def exist?(path) = File.directory?(path)
    alias exists? exist?
    def entries(path, **_opts) = ['.', '..'] + BunrakuFacter.list(path)
    def children(path, **_opts) = BunrakuFacter.list(path)
    def each_child(path, &block) = block ? children(path).each(&block) : children(path).each
    def foreach(path, &block) = block ? entries(path).each(&block) : entries(path).each

    def glob(patterns, flags = 0, base: nil, sort: true, &block)
      found = Array(patterns).flat_map do |p|
        p = File.join(base, p) if base && !p.start_with?('/')
        BunrakuFacter.glob(p, flags)
      end
      return found unless block
      found.each(&block)
      nil
    end

    def [](*patterns, base: nil, sort: true) = glob(patterns, base: base)
  end
end

module Facter
  module Core
    module Execution
      class ExecutionFailure < StandardError; end

      DEFAULT_SEARCH_PATHS = ['/sbin', '/usr/sbin'].freeze
      VALID_OPTIONS = %i[on_fail expand logger timeout].freeze
      DOUBLE_QUOTED_COMMAND = /\A"(.+?)"(?:\s+(.*))?/.freeze
      SINGLE_QUOTED_COMMAND = /\A'(.+?)'(?:\s+(.*))?/.freeze
      STDERR_MESSAGE = 'Command %s completed with the following stderr message: %s'

      module_function

      def search_paths
        ENV['PATH'].to_s.split(File::PATH_SEPARATOR) + DEFAULT_SEARCH_PATHS
      end

      def which(bin)
        if absolute_path?(bin)
          return bin if File.executable?(bin) && FileTest.file?(bin)
        else
          search_paths.each do |dir|
            dest = File.join(dir, bin)
            return dest if File.executable?(dest) && FileTest.file?(dest)
          end
        end
        nil
      end

      def absolute_path?(path, _platform = nil)
        !!(path =~ %r{^/})
      end

      def expand_command(command)
        match = command.match(DOUBLE_QUOTED_COMMAND) || command.match(SINGLE_QUOTED_COMMAND)
        exe, args = match ? match.captures : command.split(/ /, 2)
        return unless exe && (expanded = which(exe))
        expanded = +"'#{expanded}'" if expanded =~ /\s/
        expanded = +expanded
        expanded << " #{args}" if args
        expanded
      end

      def with_env(values)
        old = {}
        values.each do |var, value|
          old[var] = ENV[var] if ENV[var]
          ENV[var] = value
        end
        yield
      ensure
        values.each_key { |var| old.include?(var) ? ENV[var] = old[var] : ENV.delete(var) }
      end

      def exec(command)
        execute(command, on_fail: nil)
      end

      def execute(command, options = {})
        on_fail = options.fetch(:on_fail, :raise)
        expand = options.fetch(:expand, true)
        logger = options[:logger]
        timeout = (options[:timeout] || options[:time_limit] || options[:limit]).to_i
        timeout = timeout.positive? ? timeout : nil
        extra_keys = options.keys - VALID_OPTIONS
        unless extra_keys.empty?
          Facter.warn("Unexpected key passed to Facter::Core::Execution.execute option: #{extra_keys.join(',')} - valid keys: #{VALID_OPTIONS.join(',')}")
        end
        expanded = if (!expand && builtin_command?(command)) || logger
                     command
                   else
                     expand_command(command)
                   end
        if expanded.nil?
          raise ExecutionFailure, "Could not execute '#{command}': command not found" if on_fail == :raise
          return on_fail
        end
        out, = execute_command(expanded, on_fail, logger, timeout)
        out
      end

      def execute_command(command, on_fail = nil, logger = nil, timeout = nil)
        timeout ||= 300
        Facter.debug("Executing command: #{command}")
        r = BunrakuFacter.exec(command, timeout, 'LC_ALL' => 'C', 'LANG' => 'C')
        failure = r['error']
        if r['timedOut']
          message = "Timeout encounter after #{timeout}s, killing process with pid: #{r['pid']}"
          # facter raises this inside its own rescue, which rewraps it below
          on_fail == :raise ? failure = message : Facter.debug(message)
        end
        if failure
          message = "Failed while executing '#{command}': #{failure}"
          if logger
            Facter.debug(message)
            return ''
          end
          return on_fail unless on_fail == :raise
          raise ExecutionFailure, message
        end
        stderr = r['stderr'].to_s
        Facter.debug(format(STDERR_MESSAGE, command, stderr.strip)) unless stderr.empty?
        [r['stdout'].to_s.strip, stderr]
      end

      def builtin_command?(command)
        output = BunrakuFacter.exec("type #{command}", 10)['stdout'].to_s
        output.chomp =~ /builtin/ ? true : false
      end
    end
  end

  module Util
    class Resolution
      extend Facter::Core::Execution
      class << self
        public :which, :exec, :with_env
      end
    end

    class FileHelper
      class << self
        def safe_read(path, default_return = '')
          return File.read(path) if File.readable?(path)
          Facter.debug("File at: #{path} is not accessible.")
          default_return
        end

        def safe_readlines(path, default_return = [], sep = $/, chomp: false)
          return File.readlines(path, sep, chomp: chomp) if File.readable?(path)
          Facter.debug("File at: #{path} is not accessible.")
          default_return
        end

        def dir_children(path)
          Dir.children(path)
        end
      end
    end
  end
end

module BunrakuFacter
  # One whole evaluation: native facts in, every custom fact's value out.
  # payload: { core, external, env, files: [[path, source]], debug,
  #            env_facts, puppet_settings, puppet_version, default_providers, pid }
  def self.run(payload_json)
    payload = JSON.parse(payload_json)
    reset(payload['core'], payload['debug'])
    @agent_pid = payload['pid']
    self.puppet_settings = payload['puppet_settings']
    self.puppet_version = payload['puppet_version']
    self.default_providers = payload['default_providers']
    ENV.clear
    payload['env'].each { |k, v| ENV[k] = v }
    @required = {}
    [[payload['external'], EXTERNAL_FACT_WEIGHT], [payload['env_facts'] || {}, ENV_FACT_WEIGHT]].each do |facts, weight|
      facts.each do |name, value|
        @collection.add(name, fact_type: :external) do
          has_weight weight
          setcode { value }
        end
      end
    end
    @pending = payload['files'].group_by { |(path, _)| File.basename(path, '.rb').downcase }
    payload['files'].each { |(path, source)| load_fact_file(path, source) }
    facts = {}
    @collection.names.each do |name|
      value = resolve_top(name)
      facts[name.to_s] = plain(value) unless value.nil?
    end
    JSON.generate({ 'facts' => facts, 'messages' => @messages })
  end

  # As facter's loader: asking for a fact not yet defined loads <name>.rb first.
  def self.load_by_name(name)
    (@pending&.delete(name.to_s) || []).each { |(path, source)| load_fact_file(path, source) }
  end

  def self.load_fact_file(path, source)
    return if required[path]
    required[path] = true
    load_source(source, path)
  rescue ScriptError => e
    required.delete(path)
    Facter.log_exception(e, "Error loading fact #{path}: #{e.message}")
  rescue StandardError => e
    Facter.log_exception(e, "error while resolving custom facts in #{path} #{e.message}")
  end

  # Facter resolves each fact on its own: whatever escapes one (even a
  # ScriptError such as NotImplementedError) costs that fact only.
  def self.resolve_top(name)
    @collection.fact(name).value
  rescue Exception => e # rubocop:disable Lint/RescueException
    raise if e.is_a?(SystemExit) || e.is_a?(NoMemoryError)
    Facter.log_exception(e, "Error while resolving custom fact fact='#{name}', resolution='<anonymous>': #{e.message}")
    nil
  end
end
`;
