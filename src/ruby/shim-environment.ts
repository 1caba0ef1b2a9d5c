// Ruby shim, part 5 of 5 (see function-shim.ts): the world module code
// expects around it: requires served from the modules, Facter.value, PSON,
// Ruby 3.1's constants, the server's files (read-only, through the compiler's
// host) and the libraries this Ruby lacks.
export const ENVIRONMENT_SHIM = String.raw`
# Module files are evaluated in a binding of their own, at the top level.
def __bunraku_fresh_binding
  binding
end

# A function's require of a module's own library (puppet_x/..., or a file of its
# lib directory) is served from the modules; Puppet's own libraries are the
# shim; anything else is Ruby's standard library.
module Kernel
  alias_method :__bunraku_require, :require
  private :__bunraku_require

  def require(name)
    Bunraku::Fn.require_lib(name.to_s) { __bunraku_require(name) }
  end

  def require_relative(name)
    path = File.expand_path(name.to_s, File.dirname(caller_locations(1, 1)[0].path))
    Bunraku::Fn.require_lib(path) { __bunraku_require(path) }
  end
  private :require, :require_relative
end

# Facter on the server side: facts come from the node's facts in the compile.
module Facter
  def self.value(name)
    Bunraku.callback('fact', name.to_s)
  rescue Puppet::ParseError
    nil
  end
end

Object.autoload(:Gem, 'rubygems')
Object.autoload(:Digest, 'digest')

# Puppet's vendored JSON (PSON), as functions use it: plain JSON here.
unless defined?(::PSON)
  module ::PSON
    ParserError = ::JSON::ParserError

    def self.load(source, *_rest)
      source = source.read if source.respond_to?(:read)
      ::JSON.parse(source)
    end

    def self.parse(source, *_rest)
      ::JSON.parse(source)
    end

    def self.generate(value, *_rest)
      ::JSON.generate(value)
    end
  end
end

# Puppet 7 runs on Ruby 3.1, which still has these (removed in 3.2).
Fixnum = Integer unless defined?(::Fixnum)
Bignum = Integer unless defined?(::Bignum)

module Bunraku
  # The server's files as functions read them (this VM has no file system of
  # its own): answered by the compiler's host, read-only. Outside a function
  # call (a template), the VM's own (empty) file system answers as before.
  module Fs
    def self.ask(op, path)
      [true, Bunraku.callback('fs', op, path.to_s)]
    rescue Puppet::ParseError
      [false, nil]
    end

    def self.kind(path)
      handled, kind = ask('kind', path)
      handled ? [true, kind] : [false, nil]
    end
  end
end

class << File
  %i[exist? file? directory? readable? read readlines].each do |m|
    alias_method :"__bunraku_#{m}", m
  end

  # The VM's own files (Ruby's library) come first; the rest is the server's.
  def exist?(path)
    return true if __bunraku_exist?(path)
    handled, kind = Bunraku::Fs.kind(path)
    handled && !kind.nil?
  end
  alias_method :exists?, :exist?

  def file?(path)
    return true if __bunraku_file?(path)
    handled, kind = Bunraku::Fs.kind(path)
    handled && kind == 'file'
  end

  def directory?(path)
    return true if __bunraku_directory?(path)
    handled, kind = Bunraku::Fs.kind(path)
    handled && kind == 'directory'
  end

  def readable?(path)
    return true if __bunraku_readable?(path)
    handled, kind = Bunraku::Fs.kind(path)
    handled && !kind.nil?
  end

  def read(path, *rest, **kw)
    return __bunraku_read(path, *rest, **kw) if !rest.empty? || !path.is_a?(String) || __bunraku_exist?(path)
    handled, text = Bunraku::Fs.ask('read', path)
    return __bunraku_read(path, **kw) unless handled
    raise Errno::ENOENT, "rb_sysopen - #{path}" if text.nil?
    text
  end

  def readlines(path, *rest, **kw)
    return __bunraku_readlines(path, *rest, **kw) if !path.is_a?(String) || __bunraku_exist?(path)
    handled, text = Bunraku::Fs.ask('read', path)
    return __bunraku_readlines(path, *rest, **kw) unless handled
    raise Errno::ENOENT, "rb_sysopen - #{path}" if text.nil?
    text.lines
  end
end

module Psych
  class << self
    alias_method :__bunraku_load_file, :load_file

    def load_file(path, **kwargs)
      return __bunraku_load_file(path, **kwargs) if File.__bunraku_exist?(path)
      handled, text = Bunraku::Fs.ask('read', path)
      return __bunraku_load_file(path, **kwargs) unless handled
      raise Errno::ENOENT, "rb_sysopen - #{path}" if text.nil?
      load(text.delete_prefix("\uFEFF"), filename: path.to_s, **kwargs)
    end
  end
end

# This Ruby has no socket extension; IPAddr needs only the address families.
unless defined?(::Socket)
  module ::Socket
    AF_UNSPEC = 0
    AF_INET = 2
    AF_INET6 = 10
  end
end
`;
