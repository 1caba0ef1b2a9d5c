// The Ruby shim of Puppet's extension APIs that module Ruby code is written
// against: Puppet::Functions (4.x functions and their dispatch declarations),
// Puppet::Parser::Functions (3.x newfunction), Puppet::Type.newtype (custom
// types, read for their attributes only), and the small parts of
// Puppet::Pops::Types, Puppet::Util and Puppet's logging that functions use.
// Loaded once per VM, on the first function call or type load (not at boot,
// which templates alone pay for).
//
// Division of labour: Ruby only loads files and runs methods. Which dispatch
// accepts the arguments, the type checks and their messages are done in
// TypeScript with the compiler's type system (functions.ts, dispatch.ts);
// Ruby reports each file's declarations as JSON and is then told which method
// to invoke. Everything Ruby needs from the compiler (variables, other
// functions, a lambda, type checks) goes through Bunraku.callback.
//
// Anything the shim lacks surfaces as a NameError or NoMethodError on a
// Puppet constant; Bunraku::Fn.failure turns that into "needs Puppet::X".

export const FUNCTION_SHIM = String.raw`
module Bunraku
  module Functions3x; end

  # Raised for a part of Puppet the shim knows it lacks (a setting, ...).
  class MissingPart < NameError
    attr_reader :part

    def initialize(part)
      @part = part
      super("Bunraku's Ruby shim does not provide #{part}")
    end
  end

  # A function's own dispatcher, for functions that override call and dispatch
  # themselves (self.class.dispatcher.dispatch): the choice is made in JS.
  class Dispatcher
    def initialize(function_class)
      @function_class = function_class
    end

    def dispatch(instance, scope, args, &block)
      method, scope_at, mismatch = Bunraku.callback('dispatch', @function_class.func_name, args, !block.nil?)
      args = args.dup
      scope_at.each { |i| args.insert(i, scope) }
      result = instance.send(method, *args, &block)
      raise ArgumentError, "'#{@function_class.func_name}' #{result}" if mismatch
      result
    end

    def empty?
      @function_class.dispatches.empty?
    end
  end
end

module Puppet
  PUPPETVERSION = '7.23.0'

  def self.version
    PUPPETVERSION
  end

  # The settings functions read. Puppet's values for a compile on the server;
  # any other setting fails naming it, as the shim cannot know it.
  class BunrakuSettings
    KNOWN = { strict: :warning, strict_variables: false, trusted_node_data: true, app_management: false, tasks: false }.freeze

    def [](name)
      key = name.to_sym
      return KNOWN[key] if KNOWN.key?(key)
      raise Bunraku::MissingPart.new("Puppet[:#{key}]")
    end
  end

  def self.settings
    @bunraku_settings ||= BunrakuSettings.new
  end

  # Puppet.features.<name>? : no optional Ruby library (augeas, hocon, ...) is present here.
  class BunrakuFeatures
    def method_missing(name, *_args)
      return false if name.to_s.end_with?('?')
      super
    end

    def respond_to_missing?(name, _private = false)
      name.to_s.end_with?('?')
    end
  end

  def self.features
    @bunraku_features ||= BunrakuFeatures.new
  end

  # A module of the environment, as Puppet::Module.find gives it.
  class Module
    attr_reader :name, :path

    def initialize(name, path)
      @name = name
      @path = path
    end

    def self.find(name, _environment = nil)
      path = Bunraku.callback('module_dir', name.to_s)
      path && new(name.to_s, path)
    end
  end

  def self.[](name)
    settings[name]
  end

  class DevError < Error; end
  class ExecutionFailure < Error; end

  %w[debug info notice warning err alert emerg crit].each do |level|
    define_singleton_method(level) do |message, *_rest|
      Bunraku.callback('log', level, message.to_s)
      nil
    end
  end

  def self.deprecation_warning(message, _key = nil, *_rest)
    warning(message)
  end

  def self.warn_once(_kind, _key, message, *_rest)
    warning(message)
  end

  module Util
    module Json
      class ParseError < StandardError
        attr_reader :data

        def self.build(original, data)
          new(original.message).tap { |e| e.instance_variable_set(:@data, data) }
        end
      end

      def self.load(string, options = {})
        string = string.read if string.respond_to?(:read)
        options = options.dup
        options[:symbolize_names] = true if options.delete(:symbolize_keys)
        ::JSON.parse(string, options)
      rescue ::JSON::ParserError => e
        raise ParseError.build(e, string)
      end

      def self.dump(object, options = {})
        options.is_a?(Hash) && options[:pretty] ? ::JSON.pretty_generate(object) : ::JSON.generate(object)
      end
    end

    ABSOLUTE_POSIX = %r{\A/}
    ABSOLUTE_WINDOWS = %r{\A(?:[A-Z]:[\\/]|[\\/]{2}[^\\/]+[\\/][^\\/]+|[\\/]{2}\?[\\/][^\\/]+)}i

    def self.absolute_path?(path, platform = :posix)
      unless path.is_a?(String)
        Puppet.warning("Cannot check if #{path} is an absolute path because it is a '#{path.class}' and not a String'")
        return false
      end
      !!(path =~ (platform == :windows ? ABSOLUTE_WINDOWS : ABSOLUTE_POSIX))
    end

    def self.deterministic_rand_int(seed, max)
      Random.new(seed).rand(max)
    end

    def self.deterministic_rand(seed, max)
      deterministic_rand_int(seed, max).to_s
    end

    module Package
      # Puppet's version comparison: segments are runs of digits, runs of other
      # characters, and the separators '-' and '.', compared left to right.
      def self.versioncmp(a, b, ignore_trailing_zeroes = false)
        if ignore_trailing_zeroes
          a = a.split('-').tap { |p| p[0] = p[0].sub(/[.0]+\z/, '') }.join('-')
          b = b.split('-').tap { |p| p[0] = p[0].sub(/[.0]+\z/, '') }.join('-')
        end
        segments = /[-.]|\d+|[^-.\d]+/
        left = a.scan(segments)
        right = b.scan(segments)
        until left.empty? || right.empty?
          x = left.shift
          y = right.shift
          next if x == y
          %w[- .].each do |sep|
            return -1 if x == sep
            return 1 if y == sep
          end
          if x =~ /\A\d+\z/ && y =~ /\A\d+\z/
            return x.upcase <=> y.upcase if x.start_with?('0') || y.start_with?('0')
            return x.to_i <=> y.to_i
          end
          return x.upcase <=> y.upcase
        end
        a <=> b
      end
    end
  end

  module Pops
    module Types
      # Base of type values: the compiler's types arrive as Bunraku::Handle objects of this class.
      class PAnyType; end

      class TypeCalculator
        def self.instance?(type, value)
          Bunraku.callback('instance', type, value)
        end

        def self.infer(value)
          Bunraku.callback('infer', value)
        end

        def self.infer_set(value)
          Bunraku.callback('infer', value)
        end

        def self.singleton
          self
        end
      end

      class TypeParser
        def self.singleton
          new
        end

        def parse(text, _loader = nil)
          Bunraku.callback('parse_type', text.to_s)
        end
      end

      class TypeAsserter
        def self.assert_instance_of(subject, type, value, nil_ok = false)
          return value if nil_ok && value.nil?
          message = Bunraku.callback('mismatch', type, value, (block_given? ? yield : subject).to_s)
          raise Puppet::ParseError, message if message
          value
        end
      end

      # What Iterable.asserted_iterable gives a function: enumerable, and
      # hash_style? for hashes (whose elements are [key, value] pairs).
      class BunrakuIterable
        include Enumerable

        def initialize(items, hash_style)
          @items = items
          @hash_style = hash_style
          @enum = nil
        end

        def hash_style?
          @hash_style
        end

        def each(&block)
          return enum_for(:each) unless block
          @items.each(&block)
        end

        def next
          (@enum ||= @items.each).next
        end

        def rewind
          @enum = nil
          self
        end
      end

      module Iterable
        def self.on(obj, _element_type = nil, _infer = true)
          case obj
          when Hash then BunrakuIterable.new(obj.to_a, true)
          when Array then BunrakuIterable.new(obj, false)
          when String then BunrakuIterable.new(obj.chars, false)
          when Integer then BunrakuIterable.new(obj < 0 ? [] : (0...obj).to_a, false)
          when Enumerable then BunrakuIterable.new(obj.to_a, false)
          end
        end

        def self.asserted_iterable(_caller, obj, _infer = false)
          iter = on(obj)
          raise ArgumentError, "#{Bunraku::Fn.current_name} expects an Iterable value, got #{obj.class}" if iter.nil?
          iter
        end
      end
    end

    module Serialization
      # Puppet values as plain data; with rich_data, the values JSON cannot
      # hold are tagged as Puppet tags them ({'__ptype' => ..., '__pvalue' => ...}).
      class ToDataConverter
        def self.convert(value, options = {})
          new(options[:rich_data]).convert(value)
        end

        def initialize(rich)
          @rich = rich
        end

        def convert(v)
          case v
          when nil, true, false, String, Integer, Float then v
          when Symbol then v == :default && @rich ? { '__ptype' => 'Default' } : v.to_s
          when Array then v.map { |x| convert(x) }
          when Hash
            if v.keys.all? { |k| k.is_a?(String) }
              v.each_with_object({}) { |(k, x), h| h[k] = convert(x) }
            elsif @rich
              { '__ptype' => 'Hash', '__pvalue' => v.flat_map { |k, x| [convert(k), convert(x)] } }
            else
              v.each_with_object({}) { |(k, x), h| h[k.to_s] = convert(x) }
            end
          when Puppet::Pops::Types::PSensitiveType::Sensitive
            @rich ? { '__ptype' => 'Sensitive', '__pvalue' => convert(v.unwrap) } : v.to_s
          when Regexp then @rich ? { '__ptype' => 'Regexp', '__pvalue' => v.source } : v.inspect
          when Puppet::Pops::Types::PAnyType then @rich ? { '__ptype' => 'Type', '__pvalue' => v.to_s } : v.to_s
          else v.to_s
          end
        end
      end
    end

    module Evaluator
      module Runtime3ResourceSupport
        # The type's name as the catalog spells it ('Package', 'Apache::Vhost'); nil when no such type.
        def self.find_resource_type_or_class(_scope, name)
          Bunraku.callback('resource_type', name.to_s)
        end

        def self.find_resource_type(scope, name)
          find_resource_type_or_class(scope, name)
        end
      end
    end

    module Functions
      # The base of every 4.x function class; instances are made per call.
      class Function
        def initialize(closure_scope = nil, loader = nil)
          @closure_scope = closure_scope
          @loader = loader
        end

        def closure_scope
          @closure_scope ||= Puppet::Parser::Scope.new
        end

        def loader
          @loader
        end

        def call_function(name, *args, &block)
          Bunraku::Fn.call_out(name.to_s, args, '4x', block)
        end

        class << self
          attr_reader :func_name, :dispatches, :local_type_texts

          def name
            @func_name
          end

          def bunraku_init(func_name)
            @func_name = func_name
            @dispatches = []
            @local_type_texts = []
          end

          def dispatch(method, &block)
            builder = Bunraku::DispatchBuilder.new(method.to_s, false)
            builder.instance_eval(&block) if block
            @dispatches << builder.to_h
          end

          def dispatcher
            @bunraku_dispatcher ||= Bunraku::Dispatcher.new(self)
          end

          def argument_mismatch(method, &block)
            builder = Bunraku::DispatchBuilder.new(method.to_s, true)
            builder.instance_eval(&block) if block
            @dispatches << builder.to_h
          end

          def local_types(&block)
            builder = Bunraku::LocalTypesBuilder.new
            builder.instance_eval(&block)
            @local_type_texts.concat(builder.texts)
          end
        end
      end
    end
  end

  module Functions
    Function = Puppet::Pops::Functions::Function
    class InternalFunction < Function; end

    def self.create_function(func_name, function_base = Function, &block)
      the_class = Class.new(function_base)
      the_class.bunraku_init(func_name.to_s)
      begin
        the_class.class_eval(&block)
      rescue StandardError => e
        raise ArgumentError, "Function Load Error for function '#{func_name}': #{e.message}"
      end
      Bunraku::Fn.defined_4x(the_class)
      the_class
    end
  end

  module Parser
    # 3.x functions become methods of this module, which the scope includes:
    # a 3.x function body runs with the scope as self, as in Puppet.
    module Functions
      @functions = {}

      def self.newfunction(name, options = {}, &block)
        name = name.to_s
        arity = options[:arity] || -1
        ftype = options[:type] || :statement
        unless ftype == :statement || ftype == :rvalue
          raise Puppet::DevError, "Invalid statement type #{ftype.inspect}"
        end
        real = "real_function_#{name}"
        Bunraku::Functions3x.send(:define_method, real, &block)
        Bunraku::Functions3x.send(:define_method, "function_#{name}") do |*args|
          unless args[0].is_a?(Array)
            raise ArgumentError, 'custom functions must be called with a single array that contains the arguments. For example, function_example([1]) instead of function_example(1)'
          end
          given = args[0].size
          if arity >= 0 && given != arity
            raise ArgumentError, "#{name}(): Wrong number of arguments given (#{given} for #{arity})"
          elsif arity < 0 && given < (arity + 1).abs
            raise ArgumentError, "#{name}(): Wrong number of arguments given (#{given} for minimum #{(arity + 1).abs})"
          end
          result = Bunraku::Fn.undef_to_nil(send(real, args[0]))
          ftype == :rvalue ? result : nil
        end
        info = { name: "function_#{name}", arity: arity, type: ftype }
        info[:doc] = options[:doc] if options[:doc]
        @functions[name] = info
        Bunraku::Fn.defined_3x(name, info)
        info
      end

      def self.get_function_info(name)
        @functions[name.to_s]
      end

      # "function_<name>" when a 3.x function of that name exists (loading it), else false.
      def self.function(name, _environment = nil)
        name = name.to_s
        return "function_#{name}" if @functions.key?(name)
        Bunraku.callback('has_3x', name) ? "function_#{name}" : false
      end

      def self.rvalue?(name, _environment = nil)
        function(name)
        info = @functions[name.to_s]
        info ? info[:type] == :rvalue : false
      end

      def self.arity(name, _environment = nil)
        function(name)
        info = @functions[name.to_s]
        info ? info[:arity] : -1
      end

      def self.autoloader
        Bunraku::Autoloader
      end
    end

    class Scope
      include Bunraku::Functions3x
      alias_method :__bunraku_method_missing, :method_missing

      # The catalog as far as functions read it.
      class CatalogView
        def resources
          Bunraku.callback('catalog_resources').map { |t, ti, params| Puppet::Resource.new(t, ti, params) }
        end

        def resource(type, title = nil)
          Puppet::Parser::Scope.new.findresource(type, title)
        end
      end

      def findresource(type, title = nil)
        type, title = Puppet::Resource.type_and_title(type.to_s, title)
        found = Bunraku.callback('findresource', type, title.to_s)
        found && Puppet::Resource.new(*found)
      end

      def catalog
        CatalogView.new
      end

      # The resource whose body is being evaluated (Class[Foo], Foo::Bar[x]).
      def resource
        found = Bunraku.callback('current_resource')
        found && Puppet::Resource.new(*found)
      end

      def find_global_scope
        self
      end

      # Puppet::Util::Logging as the scope has it (3.x functions call warning(...)).
      %w[debug info notice warning err].each do |level|
        define_method(level) { |message| Puppet.send(level, message) }
      end

      # What the scope evaluates: scope.source.name and .type, as assert_private reads them.
      class SourceView
        attr_reader :name, :type

        def initialize(name, type)
          @name = name
          @type = type
        end
      end

      def source
        found = Bunraku.callback('current_resource')
        return SourceView.new('', :hostclass) unless found
        case found[0]
        when 'Class' then SourceView.new(found[1].downcase, :hostclass)
        when 'Node' then SourceView.new(found[1].downcase, :node)
        else SourceView.new(found[0].downcase, :definition)
        end
      end

      # scope.compiler.environment and scope.environment, as far as functions print them.
      class EnvironmentView
        def name
          Bunraku.callback('environment')
        end
        alias to_s name
      end

      class CompilerView
        def environment
          EnvironmentView.new
        end
      end

      def compiler
        CompilerView.new
      end

      def environment
        EnvironmentView.new
      end

      # function_<name>([...]) of a module's 3.x function not loaded yet: load
      # it and call it here, as Puppet does; anything else goes to the compiler.
      def method_missing(method, *args, &block)
        name = method.to_s[/\Afunction_(.*)\z/, 1]
        if name && !Bunraku::Functions3x.method_defined?(method)
          found = begin
            Puppet::Parser::Functions.function(name)
          rescue Puppet::ParseError
            false
          end
          return send(method, *args, &block) if found && Bunraku::Functions3x.method_defined?(method)
        end
        __bunraku_method_missing(method, *args, &block)
      end
    end
  end

  # A resource as functions see one: a reference passed to a 3.x function, or a
  # catalog resource found through the scope (findresource, catalog.resources),
  # with its parameters as they are at the time of the call.
  class Resource
    attr_reader :type, :title

    def initialize(type, title, parameters = nil)
      @type = type
      @title = title
      @parameters = parameters
    end

    def self.type_and_title(type, title)
      if title.nil? && type.is_a?(String) && type =~ /\A([^\[\]]+)\[(.+)\]\z/m
        type, title = Regexp.last_match(1), Regexp.last_match(2)
      elsif title.nil?
        raise ArgumentError, "No title provided and #{type.inspect} is not a valid resource reference"
      end
      type = Bunraku::Fn.capitalize_segments(type.to_s)
      type = 'Class' if type.casecmp('component').zero? || type.empty?
      title = Bunraku::Fn.capitalize_segments(title.to_s) if type == 'Class'
      [type, title]
    end

    def [](name)
      parameters[name.to_s]
    end

    def parameters
      @parameters ||= begin
        found = Bunraku.callback('findresource', @type, @title)
        found ? found[2] : {}
      end
    end

    def to_hash
      parameters.each_with_object({}) { |(k, v), h| h[k.to_sym] = v }
    end

    def ref
      "#{@type}[#{@title}]"
    end
    alias to_s ref

    def inspect
      ref
    end

    def ==(other)
      other.is_a?(Puppet::Resource) && other.ref == ref
    end
  end

  class Type
    # Custom types are read, never run: newtype records the type's name,
    # attributes and namevars; everything else in the block is accepted and ignored.
    def self.newtype(name, _options = {}, &block)
      definition = Bunraku::TypeDefinition.new(name.to_s)
      definition.instance_eval(&block) if block
      Bunraku::Fn.defined_type(definition)
      definition
    end

    def self.type(name)
      Bunraku::Fn.known_type(name.to_s)
    end

    # Puppet::Type::File::Owner and the like, which type files subclass: stubs.
    def self.const_missing(name)
      const_set(name, Class.new(Bunraku::StubType))
    end
  end

  # Parameter and property classes a type file subclasses; their class-level
  # DSL (desc, munge, validate, newvalues, ...) is accepted and ignored, and
  # classes Puppet has that the shim does not (Puppet::Parameter::Path) are stubs.
  class Parameter
    class << self
      def method_missing(_name, *_args, &_block)
        nil
      end

      def respond_to_missing?(_name, _private = false)
        true
      end

      def const_missing(name)
        const_set(name, Class.new(self))
      end
    end

    class Boolean < Parameter; end
    class Value; end
    class ValueCollection; end
  end

  class Property < Parameter
    class Ensure < Property; end
    class List < Property; end
    class OrderedList < List; end
    class KeyValue < Property; end
    class Boolean < Property; end
  end
end

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

module Bunraku
  module Functions3x; end

  # A resource reference handed to a 3.x function: a Puppet::Resource, as Puppet converts it.
  class ResourceHandle < Puppet::Resource
    include HandleMethods

    def initialize(id, display, kind)
      @bunraku_ref = id
      @bunraku_display = display
      @bunraku_kind = kind
      type, title = begin
        Puppet::Resource.type_and_title(display, nil)
      rescue ArgumentError
        [display, '']
      end
      Puppet::Resource.instance_method(:initialize).bind_call(self, type, title)
    end
  end

  class StubType
    def self.const_missing(name)
      const_set(name, Class.new(Puppet::Property))
    end

    def self.method_missing(_name, *_args, &_block)
      nil
    end

    def self.respond_to_missing?(_name, _private = false)
      true
    end
  end

  class DispatchBuilder
    def initialize(method, mismatch)
      @method = method
      @mismatch = mismatch
      @params = []
      @block = nil
      @return_type = nil
      @injections = []
    end

    def param(type, name)
      add(type, name, 'required')
    end
    alias required_param param

    def optional_param(type, name)
      add(type, name, 'optional')
    end

    def repeated_param(type, name)
      add(type, name, 'repeated')
    end
    alias optional_repeated_param repeated_param

    def required_repeated_param(type, name)
      add(type, name, 'required_repeated')
    end

    def block_param(*type_and_name)
      type, name = type_and_name.size == 2 ? type_and_name : ['Callable', type_and_name[0] || :block]
      raise ArgumentError, 'Attempt to redefine block' if @block
      @block = { 'name' => name.to_s, 'type' => type.to_s, 'optional' => false }
    end
    alias required_block_param block_param

    def optional_block_param(*type_and_name)
      block_param(*type_and_name)
      @block['optional'] = true
    end

    def return_type(type)
      @return_type = type.to_s
    end

    def scope_param
      @injections << @params.size
    end

    %w[cache_param compiler_param script_compiler_param pal_compiler_param].each do |m|
      define_method(m) { raise NameError.new("uninitialized constant Puppet::Pops::Functions::#{m}", m.to_sym) }
    end

    def to_h
      {
        'method' => @method, 'mismatch' => @mismatch, 'params' => @params, 'block' => @block,
        'returnType' => @return_type, 'scopeAt' => @injections,
      }
    end

    private

    def add(type, name, kind)
      raise ArgumentError, 'Parameters cannot be added after a block parameter' if @block
      raise ArgumentError, "Parameter name argument must be a Symbol. Got #{name.class}" unless name.is_a?(Symbol) || name.is_a?(String)
      @params << { 'name' => name.to_s, 'type' => type.to_s, 'kind' => kind }
    end
  end

  class LocalTypesBuilder
    attr_reader :texts

    def initialize
      @texts = []
    end

    def type(assignment)
      unless assignment =~ /\A\s*[A-Z]\w*(?:::[A-Z]\w*)*\s*=/
        raise ArgumentError, "Expected a type alias assignment on the form 'AliasType = T', got '#{assignment}'"
      end
      @texts << assignment
    end
  end

  # What a custom type declares. Blocks given to attributes (validate, munge,
  # newvalues, desc) run against a recorder that accepts and ignores them.
  class TypeDefinition
    class Ignore
      def method_missing(_name, *_args, &_block)
        self
      end

      def respond_to_missing?(_name, _private = false)
        true
      end
    end

    attr_reader :name, :parameters, :properties, :namevars

    def initialize(name)
      @name = name
      @parameters = []
      @properties = []
      @namevars = []
      @ensurable = false
    end

    def ensurable(*_args, &block)
      @ensurable = true
      @properties.unshift('ensure') unless @properties.include?('ensure')
      Ignore.new.instance_eval(&block) if block
      Ignore.new
    end

    def newparam(name, options = {}, &block)
      name = name.to_s
      @parameters << name unless @parameters.include?(name)
      @namevars << name if options[:namevar] && !@namevars.include?(name)
      Ignore.new.instance_eval(&block) if block
      Ignore.new
    end

    def newproperty(name, _options = {}, &block)
      name = name.to_s
      if name == 'ensure'
        @ensurable = true
        @properties.unshift(name) unless @properties.include?(name)
      else
        @properties << name unless @properties.include?(name)
      end
      Ignore.new.instance_eval(&block) if block
      Ignore.new
    end

    # Puppet's key attributes: the namevars and a parameter called name, in declaration order.
    def key_attributes
      @parameters.select { |p| @namevars.include?(p) || p == 'name' }
    end

    # A type defining self.title_patterns: the patterns' sources and the attributes their captures set.
    def title_patterns_description
      unless singleton_methods(false).include?(:title_patterns)
        keys = key_attributes
        return keys.size == 1 ? [{ 'pattern' => '(.*)', 'attributes' => keys }] : nil
      end
      title_patterns.map do |regexp, captures|
        { 'pattern' => regexp.source, 'attributes' => captures.map { |c| Array(c)[0].to_s } }
      end
    end

    def method_missing(_name, *_args, &_block)
      Ignore.new
    end

    def respond_to_missing?(_name, _private = false)
      true
    end

    def to_h
      {
        'name' => @name, 'parameters' => @parameters, 'properties' => @properties,
        'namevars' => key_attributes, 'ensurable' => @ensurable, 'titlePatterns' => title_patterns_description,
      }
    end
  end

  module Autoloader
    def self.load(name, _env = nil)
      Puppet::Parser::Functions.function(name) ? true : false
    end

    def self.loaded?(name)
      !Puppet::Parser::Functions.get_function_info(name).nil?
    end

    def self.delegatee
      self
    end
  end

  # The registry of loaded function files and the entry points JS calls.
  module Fn
    @files = {}
    @current = []
    @blocks = {}

    class << self
      attr_accessor :pending

      def current_name
        @current.last || 'function'
      end

      def defined_4x(the_class)
        (pending[:functions] ||= []) << the_class if pending
      end

      def defined_3x(name, info)
        (pending[:functions3x] ||= []) << [name, info] if pending
      end

      def defined_type(definition)
        (pending[:types] ||= []) << definition if pending
      end

      def known_type(_name)
        nil
      end

      def require_lib(name)
        name = name.sub(/\.rb\z/, '')
        @required ||= {}
        return false if @required[name]
        found = begin
          Bunraku.callback('require', name)
        rescue Puppet::ParseError
          nil
        end
        if found
          @required[name] = true
          @required[found[0].sub(/\.rb\z/, '')] = true
          __bunraku_fresh_binding.eval(found[1], found[0], 1)
          return true
        end
        return true if name =~ %r{\A(?:puppet|facter|hiera|semantic_puppet)(?:/|\z)}
        begin
          yield
        rescue LoadError
          # A library this Ruby lacks (socket, ...): code that uses it fails later, naming it.
          false
        end
      end

      # Evaluates a file's source; answers 'V' + JSON of what it declared, or 'E' + failure JSON.
      def load(path, version, source, name, api)
        assert_legacy(source, path) if api == '3x'
        self.pending = {}
        TOPLEVEL_BINDING.receiver.send(:__bunraku_fresh_binding).eval(source, path, 1)
        found = pending
        self.pending = nil
        entry =
          case api
          when '4x' then describe_4x(found, name, path)
          when '3x' then describe_3x(found, name, path)
          else describe_type(found, name, path)
          end
        @files[path] = entry.merge(version: version)
        'V' + JSON.generate(entry[:json])
      rescue Exception => e
        self.pending = nil
        'E' + failure(e, name)
      end

      def loaded?(path, version)
        entry = @files[path]
        entry && entry[:version] == version ? 'Y' : 'N'
      end

      # Runs a 4.x function's method; args already chosen and checked by JS.
      def invoke_4x(path, method, args, scope_at, block_arity)
        entry = @files[path]
        return 'N' unless entry
        @current.push(entry[:name])
        instance = entry[:class].new(nil, nil)
        scope_at.each { |i| args.insert(i, instance.closure_scope) }
        block = block_arity ? proc { |*a| Bunraku.callback('yield', a) } : nil
        result = instance.send(method, *args, &block)
        'V' + Bunraku.encode(result)
      rescue Exception => e
        'E' + failure(e, entry && entry[:name])
      ensure
        @current.pop if entry
      end

      # Runs a 4.x function that defines its own call(scope, *args): it dispatches itself.
      def invoke_call(path, args, block_arity)
        entry = @files[path]
        return 'N' unless entry
        @current.push(entry[:name])
        instance = entry[:class].new(nil, nil)
        block = block_arity ? proc { |*a| Bunraku.callback('yield', a) } : nil
        'V' + Bunraku.encode(instance.call(instance.closure_scope, *args, &block))
      rescue Exception => e
        'E' + failure(e, entry && entry[:name])
      ensure
        @current.pop if entry
      end

      # Runs a 3.x function by name: Puppet's function_<name>(args) wrapper does the arity check.
      def invoke_3x(path, name, args)
        return 'N' unless @files[path]
        @current.push(name)
        result = Puppet::Parser::Scope.new.send("function_#{name}", args)
        'V' + Bunraku.encode(result)
      rescue Exception => e
        'E' + failure(e, name)
      ensure
        @current.pop
      end

      # A Ruby block passed to call_function, called back from JS.
      def call_block(id, args)
        block = @blocks[id]
        return 'E' + JSON.generate({ 'class' => 'RuntimeError', 'message' => 'The Ruby block is no longer available' }) unless block
        'V' + Bunraku.encode(block.call(*args))
      rescue Exception => e
        'E' + failure(e, current_name)
      end

      def call_out(name, args, api, block)
        return Bunraku.callback('call', name, args, api, current_name) unless block
        id = "b#{@blocks.size + 1}"
        @blocks[id] = block
        params = block.parameters
        min = block.arity < 0 ? -block.arity - 1 : block.arity
        max = params.any? { |p| p[0] == :rest } ? -1 : params.count { |p| p[0] == :req || p[0] == :opt }
        names = params.map { |kind, pname| [pname.to_s, kind == :rest] }
        begin
          Bunraku.callback('call_with_block', name, args, api, id, min, max, names)
        ensure
          @blocks.delete(id)
        end
      end

      def capitalize_segments(name)
        name.split('::').map { |seg| seg.empty? ? seg : seg[0].upcase + seg[1..-1] }.join('::')
      end

      def undef_to_nil(value)
        case value
        when :undef then nil
        when Array then value.map { |v| undef_to_nil(v) }
        when Hash then value.each_with_object({}) { |(k, v), h| h[undef_to_nil(k)] = undef_to_nil(v) }
        else value
        end
      end

      def failure(e, name)
        missing = missing_part(e)
        JSON.generate({
          'class' => e.class.name,
          'message' => e.to_s.dup.force_encoding(Encoding::UTF_8).scrub,
          'missing' => missing,
          'backtrace' => (e.backtrace || []).first(8),
          'function' => name,
        })
      end

      # The part of Puppet (or Facter) the shim lacks, when that is why e was raised.
      def missing_part(e)
        return e.part if e.is_a?(Bunraku::MissingPart)
        return nil unless e.is_a?(NameError)
        if e.is_a?(NoMethodError)
          recv = begin
            e.receiver
          rescue ArgumentError
            nil
          end
          return nil unless recv.is_a?(Module) && recv.name.to_s =~ /\A(?:Puppet|Facter)\b/
          return e.name == :[] ? "#{recv.name}[]" : "#{recv.name}.#{e.name}"
        end
        m = /uninitialized constant ((?:Puppet|Facter)(?:::\w+)*)(?![\w:])/.match(e.message)
        m && m[1]
      end

      private

      def describe_4x(found, name, path)
        classes = found[:functions] || []
        the_class = classes.find { |c| c.func_name == name } || classes.last
        unless the_class
          raise ArgumentError, "The code loaded from #{path} did not produce a Function class when evaluated. Got 'NilClass'"
        end
        unless the_class.func_name == name
          raise ArgumentError, "The code loaded from #{path} produced mis-matched name, expected '#{name}', got #{the_class.func_name}"
        end
        dispatches = the_class.dispatches
        if dispatches.empty?
          simple = name.split('::').last
          unless the_class.method_defined?(simple)
            raise ArgumentError, "Function Creation Error, cannot create a default dispatcher for function '#{name}', no method with this name found"
          end
          params = the_class.instance_method(simple).parameters.filter_map do |kind, pname|
            case kind
            when :req then { 'name' => pname.to_s, 'type' => 'Any', 'kind' => 'required' }
            when :opt then { 'name' => pname.to_s, 'type' => 'Any', 'kind' => 'optional' }
            when :rest then { 'name' => pname.to_s, 'type' => 'Any', 'kind' => 'repeated' }
            end
          end
          dispatches = [{ 'method' => simple, 'mismatch' => false, 'params' => params, 'block' => nil, 'returnType' => nil, 'scopeAt' => [], 'default' => true }]
        end
        custom_call = the_class.method_defined?(:call)
        json = { 'api' => '4x', 'name' => name, 'dispatches' => dispatches, 'localTypes' => the_class.local_type_texts, 'customCall' => custom_call }
        { class: the_class, name: name, json: json }
      end

      # Puppet 7 refuses a 3.x function file that defines methods (they would
      # leak into every scope). Its message gives the column as the line.
      def assert_legacy(source, path)
        require 'ripper'
        tree = Ripper.sexp(source)
        walk_legacy(tree, path) if tree
      end

      def walk_legacy(node, path)
        return unless node.is_a?(Array)
        if node[0] == :def || node[0] == :defs
          ident = node.find { |x| x.is_a?(Array) && x[0] == :@ident }
          name = ident ? ident[1] : '<unknown>'
          column = ident && ident[2].is_a?(Array) ? ident[2][1] : '<unknown>'
          raise SecurityError, "Illegal method definition of method '#{name}' in source #{path} on line #{column} in legacy function. See https://puppet.com/docs/puppet/latest/functions_refactor_legacy.html for more information"
        end
        node.each { |child| walk_legacy(child, path) }
      end

      def describe_3x(found, name, path)
        info = (found[:functions3x] || []).find { |n, _| n == name }
        info ||= [name, Puppet::Parser::Functions.get_function_info(name)] if Puppet::Parser::Functions.get_function_info(name)
        unless info
          raise ArgumentError, "The code loaded from #{path} does not seem to be a Puppet 3x API function - no 'newfunction' call."
        end
        fi = info[1]
        { name: name, json: { 'api' => '3x', 'name' => name, 'arity' => fi[:arity], 'type' => fi[:type].to_s } }
      end

      def describe_type(found, name, path)
        definition = (found[:types] || []).find { |d| d.name == name } || (found[:types] || []).last
        raise ArgumentError, "The code loaded from #{path} did not define a type with Puppet::Type.newtype" unless definition
        { name: definition.name, json: definition.to_h }
      end
    end
  end
end
`;
